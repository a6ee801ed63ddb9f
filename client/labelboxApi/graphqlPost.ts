import * as http from 'node:http';
import * as https from 'node:https';
import { isRecord } from '../../common/preview/validate';
import { SETTING_DEFAULTS } from '../../common/settings';

/**
 * One GraphQL POST to Labelbox's API, shared by the commands that talk to it (the metadata
 * schema, the global key lookup). No `vscode` import, so that it is tested against a local
 * HTTP server. Node's http/https (not fetch) so that VS Code's proxy support applies. The API
 * key goes into the Authorization header only: it is never part of a message, a log line or
 * an error.
 */

export const DEFAULT_API_ENDPOINT = SETTING_DEFAULTS.apiEndpoint;

export type TransportFailure = 'network' | 'timeout' | 'cancelled' | 'answer';

export interface RawAnswer {
  status: number;
  statusText: string;
  contentType: string;
  /** The Retry-After header as sent (seconds or an HTTP date), for 429 and 503 answers. */
  retryAfter?: string;
  body: string;
}

export interface GraphqlPost {
  apiKey: string;
  query: string;
  variables?: Record<string, unknown>;
  timeoutMs: number;
  /** Sent as User-Agent, e.g. "labelbox-import-vscode/0.1.0". */
  userAgent?: string;
  signal?: AbortSignal;
  maxAnswerBytes: number;
  /** The message when the answer is over maxAnswerBytes (it says what the answer should have been). */
  tooLargeMessage: string;
  cancelledMessage: string;
}

/** Only https, except to this machine (a local proxy or a test server): the key must not travel in clear text. */
export function checkEndpoint(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return `The Labelbox API endpoint "${text}" is not a URL. Set labelboxImport.apiEndpoint to ${DEFAULT_API_ENDPOINT} or your deployment's GraphQL URL.`;
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return `The Labelbox API endpoint must be an https:// URL, so that your API key is not sent in clear text; it is "${url.origin}".`;
  }
  return url;
}

type Settled = RawAnswer | { failure: TransportFailure; message: string };

export function postGraphql(url: URL, options: GraphqlPost): Promise<Settled> {
  const host = url.host;
  const body = JSON.stringify({ query: options.query, variables: options.variables ?? {} });
  const timeoutMs = options.timeoutMs;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Settled) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      request.destroy();
      resolve(result);
    };
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${options.apiKey}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Content-Length': Buffer.byteLength(body),
        ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
      },
    });
    const timer = setTimeout(
      () =>
        finish({
          failure: 'timeout',
          message: `Labelbox (${host}) did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} seconds` : `${timeoutMs} ms`}. Try again later, or check your network and proxy settings.`,
        }),
      timeoutMs,
    );
    const onAbort = () => finish({ failure: 'cancelled', message: options.cancelledMessage });
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({ failure: 'network', message: `Could not reach Labelbox at ${host}: ${describeNetworkError(error)}.` }),
    );
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxAnswerBytes) finish({ failure: 'answer', message: options.tooLargeMessage });
        else chunks.push(chunk);
      });
      response.on('error', (error: NodeJS.ErrnoException) =>
        finish({ failure: 'network', message: `The connection to ${host} broke while reading the answer: ${describeNetworkError(error)}.` }),
      );
      response.on('end', () => {
        const retryAfter = response.headers['retry-after'];
        finish({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          contentType: String(response.headers['content-type'] ?? ''),
          ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.end(body);
  });
}

export function describeNetworkError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved (are you offline?)';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the connection was closed';
  if (code === 'ETIMEDOUT' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return 'the network is unreachable (are you offline, or behind a proxy?)';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `its TLS certificate was not accepted (${code})`;
  return code ? `${error.message} (${code})` : error.message;
}

/** The answer's JSON (undefined when it is not JSON) and its GraphQL errors with their `extensions.code`. */
export function readGraphqlAnswer(answer: RawAnswer): { json: unknown; errors: Array<Record<string, unknown>>; codes: unknown[] } {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  const errors = isRecord(json) && Array.isArray(json.errors) ? json.errors.filter(isRecord) : [];
  const codes = errors.map((error) => (isRecord(error.extensions) ? error.extensions.code : undefined));
  return { json, errors, codes };
}

/** The messages of GraphQL errors, joined. */
export function errorText(errors: Array<Record<string, unknown>>): string {
  return errors
    .map((error) => (typeof error.message === 'string' ? error.message : ''))
    .filter(Boolean)
    .join('; ');
}
