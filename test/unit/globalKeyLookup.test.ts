import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { lookUpGlobalKeys, retryAfterMs, type LookupOptions, type LookupResult } from '../../client/globalKeys/globalKeyLookup';
import { FakeLabelboxApi } from '../support/fakeLabelboxApi';

/**
 * The global key lookup of "Labelbox: Check Global Keys Against Labelbox", against a local
 * server that answers as Labelbox's API does (test/support/fakeLabelboxApi.ts): a job per
 * batch, polled until complete, with partial answers, rate limits and errors.
 */

const KEY = 'lb-test-key-0123456789abcdef';
let api: FakeLabelboxApi;

before(async () => {
  api = await FakeLabelboxApi.start({
    apiKey: KEY,
    existing: new Map([
      ['field-survey/IMG_0001.jpg', 'clx0000000001dr0000000001'],
      ['field-survey/IMG_0003.jpg', 'clx0000000003dr0000000003'],
    ]),
  });
});
after(() => api.close());
beforeEach(() => {
  api.reset();
  api.pendingPolls = 1;
  api.accessDenied = new Set();
});

/** Fast waits: the real ones (2 s polls, 5–40 s backoff) would make each test take minutes. */
function lookUp(keys: readonly string[], options: Partial<LookupOptions> = {}): Promise<LookupResult> {
  return lookUpGlobalKeys(keys, {
    apiKey: KEY,
    endpoint: api.endpoint,
    userAgent: 'labelbox-import-vscode/test',
    pollMs: 10,
    rateLimitDelaysMs: [20, 20],
    serverErrorDelaysMs: [20, 20],
    requestTimeoutMs: 2000,
    ...options,
  });
}

const keysOf = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `field-survey/IMG_${String(from + i).padStart(4, '0')}.jpg`);

test("starts a job with the SDK's query, polls it until COMPLETE, and reads the ids aligned with the keys sent", async () => {
  api.pendingPolls = 2;
  const result = await lookUp(keysOf(4));
  assert.deepEqual(result.found, [
    { key: 'field-survey/IMG_0001.jpg', state: 'exists', dataRowId: 'clx0000000001dr0000000001' },
    { key: 'field-survey/IMG_0003.jpg', state: 'exists', dataRowId: 'clx0000000003dr0000000003' },
  ]);
  assert.equal(result.checked, 4);
  assert.equal(result.unchecked, 0);
  assert.deepEqual(result.problems, []);
  // One start and three polls (PENDING, PENDING, COMPLETE).
  assert.deepEqual(
    api.received.map((query) => query.field),
    ['dataRowsForGlobalKeys', 'dataRowsForGlobalKeysResult', 'dataRowsForGlobalKeysResult', 'dataRowsForGlobalKeysResult'],
  );
  const [start, poll] = api.received;
  assert.equal(start.authorization, `Bearer ${KEY}`);
  assert.equal(start.userAgent, 'labelbox-import-vscode/test');
  assert.deepEqual(start.variables, { globalKeys: keysOf(4) });
  const flat = (query: string) => query.replace(/\s+/g, ' ');
  assert.match(flat(start.query), /^query \w+\(\$globalKeys: \[ID!\]!\) \{ dataRowsForGlobalKeys\(where: \{ ids: \$globalKeys \}\) \{ jobId \} \}$/);
  assert.deepEqual(poll.variables, { jobId: 'job-1' });
  assert.match(
    flat(poll.query),
    /^query \w+\(\$jobId: ID!\) \{ dataRowsForGlobalKeysResult\(jobId: \{ id: \$jobId \}\) \{ data \{ fetchedDataRows \{ id \} notFoundGlobalKeys accessDeniedGlobalKeys \} jobStatus \} \}$/,
  );
});

