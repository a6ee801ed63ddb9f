/**
 * Fetches what the preview shows through the extension rather than the page (TEXT_URL
 * attachments, text and conversation files, PDF documents): https only (redirects too), never
 * an address of this machine or its networks, at most `maxBytes` read, and a time limit for
 * the whole exchange. Uses node's https module so VS Code's proxy settings apply.
 */
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress, refusal } from '../../common/node/privateAddresses';

export { isPrivateAddress };

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

function fetchFollowing(url: string, request: Request, redirects: number): Promise<FetchedBytes> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new FetchError(`${url} is not a valid URL.`));
  }
  if (parsed.protocol !== 'https:') return Promise.reject(new FetchError(`Only https:// URLs are fetched; this one is ${parsed.protocol}//.`));
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && request.isBlocked(host)) return Promise.reject(new FetchError(refusal(host, host).message));
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
