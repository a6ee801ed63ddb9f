import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGlobalKeys, UNTRUSTED_MESSAGE, type CheckOutcome, type CheckSteps } from '../../client/globalKeys/checkGlobalKeys';
import type { LabelboxKeyResultsParams } from '../../common/protocol';
import { FakeLabelboxApi } from '../support/fakeLabelboxApi';

/**
 * The steps of "Labelbox: Check Global Keys Against Labelbox" with the editor's parts replaced
 * by recorders, against the local fake of Labelbox's API: the trust gate first, then the keys,
 * the API key, the lookup under progress, the answers sent to the server, and the summary.
 */

const KEY = 'lb-test-key-0123456789abcdef';
const URI = 'file:///work/batch-002.labelbox.json';
const FILE_KEYS = ['survey/a.jpg', 'survey/b.jpg', 'survey/c.jpg'];
let api: FakeLabelboxApi;

before(async () => {
  api = await FakeLabelboxApi.start({ apiKey: KEY, existing: new Map([['survey/b.jpg', 'clx00000000000b0000000000b']]) });
});
after(() => api.close());
beforeEach(() => api.reset());

interface Recorded {
  keysAsked: string[];
  apiKeyAsked: string[];
  progress: Array<[string, number]>;
  sent: LabelboxKeyResultsParams[];
}

/** Cancels the run in progress, as the notification's Cancel button does. */
let cancelRun: (() => void) | undefined;

async function run(overrides: Partial<CheckSteps> = {}): Promise<{ outcome: CheckOutcome; recorded: Recorded }> {
  const recorded: Recorded = { keysAsked: [], apiKeyAsked: [], progress: [], sent: [] };
  const outcome = await checkGlobalKeys({
    trusted: true,
    uri: URI,
    fileLabel: 'batch-002.labelbox.json',
    endpoint: api.endpoint,
    keysOf: (uri) => {
      recorded.keysAsked.push(uri);
      return Promise.resolve({ keys: FILE_KEYS, total: FILE_KEYS.length });
    },
    apiKeyFor: (origin) => {
      recorded.apiKeyAsked.push(origin);
      return Promise.resolve({ key: KEY, stored: true });
    },
    withProgress: (_title, task) => {
      const controller = new AbortController();
      cancelRun = () => controller.abort();
      return task((message, increment) => recorded.progress.push([message, increment]), controller.signal);
    },
    sendResults: (params) => recorded.sent.push(params),
    lookupOptions: { pollMs: 10, batchSize: 2 },
    now: () => new Date('2026-12-05T14:02:00.000Z'),
    ...overrides,
  });
  return { outcome, recorded };
}