test('sends the keys in batches, one job after another, and reports each batch', async () => {
  const progress: Array<[number, number, number]> = [];
  const result = await lookUp(keysOf(2500), { batchSize: 1000, onBatch: (found, done, total) => progress.push([found.length, done, total]) });
  assert.deepEqual(api.batchSizes, [1000, 1000, 500]);
  assert.deepEqual(progress, [
    [2, 1000, 2500],
    [0, 2000, 2500],
    [0, 2500, 2500],
  ]);
  assert.equal(result.checked, 2500);
  // Each job is polled to its end before the next starts.
  assert.deepEqual(
    api.received.map((query) => (query.field === 'dataRowsForGlobalKeys' ? 'start' : 'poll')),
    ['start', 'poll', 'poll', 'start', 'poll', 'poll', 'start', 'poll', 'poll'],
  );
});

test('by default a job asks about at most 1,000 keys', async () => {
  const result = await lookUp(keysOf(1500));
  assert.deepEqual(api.batchSizes, [1000, 500]);
  assert.equal(result.checked, 1500);
});

test('a partial answer: keys not found and keys whose data row the user may not see', async () => {
  api.accessDenied = new Set(['field-survey/IMG_0002.jpg']);
  const result = await lookUp(keysOf(3));
  assert.deepEqual(result.found, [
    { key: 'field-survey/IMG_0001.jpg', state: 'exists', dataRowId: 'clx0000000001dr0000000001' },
    { key: 'field-survey/IMG_0002.jpg', state: 'access-denied' },
    { key: 'field-survey/IMG_0003.jpg', state: 'exists', dataRowId: 'clx0000000003dr0000000003' },
  ]);
  assert.equal(result.checked, 3);
});

test('a rate limit: HTTP 429 with Retry-After is waited out, then the lookup goes on', async () => {
  api.replyNext({ status: 429, body: '{"message":"Too many requests"}', headers: { 'Retry-After': '1' } });
  const started = Date.now();
  const result = await lookUp(keysOf(1));
  assert.equal(result.found.length, 1);
  assert.deepEqual(result.problems, []);
  const [limited, retried] = api.received;
  assert.ok(retried.at - limited.at >= 950, `waited ${retried.at - limited.at} ms for Retry-After: 1`);
  assert.ok(Date.now() - started < 5000);
});

test('a rate limit the SDK knows by its message ("You have exceeded…") is retried with backoff', async () => {
  api.replyNext({ status: 200, body: JSON.stringify({ message: 'You have exceeded your API limit' }) });
  const result = await lookUp(keysOf(1));
  assert.equal(result.checked, 1);
  // The start, the start again, then a PENDING poll and the COMPLETE one.
  assert.deepEqual(
    api.received.map((query) => query.field),
    ['dataRowsForGlobalKeys', 'dataRowsForGlobalKeys', 'dataRowsForGlobalKeysResult', 'dataRowsForGlobalKeysResult'],
  );
});

test('a rate limit that does not end stops the lookup: the rest is left unchecked, and nothing more is sent', async () => {
  api.replyAlways({ status: 429, body: '{}' });
  const result = await lookUp(keysOf(2500), { batchSize: 1000 });
  assert.equal(result.stopped, 'rate-limited');
  assert.equal(result.checked, 0);
  assert.equal(result.unchecked, 2500);
  assert.match(
    result.problems[0].message,
    /^Labelbox \(127\.0\.0\.1:\d+\) answered HTTP 429 Too Many Requests: too many requests\. Try again in a few minutes\.$/,
  );
  // The first try and the two retries of the first batch's start.
  assert.equal(api.received.length, 3);
});

test('an HTTP 500 is retried; a batch that keeps failing is reported and the next batch goes on', async () => {
  api.replyNext({ status: 500, body: 'Internal Server Error' });
  const recovered = await lookUp(keysOf(1));
  assert.equal(recovered.checked, 1);
  assert.deepEqual(recovered.problems, []);

  api.reset();
  api.replyNext(...Array.from({ length: 3 }, () => ({ status: 502, body: 'Bad gateway' })));
  const result = await lookUp(keysOf(3), { batchSize: 2 });
  assert.equal(result.stopped, undefined);
  assert.equal(result.checked, 1);
  assert.equal(result.unchecked, 2);
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0].message, /answered HTTP 502 Bad Gateway\. The service may be down/);
  assert.deepEqual(result.found, [{ key: 'field-survey/IMG_0003.jpg', state: 'exists', dataRowId: 'clx0000000003dr0000000003' }]);
});

