/**
 * Fetches what the preview shows through the extension rather than the page (TEXT_URL
 * attachments, text and conversation files, PDF documents): https only (redirects too), never
 * an address of this machine or its networks, at most `maxBytes` read, and a time limit for
 * the whole exchange. Uses node's https module so VS Code's proxy settings apply.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { maxBytes: 1024 * 1024, timeoutMs: 10_000, maxRedirects: 3 };

export interface FetchedText {
  text: string;
  /** The document was longer than maxBytes; text holds its beginning. */
  truncated: boolean;
}

export interface FetchedBytes {
  bytes: Buffer;
  truncated: boolean;
  /** The Content-Type the server gave, if any. */
  contentType?: string;
}

export interface FetchOptions {
  limits?: Partial<FetchLimits>;
  signal?: AbortSignal;
  /** An agent of one's own (a proxy, or extra trusted certificates). */
  agent?: https.Agent;
  /** Which IP addresses are never connected to; by default those of this machine and private networks (isPrivateAddress). */
  isBlockedAddress?: (address: string) => boolean;
  /** The Accept header. */
  accept?: string;
}

export class FetchError extends Error {}

/**
 * Addresses a file must not make the extension reach: this machine, link-local (cloud metadata
 * services live there), private networks, and addresses that are not hosts. A row is meant for
 * Labelbox, which cannot read them either.
 */
const PRIVATE_NETWORKS = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is of this machine, a private or link-local network, or no host at all. IPv4 written in IPv6 counts as IPv4. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE_NETWORKS.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Decodes UTF-8 bytes, keeping at most maxBytes of them. */
export function decodeLimited(bytes: Uint8Array, maxBytes: number): FetchedText {
  const truncated = bytes.byteLength > maxBytes;
  const kept = truncated ? bytes.subarray(0, maxBytes) : bytes;
  // A multi-byte character cut at the limit becomes one replacement character.
  return { text: new TextDecoder('utf-8').decode(kept), truncated };
}

export async function fetchText(url: string, options: FetchOptions = {}): Promise<FetchedText> {
  const fetched = await fetchBytes(url, { accept: 'text/plain, text/markdown, application/json;q=0.9, */*;q=0.5', ...options });
  // A multi-byte character cut at the limit becomes one replacement character.
  return { text: new TextDecoder('utf-8').decode(fetched.bytes), truncated: fetched.truncated };
}

/** The bytes of a document, at most `maxBytes` of them. Never rejects with anything but a FetchError. */
export function fetchBytes(url: string, options: FetchOptions = {}): Promise<FetchedBytes> {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  const request: Request = {
    limits,
    signal: controller.signal,
    agent: options.agent,
    isBlocked: options.isBlockedAddress ?? isPrivateAddress,
    accept: options.accept ?? '*/*',
  };
  return fetchFollowing(url, request, 0)
    .catch((error: unknown) => {
      if (timedOut) throw new FetchError(`No answer within ${limits.timeoutMs / 1000} s.`);
      if (options.signal?.aborted) throw new FetchError('Cancelled.');
      throw error instanceof FetchError ? error : new FetchError(error instanceof Error ? error.message : String(error));
    })
    .finally(() => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    });
}

interface Request {
  limits: FetchLimits;
  signal: AbortSignal;
  agent: https.Agent | undefined;
  isBlocked: (address: string) => boolean;
  accept: string;
}

function refusal(host: string, address: string): FetchError {
  return new FetchError(
    `${host} is ${host === address ? 'an address' : `at ${address}, an address`} of this computer or a private network; the preview does not fetch from there (nor could Labelbox).`,
  );
}

/** DNS lookup that refuses a name resolving to a blocked address, checked when connecting (so a name cannot change its answer in between). */
function guardedLookup(host: string, isBlocked: (address: string) => boolean): LookupFunction {
  return (hostname: string, options: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, options, (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      const blocked = addresses.find(isBlocked);
      if (blocked) return callback(refusal(host, blocked), address, family);
      callback(null, address, family);
    });
  };
}

function fetchFollowing(url: string, request: Request, redirects: number): Promise<FetchedBytes> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new FetchError(`${url} is not a valid URL.`));
  }
  if (parsed.protocol !== 'https:') return Promise.reject(new FetchError(`Only https:// URLs are fetched; this one is ${parsed.protocol}//.`));
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && request.isBlocked(host)) return Promise.reject(refusal(host, host));
  const { limits, signal, agent } = request;
  return new Promise<FetchedBytes>((resolve, reject) => {
    const options: https.RequestOptions = {
      signal,
      agent,
      lookup: guardedLookup(host, request.isBlocked),
      headers: { accept: request.accept, 'user-agent': 'labelbox-import-preview' },
    };
    const onResponse = (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (redirects >= limits.maxRedirects) return reject(new FetchError(`Too many redirects (more than ${limits.maxRedirects}).`));
        // In the promise: a Location that is not a URL rejects it, and the time limit still applies.
        let next: string;
        try {
          next = new URL(location, parsed).href;
        } catch {
          return reject(new FetchError(`The server redirected to ${JSON.stringify(location.slice(0, 200))}, which is not a URL.`));
        }
        fetchFollowing(next, request, redirects + 1).then(resolve, reject);
        return;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        reject(new FetchError(`The server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}.`));
        return;
      }
      readCapped(response, limits.maxBytes, resolve, reject);
    };
    try {
      https.get(parsed, options, onResponse).on('error', reject);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** Reads the body up to the cap plus one byte (to know there was more), then stops. */
function readCapped(response: IncomingMessage, maxBytes: number, resolve: (value: FetchedBytes) => void, reject: (error: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const contentType = response.headers['content-type'];
  const finish = () => {
    if (done) return;
    done = true;
    const bytes = Buffer.concat(chunks);
    const truncated = bytes.byteLength > maxBytes;
    resolve({ bytes: truncated ? bytes.subarray(0, maxBytes) : bytes, truncated, ...(contentType ? { contentType } : {}) });
  };
  response.on('data', (chunk: Buffer) => {
    if (done) return;
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size > maxBytes) {
      finish();
      response.destroy();
    }
  });
  response.on('end', finish);
  response.on('error', (error) => {
    if (!done) reject(error);
  });
}