test('in an untrusted workspace nothing is read, asked for or sent, and the message says why', async () => {
  const { outcome, recorded } = await run({ trusted: false });
  assert.deepEqual(outcome, { kind: 'refused', message: UNTRUSTED_MESSAGE });
  assert.match(UNTRUSTED_MESSAGE, /off in an untrusted workspace: it sends the file's global keys and your API key to labelboxImport\.apiEndpoint/);
  assert.deepEqual(recorded, { keysAsked: [], apiKeyAsked: [], progress: [], sent: [] });
  assert.equal(api.received.length, 0);
});

test("asks about the file's keys in batches with progress, sends the found keys to the server, and sums up", async () => {
  const { outcome, recorded } = await run();
  assert.equal(outcome.kind, 'done');
  if (outcome.kind !== 'done') return;
  assert.deepEqual(recorded.keysAsked, [URI]);
  assert.deepEqual(recorded.apiKeyAsked, [new URL(api.endpoint).origin]);
  assert.deepEqual(api.batchSizes, [2, 1]);
  // VS Code adds the increments up: they reach 100 at the end.
  assert.deepEqual(
    recorded.progress.map(([message]) => message),
    ['0 of 3 keys', '2 of 3 keys, 1 found', '3 of 3 keys, 1 found'],
  );
  assert.equal(Math.round(recorded.progress.reduce((sum, [, increment]) => sum + increment, 0)), 100);
  assert.equal(Math.round(recorded.progress[1][1]), 67);
  // The first answer replaces earlier findings; each batch's found keys follow.
  assert.deepEqual(recorded.sent, [
    {
      uri: URI,
      checkedAt: '2026-12-05T14:02:00.000Z',
      replace: true,
      results: [{ key: 'survey/b.jpg', state: 'exists', dataRowId: 'clx00000000000b0000000000b' }],
    },
    { uri: URI, checkedAt: '2026-12-05T14:02:00.000Z', replace: false, results: [] },
  ]);
  assert.equal(outcome.summary, '1 of 3 global keys of batch-002.labelbox.json already exists in Labelbox (each is an error at its rows).');
});

test('no key found, some keys unchecked, and a file with more keys than one run asks about', async () => {
  api.existing = new Map();
  api.replyNext(...Array.from({ length: 4 }, () => ({ status: 503, body: 'Unavailable' })));
  const { outcome } = await run({
    keysOf: () => Promise.resolve({ keys: FILE_KEYS, total: 250_000 }),
    lookupOptions: { pollMs: 10, batchSize: 2, serverErrorDelaysMs: [10, 10, 10] },
  });
  assert.equal(outcome.kind, 'done');
  if (outcome.kind !== 'done') return;
  assert.match(
    outcome.summary,
    /^None of 3 global keys of batch-002\.labelbox\.json checked so far exists in Labelbox; 2 could not be checked: Labelbox \(127\.0\.0\.1:\d+\) answered HTTP 503 Service Unavailable\. The service may be down for a moment; try again later; only the first 3 of its 250,000 keys were asked about\.$/,
  );
});

test('cancelling stops the lookup and says how far it got', async () => {
  api.job = 'never-complete';
  // Cancel as the first poll arrives: no request of this run is left in flight for the next test.
  api.onQuery = (query) => {
    if (query.field === 'dataRowsForGlobalKeysResult') cancelRun?.();
  };
  const { outcome } = await run();
  assert.equal(outcome.kind, 'done');
  if (outcome.kind !== 'done') return;
  assert.equal(outcome.result.stopped, 'cancelled');
  assert.equal(outcome.summary, 'Cancelled after 0 of 3 global keys of batch-002.labelbox.json.');
});

test('a rejected key, a file that is not an import file, no keys, a dismissed key prompt and a bad endpoint', async () => {
  const rejected = await run({ apiKeyFor: () => Promise.resolve({ key: 'wrong', stored: true }) });
  assert.equal(rejected.outcome.kind === 'done' && rejected.outcome.result.stopped, 'auth');
  assert.deepEqual(rejected.recorded.sent, []);

  const notImport = await run({ keysOf: () => Promise.resolve(null) });
  assert.deepEqual(notImport.outcome, {
    kind: 'refused',
    message: 'batch-002.labelbox.json is not checked as a Labelbox import file, so it has no global keys to check.',
  });
  const serverDown = await run({ keysOf: () => Promise.reject(new Error('Client is not running')) });
  assert.deepEqual(serverDown.outcome, {
    kind: 'refused',
    message: 'The Labelbox language server did not list the global keys of batch-002.labelbox.json: Client is not running',
  });
  const none = await run({ keysOf: () => Promise.resolve({ keys: [], total: 0 }) });
  assert.deepEqual(none.outcome, { kind: 'refused', message: 'batch-002.labelbox.json has no global keys to check.' });
  assert.deepEqual((await run({ apiKeyFor: () => Promise.resolve(undefined) })).outcome, { kind: 'no-key' });
  const plain = await run({ endpoint: 'http://api.example.com/graphql' });
  assert.equal(plain.outcome.kind, 'refused');
  assert.deepEqual(plain.recorded.apiKeyAsked, [], 'no key is asked for an endpoint it would not be sent to');
  assert.equal(api.received.length, 1, 'only the rejected key reached the API');
});