test('an invalid API key (HTTP 401, or AUTHENTICATION_ERROR) stops at once, and the key is in no message', async () => {
  const result = await lookUp(keysOf(2500), { apiKey: 'wrong-key', batchSize: 1000 });
  assert.equal(result.stopped, 'auth');
  assert.equal(result.unchecked, 2500);
  assert.equal(api.received.length, 1);
  assert.match(result.problems[0].message, /^Labelbox rejected the API key\./);

  api.reset();
  api.replyNext({
    status: 200,
    body: JSON.stringify({ errors: [{ message: 'Not authenticated', extensions: { code: 'AUTHENTICATION_ERROR' } }], data: null }),
  });
  const graphql = await lookUp(keysOf(1));
  assert.equal(graphql.stopped, 'auth');
  for (const problem of [...result.problems, ...graphql.problems]) assert.ok(!problem.message.includes(KEY) && !problem.message.includes('wrong-key'));
});

test('a FAILED job, a job that never completes and an answer of the wrong length fail their batch only', async () => {
  api.job = 'failed';
  const failed = await lookUp(keysOf(2));
  assert.deepEqual([failed.stopped, failed.unchecked, failed.problems[0].failure], [undefined, 2, 'job-failed']);
  assert.match(failed.problems[0].message, /lookup job for 2 keys failed/);

  api.reset();
  api.job = 'never-complete';
  const started = Date.now();
  const slow = await lookUp(keysOf(2), { jobTimeoutMs: 200 });
  assert.equal(slow.problems[0].failure, 'timeout');
  assert.ok(Date.now() - started < 3000);

  api.reset();
  api.job = 'wrong-length';
  const wrong = await lookUp(keysOf(2));
  assert.equal(wrong.problems[0].failure, 'answer');
  assert.match(wrong.problems[0].message, /1 data row ids for the 2 keys sent/);
  assert.deepEqual(wrong.found, [], 'ids are never matched to keys by guesswork');
});

test('cancelling while a job is polled stops at once: no request follows the abort', async () => {
  api.job = 'never-complete';
  const controller = new AbortController();
  let polls = 0;
  // Cancel as the third poll arrives: that request is then in flight, and nothing may follow it.
  api.onQuery = (query) => {
    if (query.field === 'dataRowsForGlobalKeysResult' && ++polls === 3) controller.abort();
  };
  const result = await lookUp(keysOf(2500), { signal: controller.signal, pollMs: 20, batchSize: 1000 });
  assert.equal(result.stopped, 'cancelled');
  assert.equal(result.unchecked, 2500);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(
    api.received.map((query) => query.field),
    ['dataRowsForGlobalKeys', 'dataRowsForGlobalKeysResult', 'dataRowsForGlobalKeysResult', 'dataRowsForGlobalKeysResult'],
    'no request after the abort',
  );
});

test('an unreachable host stops the lookup after the retries, instead of failing every batch alike', async () => {
  const closed = await FakeLabelboxApi.start({ apiKey: KEY });
  const endpoint = closed.endpoint;
  await closed.close();
  const result = await lookUp(keysOf(2500), { endpoint, batchSize: 1000 });
  assert.equal(result.stopped, 'network');
  assert.equal(result.unchecked, 2500);
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0].message, /^Could not reach Labelbox at 127\.0\.0\.1:\d+: the connection was refused\.$/);
});

test('the key goes only over https, or to this machine', async () => {
  const result = await lookUp(keysOf(1), { endpoint: 'http://api.example.com/graphql' });
  assert.equal(result.stopped, 'endpoint');
  assert.match(result.problems[0].message, /must be an https:\/\/ URL/);
  assert.equal(api.received.length, 0);
});

test('Retry-After in seconds or as a date', () => {
  assert.equal(retryAfterMs('7'), 7000);
  assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000);
  assert.equal(retryAfterMs('soon'), undefined);
  assert.equal(retryAfterMs(undefined), undefined);
});
