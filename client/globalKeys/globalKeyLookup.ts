import { isRecord } from '../../common/preview/validate';
import { checkEndpoint, errorText, postGraphql, readGraphqlAnswer, type RawAnswer } from '../labelboxApi/graphqlPost';

/**
 * Asks Labelbox which global keys already belong to a data row of the organization, the way
 * the Python SDK does it: `Client.get_data_row_ids_for_global_keys` (labelbox-python 6.0.0,
 * libs/labelbox/src/labelbox/client.py) starts a job with the `dataRowsForGlobalKeys` query
 * and polls `dataRowsForGlobalKeysResult` (at once, then every 2 seconds) until its `jobStatus` is "COMPLETE"
 * ("FAILED" raises; after 60 seconds it gives up). The answer's `fetchedDataRows` is aligned
 * with the keys sent, with an empty id where no data row was fetched, and two lists name the
 * keys not found and those the user may not see. The SDK sends every key in one job; here they
 * go in batches, one after another, so that the user sees progress and can cancel, and a
 * failed batch costs only its keys. No `vscode` import: tested against a local server.
 */

/** Our own operation names (the SDK's are …PyApi), with the SDK's selection sets. */
export const START_JOB_QUERY = `query getDataRowsForGlobalKeysLabelboxImport($globalKeys: [ID!]!) {
  dataRowsForGlobalKeys(where: { ids: $globalKeys }) {
    jobId
  }
}`;
export const JOB_RESULT_QUERY = `query getDataRowsForGlobalKeysResultLabelboxImport($jobId: ID!) {
  dataRowsForGlobalKeysResult(jobId: { id: $jobId }) {
    data {
      fetchedDataRows {
        id
      }
      notFoundGlobalKeys
      accessDeniedGlobalKeys
    }
    jobStatus
  }
}`;

export type KeyState = 'exists' | 'access-denied' | 'absent';

export interface KeyAnswer {
  key: string;
  state: KeyState;
  dataRowId?: string;
}

export type LookupFailure = 'endpoint' | 'network' | 'timeout' | 'cancelled' | 'auth' | 'http' | 'graphql' | 'answer' | 'rate-limited' | 'job-failed';

export interface LookupOptions {
  apiKey: string;
  endpoint: string;
  userAgent?: string;
  signal?: AbortSignal;
  /** Keys per job. No limit is documented; 1,000 keeps a request small and progress visible. */
  batchSize?: number;
  /** Between polls of a job's result: the SDK's 2 seconds. */
  pollMs?: number;
  /** A job not complete after this long fails its batch: the SDK's 60 seconds. */
  jobTimeoutMs?: number;
  /** One request's time limit. */
  requestTimeoutMs?: number;
  /** Waits after a rate-limited answer without Retry-After; their count is the number of retries. */
  rateLimitDelaysMs?: readonly number[];
  /** Waits after a 5xx answer, a time-out or a broken connection; their count is the number of retries. */
  serverErrorDelaysMs?: readonly number[];
  /** The longest Retry-After honoured. */
  maxRetryAfterMs?: number;
  /** After each batch: the keys found in it (exists or access-denied) and how far the lookup is. */
  onBatch?: (found: KeyAnswer[], done: number, total: number) => void;
}

export interface LookupProblem {
  failure: LookupFailure;
  message: string;
  /** How many keys it left unchecked. */
  keys: number;
}

export interface LookupResult {
  /** Keys that a data row has (exists) or may have (access-denied). */
  found: KeyAnswer[];
  /** Keys Labelbox answered for. */
  checked: number;
  /** Keys left unchecked (failed batches, or after the lookup stopped). */
  unchecked: number;
  problems: LookupProblem[];
  /** Why the lookup stopped before the last batch, when it did. */
  stopped?: LookupFailure;
}

const DEFAULTS = {
  batchSize: 1000,
  pollMs: 2000,
  jobTimeoutMs: 60_000,
  requestTimeoutMs: 30_000,
  rateLimitDelaysMs: [5000, 10_000, 20_000, 40_000],
  serverErrorDelaysMs: [1000, 2000, 4000],
  maxRetryAfterMs: 60_000,
};
/** An answer of this lookup is a job id or a few ids per key: far below this. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** Failures after which no further batch is tried: the next would fail alike (an unreachable host, even after the retries). */
const STOPS: ReadonlySet<LookupFailure> = new Set(['endpoint', 'cancelled', 'auth', 'rate-limited', 'network']);

