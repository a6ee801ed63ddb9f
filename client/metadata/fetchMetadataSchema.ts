import { readMetadataSchema } from '../../common/metadataSchema/schemaFile';
import { isRecord } from '../../common/preview/validate';
import { checkEndpoint, DEFAULT_API_ENDPOINT, errorText, postGraphql, readGraphqlAnswer, type RawAnswer } from '../labelboxApi/graphqlPost';

/**
 * Asks Labelbox's GraphQL API for the organization's metadata schema. No `vscode` import, so
 * that it can be tested against a local HTTP server; the request itself is graphqlPost.ts.
 */

export { DEFAULT_API_ENDPOINT };
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

function post(url: URL, options: FetchOptions): Promise<RawAnswer | { failure: FetchFailure; message: string }> {
  return postGraphql(url, {
    apiKey: options.apiKey,
    query: METADATA_ONTOLOGY_QUERY,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    userAgent: options.userAgent,
    signal: options.signal,
    maxAnswerBytes: MAX_ANSWER_BYTES,
    tooLargeMessage: `The answer from ${url.host} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB; it is not a metadata schema. Is labelboxImport.apiEndpoint right?`,
    cancelledMessage: 'Fetching the metadata schema was cancelled.',
  });
}

function interpret(answer: RawAnswer, url: URL): FetchResult {
  const host = url.host;
  const status = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  const { json, errors, codes } = readGraphqlAnswer(answer);
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
