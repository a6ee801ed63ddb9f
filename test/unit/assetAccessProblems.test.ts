/**
 * The asset access check's results as problems (service/features/assetAccess.ts): each
 * failure at every place the file uses the URL, a missing CORS rule once per host, and which
 * URLs the check asks for. The requests themselves are tested in accessChecker.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCESS_FAILURES, ACCESS_RULE_CODES, type AccessFailure, type AccessResult, type AccessVerdict } from '../../common/assetAccess';
import { ImportDocument, createValidationContext, RULES } from '../../service';
import { assetAccessTargets } from '../../service/features/assetAccess';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

const CHECKED_AT = Date.UTC(2026, 11, 5, 14, 2);

function failed(reason: AccessFailure, detail = `It failed: ${reason}.`): AccessVerdict {
  return { ok: false, reason, detail };
}

function results(entries: Array<[string, AccessVerdict]>): Map<string, AccessResult> {
  return new Map(entries.map(([url, verdict]) => [url, { url, verdict, checkedAt: CHECKED_AT }]));
}

const URL_OF = (reason: string) => `https://cdn.example.com/${reason}.png`;

/** One row per failure, each URL marked. */
const SOURCE = `[\n${ACCESS_FAILURES.map((reason) => `  {"row_data": "⟦${URL_OF(reason)}⟧", "global_key": "${reason}"}`).join(',\n')}\n]`;

test('every rule code of the check is in the rule table', () => {
  for (const reason of ACCESS_FAILURES) assert.ok(ACCESS_RULE_CODES[reason] in RULES, ACCESS_RULE_CODES[reason]);
});

test('each failure is a problem at the URL, with when it was checked', () => {
  const doc = marked(SOURCE, { assetAccess: results(ACCESS_FAILURES.map((reason) => [URL_OF(reason), failed(reason)])) });
  expectProblem(doc, 'asset-not-found', { range: 0, severity: 'warning', message: /It failed: not-found\. \(checked at 14:02 UTC\)/ });
  expectProblem(doc, 'asset-access-denied', { range: 1 });
  expectProblem(doc, 'asset-expired', { range: 2 });
  expectProblem(doc, 'asset-timeout', { range: 3 });
  expectProblem(doc, 'asset-tls-error', { range: 4 });
  expectProblem(doc, 'asset-unreachable', { range: 5 });
  expectProblem(doc, 'asset-insecure-redirect', { range: 6 });
  expectProblem(doc, 'asset-content-type', { range: 7 });
  expectProblem(doc, 'asset-cors-missing', { range: 8 });
  expectProblem(doc, 'asset-server-error', { range: 9 });
  expectProblem(doc, 'asset-rate-limited', { range: 10, severity: 'information' });
  expectProblem(doc, 'asset-http-error', { range: 11 });
});

test('no result, a success, or a URL not checked from here: no problem', () => {
  const ok: AccessVerdict = { ok: true, status: 200, contentType: 'image/png' };
  const notChecked: AccessVerdict = { ok: false, reason: 'not-checked', detail: 'a private address' };
  const entries: Array<[string, AccessVerdict]> = ACCESS_FAILURES.map((reason, index) => [URL_OF(reason), index % 2 ? ok : notChecked]);
  for (const doc of [marked(SOURCE), marked(SOURCE, { assetAccess: results(entries) })]) {
    expectNoProblem(doc, 'asset-not-found');
    expectNoProblem(doc, 'asset-access-denied');
    expectNoProblem(doc, 'asset-expired');
    expectNoProblem(doc, 'asset-timeout');
    expectNoProblem(doc, 'asset-tls-error');
    expectNoProblem(doc, 'asset-unreachable');
    expectNoProblem(doc, 'asset-insecure-redirect');
    expectNoProblem(doc, 'asset-content-type');
    expectNoProblem(doc, 'asset-cors-missing');
    expectNoProblem(doc, 'asset-server-error');
    expectNoProblem(doc, 'asset-rate-limited');
    expectNoProblem(doc, 'asset-http-error');
  }
});