type Settings = Required<Pick<LookupOptions, keyof typeof DEFAULTS>> & LookupOptions & { url: URL };
type Failed = { failure: LookupFailure; message: string };

export async function lookUpGlobalKeys(keys: readonly string[], options: LookupOptions): Promise<LookupResult> {
  const result: LookupResult = { found: [], checked: 0, unchecked: 0, problems: [] };
  const url = checkEndpoint(options.endpoint);
  if (typeof url === 'string') return stop(result, { failure: 'endpoint', message: url }, keys.length);
  const settings: Settings = { ...DEFAULTS, ...definedOf(options), url };
  const batchSize = Math.max(1, Math.floor(settings.batchSize));
  for (let from = 0; from < keys.length; from += batchSize) {
    const batch = keys.slice(from, from + batchSize);
    const answered = await lookUpBatch(batch, settings);
    if ('failure' in answered) {
      if (STOPS.has(answered.failure)) return stop(result, answered, keys.length - from);
      result.problems.push({ ...answered, keys: batch.length });
      result.unchecked += batch.length;
      options.onBatch?.([], from + batch.length, keys.length);
      continue;
    }
    const found = answered.filter((answer) => answer.state !== 'absent');
    result.found.push(...found);
    result.checked += batch.length;
    options.onBatch?.(found, from + batch.length, keys.length);
  }
  return result;
}

/** The options that are set: an option passed as undefined keeps its default. */
function definedOf(options: LookupOptions): LookupOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as unknown as LookupOptions;
}

function stop(result: LookupResult, failed: Failed, left: number): LookupResult {
  result.problems.push({ ...failed, keys: left });
  result.unchecked += left;
  result.stopped = failed.failure;
  return result;
}

/** One batch: start its job, then poll until it is complete. */
async function lookUpBatch(batch: readonly string[], settings: Settings): Promise<KeyAnswer[] | Failed> {
  const started = await request(settings, START_JOB_QUERY, { globalKeys: batch });
  if ('failure' in started) return started;
  const job = isRecord(started.data.dataRowsForGlobalKeys) ? started.data.dataRowsForGlobalKeys.jobId : undefined;
  if (typeof job !== 'string' || !job) return answerProblem(settings, 'no job id (data.dataRowsForGlobalKeys.jobId)');
  const deadline = Date.now() + settings.jobTimeoutMs;
  // As the SDK does: ask at once, then every pollMs.
  for (;;) {
    const polled = await request(settings, JOB_RESULT_QUERY, { jobId: job });
    if ('failure' in polled) return polled;
    const outcome = isRecord(polled.data.dataRowsForGlobalKeysResult) ? polled.data.dataRowsForGlobalKeysResult : undefined;
    if (!outcome) return answerProblem(settings, 'no job result (data.dataRowsForGlobalKeysResult)');
    if (outcome.jobStatus === 'COMPLETE') return keyAnswers(batch, outcome.data, settings);
    if (outcome.jobStatus === 'FAILED')
      return { failure: 'job-failed', message: `Labelbox's lookup job for ${batch.length.toLocaleString('en-US')} keys failed.` };
    if (Date.now() >= deadline) {
      return {
        failure: 'timeout',
        message: `Labelbox's lookup job for ${batch.length.toLocaleString('en-US')} keys was not complete after ${Math.round(settings.jobTimeoutMs / 1000)} seconds.`,
      };
    }
    if (!(await sleep(settings.pollMs, settings.signal))) return cancelled();
  }
}

