/**
 * One request to a URL, as the asset access check makes it: a HEAD, or a GET of one byte
 * (`Range: bytes=0-0`), with `Origin` set to a Labelbox origin, no cookies and no credentials.
 * Follows redirects itself (at most MAX_REDIRECTS), refuses http:// and addresses of this
 * machine or private networks at every step, and never reads more than a small body.
 */
import * as https from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { BlockedAddressError, guardedLookup, refusal } from '../privateAddresses';

export const MAX_REDIRECTS = 5;
/** A body this small is read to the end, so the connection can be used again; a bigger one is dropped. */
const DRAIN_UP_TO_BYTES = 16 * 1024;
const NOT_REQUESTED = 'the asset check does not request it';

export type ProbeMethod = 'HEAD' | 'GET';

export type ProbeOutcome =
  | { kind: 'response'; status: number; statusText: string; headers: IncomingHttpHeaders; method: ProbeMethod; finalUrl: string }
  | { kind: 'insecure-redirect'; location: string }
  | { kind: 'blocked'; message: string }
  | { kind: 'failed'; failure: 'timeout' | 'tls' | 'unreachable'; message: string }
  | { kind: 'aborted' };

export interface ProbeOptions {
  method: ProbeMethod;
  origin?: string;
  timeoutMs: number;
  agent: https.Agent;
  isBlockedAddress: (address: string) => boolean;
  signal: AbortSignal;
  /** Called as each request starts (once per redirect too); tests count them. */
  onRequestStart?: (url: string) => void;
}

class ProbeTimeout extends Error {}

export async function probe(url: string, options: ProbeOptions): Promise<ProbeOutcome> {
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const outcome = await requestOnce(current, options);
    if (outcome.kind !== 'redirect') return outcome;
    if (redirects >= MAX_REDIRECTS) return { kind: 'failed', failure: 'unreachable', message: `More than ${MAX_REDIRECTS} redirects.` };
    let next: URL;
    try {
      next = new URL(outcome.location, current);
    } catch {
      return { kind: 'failed', failure: 'unreachable', message: `Redirected to ${JSON.stringify(outcome.location.slice(0, 200))}, which is not a URL.` };
    }
    if (next.protocol === 'http:') return { kind: 'insecure-redirect', location: next.href };
    if (next.protocol !== 'https:') return { kind: 'failed', failure: 'unreachable', message: `Redirected to a ${next.protocol} URL.` };
    current = next.href;
  }
}

type OnceOutcome = ProbeOutcome | { kind: 'redirect'; location: string };

function requestOnce(url: string, options: ProbeOptions): Promise<OnceOutcome> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve({ kind: 'failed', failure: 'unreachable', message: 'Not a valid URL.' });
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && options.isBlockedAddress(host)) return Promise.resolve({ kind: 'blocked', message: refusal(host, host, NOT_REQUESTED).message });
  if (options.signal.aborted) return Promise.resolve({ kind: 'aborted' });
  return new Promise<OnceOutcome>((resolve) => {
    const headers: Record<string, string> = { 'user-agent': 'labelbox-import-asset-check', accept: '*/*' };
    if (options.origin) headers.origin = options.origin;
    if (options.method === 'GET') headers.range = 'bytes=0-0';
    let settled = false;
    const settle = (outcome: OnceOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const request = https.request(parsed, {
      method: options.method,
      agent: options.agent,
      headers,
      lookup: guardedLookup(host, options.isBlockedAddress, NOT_REQUESTED),
    });
    const timer = setTimeout(() => request.destroy(new ProbeTimeout()), options.timeoutMs);
    const onAbort = () => {
      request.destroy();
      settle({ kind: 'aborted' });
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    request.on('response', (response) => settle(answered(response, options.method, url)));
    request.on('error', (error) => settle(options.signal.aborted ? { kind: 'aborted' } : failureOf(error, options.timeoutMs)));
    options.onRequestStart?.(url);
    request.end();
  });
}

function answered(response: IncomingMessage, method: ProbeMethod, url: string): OnceOutcome {
  const status = response.statusCode ?? 0;
  const length = Number(response.headers['content-length']);
  // The connection is kept for the next request only when what is left of the body is small.
  if (method === 'HEAD' || (Number.isFinite(length) && length <= DRAIN_UP_TO_BYTES)) {
    response.on('error', () => undefined);
    response.resume();
  } else {
    response.destroy();
  }
  const location = response.headers.location;
  if (status >= 300 && status < 400 && location) return { kind: 'redirect', location };
  return { kind: 'response', status, statusText: response.statusMessage ?? '', headers: response.headers, method, finalUrl: url };
}

function failureOf(error: Error, timeoutMs: number): ProbeOutcome {
  if (error instanceof ProbeTimeout) return { kind: 'failed', failure: 'timeout', message: `No answer within ${timeoutMs / 1000} s.` };
  if (error instanceof BlockedAddressError) return { kind: 'blocked', message: error.message };
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_|ALTNAME/.test(code)) {
    return {
      kind: 'failed',
      failure: 'tls',
      message: `The TLS certificate was refused: ${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}.`,
    };
  }
  const what = code === 'ENOTFOUND' ? 'The host name does not resolve' : code === 'ECONNREFUSED' ? 'The connection was refused' : 'The request failed';
  return { kind: 'failed', failure: 'unreachable', message: `${what}: ${error.message}.` };
}
