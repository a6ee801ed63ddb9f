import * as http from 'node:http';
import * as https from 'node:https';
import { readMetadataSchema } from '../../common/metadataSchema/schemaFile';
import { isRecord } from '../../common/preview/validate';
import { SETTING_DEFAULTS } from '../../common/settings';

/**
 * Asks Labelbox's GraphQL API for the organization's metadata schema. No `vscode` import, so
 * that it can be tested against a local HTTP server. Node's http/https (not fetch) so that
 * VS Code's proxy support applies. The API key goes into the Authorization header only: it is
 * never part of a message, a log line or an error.
 */

export const DEFAULT_API_ENDPOINT = SETTING_DEFAULTS.apiEndpoint;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Far above any real organization's schema; a bigger answer is not one. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** The selection set of the Python SDK's `DataRowMetadataOntology._get_ontology`, so the answer has the SDK's shape. */
export const METADATA_ONTOLOGY_QUERY = `query GetMetadataOntologyLabelboxImport {
  customMetadataOntology {
    id
    name
    kind
    reserved
    options {
      id
      kind
      name
      reserved
    }
  }
}`;

export type FetchFailure = 'endpoint' | 'network' | 'timeout' | 'cancelled' | 'auth' | 'http' | 'graphql' | 'answer';

export type FetchResult =
  | {
      ok: true;
      /** The file to write: the API's answer, pretty-printed. */
      fileText: string;
      customFieldCount: number;
      warnings: string[];
    }
  | { ok: false; failure: FetchFailure; message: string };

export interface FetchOptions {
  apiKey: string;
  endpoint?: string;
  timeoutMs?: number;
  /** Sent as User-Agent, e.g. "labelbox-import-vscode/0.1.0". */
  userAgent?: string;
  signal?: AbortSignal;
}

export async function fetchMetadataSchema(options: FetchOptions): Promise<FetchResult> {
  const endpoint = checkEndpoint(options.endpoint ?? DEFAULT_API_ENDPOINT);
  if (typeof endpoint === 'string') return { ok: false, failure: 'endpoint', message: endpoint };
  const answer = await post(endpoint, options);
  if ('failure' in answer) return { ok: false, ...answer };
  return interpret(answer, endpoint);
}

/** Only https, except to this machine (a local proxy or a test server): the key must not travel in clear text. */
function checkEndpoint(text: string): URL | string {
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

interface RawAnswer {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
}

function post(url: URL, options: FetchOptions): Promise<RawAnswer | { failure: FetchFailure; message: string }> {
  const host = url.host;
  const body = JSON.stringify({ query: METADATA_ONTOLOGY_QUERY, variables: {} });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: RawAnswer | { failure: FetchFailure; message: string }) => {
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
    const onAbort = () => finish({ failure: 'cancelled', message: 'Fetching the metadata schema was cancelled.' });
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
        if (size > MAX_ANSWER_BYTES)
          finish({
            failure: 'answer',
            message: `The answer from ${host} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB; it is not a metadata schema. Is labelboxImport.apiEndpoint right?`,
          });
        else chunks.push(chunk);
      });
      response.on('error', (error: NodeJS.ErrnoException) =>
        finish({ failure: 'network', message: `The connection to ${host} broke while reading the answer: ${describeNetworkError(error)}.` }),
      );
      response.on('end', () =>
        finish({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          contentType: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.end(body);
  });
}

function interpret(answer: RawAnswer, url: URL): FetchResult {
  const host = url.host;
  const status = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  const errors = isRecord(json) && Array.isArray(json.errors) ? json.errors.filter(isRecord) : [];
  const codes = errors.map((error) => (isRecord(error.extensions) ? error.extensions.code : undefined));
  if (answer.status === 401 || codes.includes('AUTHENTICATION_ERROR')) {
    return {
      ok: false,
      failure: 'auth',
      message: 'Labelbox rejected the API key. Create a key in Labelbox (Workspace settings → API keys) and enter it again.',
    };
  }
  if (answer.status === 403 || codes.includes('AUTHORIZATION_ERROR')) {
    return {
      ok: false,
      failure: 'auth',
      message: `This API key may not read your organization's metadata schema${errorText(errors) ? `: ${errorText(errors)}` : ''}. Use a key of a user with access to the metadata schema.`,
    };
  }
  if (answer.status === 429) return { ok: false, failure: 'http', message: `Labelbox (${host}) answered ${status}: too many requests. Try again in a minute.` };
  if (answer.status >= 500)
    return { ok: false, failure: 'http', message: `Labelbox (${host}) answered ${status}. The service may be down for a moment; try again later.` };
  if (errors.length) return { ok: false, failure: 'graphql', message: `Labelbox answered with an error: ${errorText(errors) || 'no message'}.` };
  if (answer.status < 200 || answer.status >= 300)
    return {
      ok: false,
      failure: 'http',
      message: `Labelbox (${host}) answered ${status}. Is labelboxImport.apiEndpoint (${url.origin}${url.pathname}) Labelbox's GraphQL URL?`,
    };
  if (json === undefined) {
    const kind = answer.contentType ? ` (${answer.contentType.split(';')[0]})` : '';
    return {
      ok: false,
      failure: 'answer',
      message: `The answer from ${host} is not JSON${kind}. Is labelboxImport.apiEndpoint (${url.origin}${url.pathname}) Labelbox's GraphQL URL?`,
    };
  }
  const data = isRecord(json) && isRecord(json.data) ? json.data : undefined;
  if (!data || !Array.isArray(data.customMetadataOntology)) {
    return {
      ok: false,
      failure: 'answer',
      message: `The answer from ${host} has no metadata schema (no data.customMetadataOntology list). Is labelboxImport.apiEndpoint Labelbox's GraphQL URL?`,
    };
  }
  const read = readMetadataSchema(json);
  if (!read.ok) return { ok: false, failure: 'answer', message: `The metadata schema Labelbox sent cannot be read: ${read.error}` };
  // The file is the answer as the API gave it, so that it matches what the SDK sees.
  const fileText = `${JSON.stringify({ data: { customMetadataOntology: data.customMetadataOntology } }, null, 2)}\n`;
  return { ok: true, fileText, customFieldCount: read.fields.filter((field) => !field.reserved).length, warnings: read.warnings };
}

function describeNetworkError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved (are you offline?)';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the connection was closed';
  if (code === 'ETIMEDOUT' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return 'the network is unreachable (are you offline, or behind a proxy?)';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `its TLS certificate was not accepted (${code})`;
  return code ? `${error.message} (${code})` : error.message;
}

function errorText(errors: Array<Record<string, unknown>>): string {
  return errors
    .map((error) => (typeof error.message === 'string' ? error.message : ''))
    .filter(Boolean)
    .join('; ');
}