/** Each key's state, from the lists of keys not found and not accessible, and the ids aligned with the keys sent. */
function keyAnswers(batch: readonly string[], data: unknown, settings: Settings): KeyAnswer[] | Failed {
  if (!isRecord(data) || !Array.isArray(data.fetchedDataRows)) return answerProblem(settings, 'no data.fetchedDataRows list in the job result');
  const rows = data.fetchedDataRows;
  // The ids are matched to the keys by position only: a list of another length is not guessed at.
  if (rows.length !== batch.length) {
    return answerProblem(settings, `${rows.length} data row ids for the ${batch.length} keys sent`);
  }
  const notFound = new Set(stringsOf(data.notFoundGlobalKeys));
  const denied = new Set(stringsOf(data.accessDeniedGlobalKeys));
  return batch.map((key, index) => {
    if (denied.has(key)) return { key, state: 'access-denied' };
    const row: unknown = rows[index];
    const id = isRecord(row) && typeof row.id === 'string' ? row.id : '';
    if (notFound.has(key) || !id) return { key, state: 'absent' };
    return { key, state: 'exists', dataRowId: id };
  });
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function answerProblem(settings: Settings, what: string): Failed {
  return {
    failure: 'answer',
    message: `The answer from ${settings.url.host} is not a global key lookup's: ${what}. Is labelboxImport.apiEndpoint Labelbox's GraphQL URL?`,
  };
}

function cancelled(): Failed {
  return { failure: 'cancelled', message: 'The global key check was cancelled.' };
}

/** One query with the retries: rate limits (Retry-After or backoff), then 5xx answers, time-outs and broken connections. */
async function request(settings: Settings, query: string, variables: Record<string, unknown>): Promise<{ data: Record<string, unknown> } | Failed> {
  let rateLimited = 0;
  let serverErrors = 0;
  for (;;) {
    const answer = await postGraphql(settings.url, {
      apiKey: settings.apiKey,
      query,
      variables,
      timeoutMs: settings.requestTimeoutMs,
      userAgent: settings.userAgent,
      signal: settings.signal,
      maxAnswerBytes: MAX_ANSWER_BYTES,
      tooLargeMessage: `The answer from ${settings.url.host} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB; it is not a global key lookup's. Is labelboxImport.apiEndpoint right?`,
      cancelledMessage: cancelled().message,
    });
    const outcome = 'failure' in answer ? transportOutcome(answer) : interpret(answer, settings.url);
    if (!('retry' in outcome)) return outcome;
    const delays = outcome.retry === 'rate-limit' ? settings.rateLimitDelaysMs : settings.serverErrorDelaysMs;
    const attempt = outcome.retry === 'rate-limit' ? rateLimited++ : serverErrors++;
    if (attempt >= delays.length) return outcome.failed;
    const wait = outcome.retryAfterMs !== undefined ? Math.min(outcome.retryAfterMs, settings.maxRetryAfterMs) : delays[attempt];
    if (!(await sleep(wait, settings.signal))) return cancelled();
  }
}

type Outcome = { data: Record<string, unknown> } | Failed | { retry: 'rate-limit' | 'server'; retryAfterMs?: number; failed: Failed };

function transportOutcome(failed: Failed): Outcome {
  return failed.failure === 'timeout' || failed.failure === 'network' ? { retry: 'server', failed } : failed;
}

function interpret(answer: RawAnswer, url: URL): Outcome {
  const host = url.host;
  const status = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  const { json, errors, codes } = readGraphqlAnswer(answer);
  const message = isRecord(json) && typeof json.message === 'string' ? json.message : '';
  // The SDK's RequestClient raises ApiLimitError on a message starting "You have exceeded".
  if (answer.status === 429 || message.startsWith('You have exceeded')) {
    const failed: Failed = {
      failure: 'rate-limited',
      message: `Labelbox (${host}) answered ${status}: too many requests${message ? ` (${message})` : ''}. Try again in a few minutes.`,
    };
    return { retry: 'rate-limit', retryAfterMs: retryAfterMs(answer.retryAfter), failed };
  }
  if (answer.status === 401 || codes.includes('AUTHENTICATION_ERROR')) {
    return { failure: 'auth', message: 'Labelbox rejected the API key. Create a key in Labelbox (Workspace settings → API keys) and enter it again.' };
  }
  if (answer.status === 403 || codes.includes('AUTHORIZATION_ERROR')) {
    return { failure: 'auth', message: `This API key may not look up data rows by global key${errorText(errors) ? `: ${errorText(errors)}` : ''}.` };
  }
  if (answer.status >= 500) {
    return {
      retry: 'server',
      failed: { failure: 'http', message: `Labelbox (${host}) answered ${status}. The service may be down for a moment; try again later.` },
    };
  }
  if (errors.length) return { failure: 'graphql', message: `Labelbox answered with an error: ${errorText(errors) || 'no message'}.` };
  if (answer.status < 200 || answer.status >= 300) {
    return {
      failure: 'http',
      message: `Labelbox (${host}) answered ${status}. Is labelboxImport.apiEndpoint (${url.origin}${url.pathname}) Labelbox's GraphQL URL?`,
    };
  }
  const data = isRecord(json) && isRecord(json.data) ? json.data : undefined;
  if (!data)
    return { failure: 'answer', message: `The answer from ${host} is not a GraphQL answer (no data). Is labelboxImport.apiEndpoint Labelbox's GraphQL URL?` };
  return { data };
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort);
  });
}