test('a URL used by several rows is reported at each; a missing CORS rule once per host', () => {
  const source = `[
  {"row_data": "⟦https://a.example.com/1.png⟧", "attachments": [{"type": "IMAGE", "value": "⟦https://a.example.com/1.png⟧"}]},
  {"row_data": "⟦https://b.example.com/1.png⟧"},
  {"row_data": "https://b.example.com/2.png"},
  {"row_data": "https://b.example.com/3.png"}
]`;
  const doc = marked(source, {
    assetAccess: results([
      ['https://a.example.com/1.png', failed('not-found')],
      ['https://b.example.com/1.png', failed('cors')],
      ['https://b.example.com/2.png', failed('cors')],
      ['https://b.example.com/3.png', failed('cors')],
    ]),
  });
  expectProblem(doc, 'asset-not-found', { range: 0 });
  expectProblem(doc, 'asset-not-found', { range: 1 });
  expectProblemCount(doc, 'asset-cors-missing', 1);
  expectProblem(doc, 'asset-cors-missing', { range: 2, message: /3 URLs of b\.example\.com answer so/ });
  // The severity setting applies as to every rule.
  const off = marked(source, { assetAccess: results([['https://a.example.com/1.png', failed('not-found')]]), severityOverrides: { 'asset-not-found': 'off' } });
  expectNoProblem(off, 'asset-not-found');
});

test('the URLs the check asks for: distinct, with their rows; gs:// and paths counted as not checkable, with why', () => {
  const text = JSON.stringify([
    {
      row_data: 'https://cdn.example.com/a.jpg',
      global_key: 'a',
      media_type: 'IMAGE',
      attachments: [{ type: 'TEXT_URL', value: 'https://cdn.example.com/notes.txt' }],
    },
    { row_data: 'https://cdn.example.com/a.jpg', global_key: 'b' },
    { row_data: 'gs://bucket/c.jpg', global_key: 'c' },
    { row_data: 'images/d.jpg', global_key: 'd' },
    { row_data: { tile_layer_url: 'https://tiles.example.com/{z}/{x}/{y}.png', epsg: 'EPSG4326' }, media_type: 'TMS_GEO', global_key: 'e' },
  ]);
  const targets = assetAccessTargets(new ImportDocument(text, createValidationContext()));
  assert.deepEqual(
    targets.urls.map((entry) => [entry.url, entry.fetchUrl, entry.expect, entry.rows]),
    [
      ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/a.jpg', 'image', [0, 1]],
      ['https://cdn.example.com/notes.txt', 'https://cdn.example.com/notes.txt', 'text', [0]],
      ['https://tiles.example.com/{z}/{x}/{y}.png', 'https://tiles.example.com/0/0/0.png', 'image', [4]],
    ],
  );
  assert.deepEqual(
    targets.notCheckable.map((entry) => [entry.url, entry.rows]),
    [
      ['gs://bucket/c.jpg', [2]],
      ['images/d.jpg', [3]],
    ],
  );
  assert.match(targets.notCheckable[0].reason, /delegated access/);
});

test('attachments that hold text, not an address, are not asked for', () => {
  const text = JSON.stringify([
    {
      row_data: 'https://cdn.example.com/a.jpg',
      global_key: 'a',
      attachments: [
        { type: 'IMAGE', value: 'a caption written where a URL belongs' },
        { type: 'RAW_TEXT', value: 'https://cdn.example.com/words-that-look-like-a-url' },
        { type: 'VIDEO', value: 'https://cdn.example.com/clip.mp4' },
      ],
    },
  ]);
  const targets = assetAccessTargets(new ImportDocument(text, createValidationContext()));
  assert.deepEqual(
    targets.urls.map((entry) => [entry.url, entry.expect]),
    [
      ['https://cdn.example.com/a.jpg', 'image'],
      ['https://cdn.example.com/clip.mp4', 'video'],
    ],
  );
  assert.deepEqual(targets.notCheckable, []);
});
