/**
 * Fetches the text a row points at (TEXT_URL attachments, text and conversation files) for
 * the preview: https only (redirects too), at most `maxBytes` read, and a time limit for the
 * whole exchange. Uses node's https module so VS Code's proxy settings apply.
 */
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';

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

export interface FetchOptions {
  limits?: Partial<FetchLimits>;
  signal?: AbortSignal;
  /** An agent of one's own (a proxy, or extra trusted certificates). */
  agent?: https.Agent;
}

export class FetchError extends Error {}

/** Decodes UTF-8 bytes, keeping at most maxBytes of them. */
export function decodeLimited(bytes: Uint8Array, maxBytes: number): FetchedText {
  const truncated = bytes.byteLength > maxBytes;
  const kept = truncated ? bytes.subarray(0, maxBytes) : bytes;
  // A multi-byte character cut at the limit becomes one replacement character.
  return { text: new TextDecoder('utf-8').decode(kept), truncated };
}

export function fetchText(url: string, options: FetchOptions = {}): Promise<FetchedText> {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  return fetchFollowing(url, limits, controller.signal, options.agent, 0)
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

function fetchFollowing(url: string, limits: FetchLimits, signal: AbortSignal, agent: https.Agent | undefined, redirects: number): Promise<FetchedText> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new FetchError(`${url} is not a valid URL.`));
  }
  if (parsed.protocol !== 'https:') return Promise.reject(new FetchError(`Only https:// URLs are fetched; this one is ${parsed.protocol}//.`));
  return new Promise<FetchedText>((resolve, reject) => {
    const request = https.get(
      parsed,
      { signal, agent, headers: { accept: 'text/plain, text/markdown, application/json;q=0.9, */*;q=0.5', 'user-agent': 'labelbox-import-preview' } },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          response.resume();
          if (redirects >= limits.maxRedirects) {
            reject(new FetchError(`Too many redirects (more than ${limits.maxRedirects}).`));
            return;
          }
          fetchFollowing(new URL(location, parsed).href, limits, signal, agent, redirects + 1).then(resolve, reject);
          return;
        }
        if (status < 200 || status >= 300) {
          response.resume();
          reject(new FetchError(`The server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}.`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          resolve(decodeLimited(Buffer.concat(chunks), limits.maxBytes));
        };
        response.on('data', (chunk: Buffer) => {
          if (done) return;
          chunks.push(chunk);
          size += chunk.byteLength;
          // Keep one byte more than the limit to know that the text was cut, then stop reading.
          if (size > limits.maxBytes) {
            finish();
            response.destroy();
          }
        });
        response.on('end', finish);
        response.on('error', (error) => {
          if (!done) reject(error);
        });
      },
    );
    request.on('error', reject);
  });
}
