import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that answers the global key lookup as Labelbox's GraphQL API does, for
 * the unit tests of client/globalKeys/globalKeyLookup.ts and the end-to-end test of the
 * command. The shapes follow labelbox-python 6.0.0: `Client.get_data_row_ids_for_global_keys`
 * (libs/labelbox/src/labelbox/client.py) reads `dataRowsForGlobalKeys.jobId`, then polls
 * `dataRowsForGlobalKeysResult { data { fetchedDataRows { id } notFoundGlobalKeys
 * accessDeniedGlobalKeys } jobStatus }`; tests/integration/test_global_keys.py
 * (test_get_data_row_ids_for_invalid_global_keys) shows `fetchedDataRows` aligned with the keys
 * sent, with an empty id for a key that has no data row. Queries are told apart by their root
 * field, as a GraphQL server does (our operation names differ from the SDK's).
 */

export interface FakeReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface ReceivedQuery {
  /** The root field asked for: dataRowsForGlobalKeys or dataRowsForGlobalKeysResult (or another). */
  field: string;
  query: string;
  variables: Record<string, unknown>;
  authorization: string | undefined;
  userAgent: string | undefined;
  at: number;
}

export type JobBehaviour = 'normal' | 'failed' | 'never-complete' | 'wrong-length';

export interface FakeApiOptions {
  /** The API key it accepts; any other gets 401, as Labelbox answers a bad key. */
  apiKey: string;
  /** Global keys that have a data row, with that row's id. */
  existing?: ReadonlyMap<string, string>;
  /** Keys of data rows the key's user may not see. */
  accessDenied?: Iterable<string>;
  /** How many polls of a job answer "PENDING" before "COMPLETE". */
  pendingPolls?: number;
}

export class FakeLabelboxApi {
  readonly received: ReceivedQuery[] = [];
  /** The API key it accepts now (a key can be revoked in Labelbox). */
  apiKey: string;
  existing: ReadonlyMap<string, string>;
  accessDenied: Set<string>;
  pendingPolls: number;
  job: JobBehaviour = 'normal';
  /** Called as each request arrives, before it is answered (a test cancels there, at a known point). */
  onQuery: ((query: ReceivedQuery) => void) | undefined;
  /** Replies given, in order, to the next requests instead of the normal answer. */
  private readonly queued: FakeReply[] = [];
  private readonly jobs = new Map<string, { keys: string[]; polls: number }>();
  private nextJob = 1;

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    options: FakeApiOptions,
  ) {
    this.apiKey = options.apiKey;
    this.existing = options.existing ?? new Map();
    this.accessDenied = new Set(options.accessDenied ?? []);
    this.pendingPolls = options.pendingPolls ?? 1;
  }

  static async start(options: FakeApiOptions): Promise<FakeLabelboxApi> {
    let api: FakeLabelboxApi | undefined;
    const server = createServer((request, response) => api?.handle(request, response));
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    api = new FakeLabelboxApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, options);
    return api;
  }

  /** The next requests get these replies (one each), whatever they ask. */
  replyNext(...replies: FakeReply[]): void {
    this.queued.push(...replies);
  }

  /** Every request gets this reply until `reset()`. */
  replyAlways(reply: FakeReply): void {
    this.always = reply;
  }

  reset(): void {
    this.queued.length = 0;
    this.always = undefined;
    this.received.length = 0;
    this.job = 'normal';
    this.onQuery = undefined;
  }

  /** The number of keys of each job started. */
  get batchSizes(): number[] {
    return this.received.filter((query) => query.field === 'dataRowsForGlobalKeys').map((query) => (query.variables.globalKeys as unknown[]).length);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  private always: FakeReply | undefined;

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = this.answer(request, Buffer.concat(chunks).toString('utf8'));
      response.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
      response.end(reply.body);
    });
  }

  private answer(request: IncomingMessage, text: string): FakeReply {
    let body: { query?: unknown; variables?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return graphqlError(400, 'Invalid JSON body', 'BAD_USER_INPUT');
    }
    const query = typeof body.query === 'string' ? body.query : '';
    const variables = (typeof body.variables === 'object' && body.variables !== null ? body.variables : {}) as Record<string, unknown>;
    const field = /\{\s*(\w+)/.exec(query)?.[1] ?? '';
    const authorization = request.headers.authorization;
    const received = { field, query, variables, authorization, userAgent: request.headers['user-agent'], at: Date.now() };
    this.received.push(received);
    this.onQuery?.(received);
    const scripted = this.queued.shift() ?? this.always;
    if (scripted) return scripted;
    if (authorization !== `Bearer ${this.apiKey}`) return { status: 401, body: JSON.stringify({ message: 'Unauthorized' }) };
    if (field === 'dataRowsForGlobalKeys') return this.startJob(variables.globalKeys);
    if (field === 'dataRowsForGlobalKeysResult') return this.pollJob(variables.jobId);
    return graphqlError(400, `Cannot query field "${field}" on type "Query".`, 'GRAPHQL_VALIDATION_FAILED');
  }

  private startJob(keys: unknown): FakeReply {
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
      return graphqlError(400, 'Variable "$globalKeys" of required type "[ID!]!" was not provided.', 'BAD_USER_INPUT');
    }
    const jobId = `job-${this.nextJob++}`;
    this.jobs.set(jobId, { keys, polls: 0 });
    return ok({ dataRowsForGlobalKeys: { jobId } });
  }

  private pollJob(jobId: unknown): FakeReply {
    const job = typeof jobId === 'string' ? this.jobs.get(jobId) : undefined;
    if (!job) return graphqlError(200, 'Job not found', 'RESOURCE_NOT_FOUND');
    job.polls++;
    if (this.job === 'never-complete' || job.polls <= this.pendingPolls) return ok({ dataRowsForGlobalKeysResult: { data: null, jobStatus: 'PENDING' } });
    if (this.job === 'failed') return ok({ dataRowsForGlobalKeysResult: { data: null, jobStatus: 'FAILED' } });
    const denied = job.keys.filter((key) => this.accessDenied.has(key));
    const notFound = job.keys.filter((key) => !this.accessDenied.has(key) && !this.existing.has(key));
    const fetchedDataRows = job.keys.map((key) => ({ id: this.accessDenied.has(key) ? '' : (this.existing.get(key) ?? '') }));
    if (this.job === 'wrong-length') fetchedDataRows.pop();
    return ok({
      dataRowsForGlobalKeysResult: { data: { fetchedDataRows, notFoundGlobalKeys: notFound, accessDeniedGlobalKeys: denied }, jobStatus: 'COMPLETE' },
    });
  }
}

function ok(data: unknown): FakeReply {
  return { status: 200, body: JSON.stringify({ data }) };
}

function graphqlError(status: number, message: string, code: string): FakeReply {
  return { status, body: JSON.stringify({ errors: [{ message, extensions: { code } }], data: null }) };
}
