import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSET_KINDS, type AssetKind } from '../../common/preview/rowModel';

/**
 * The steps of CONTRIBUTING's "Adding a preview renderer" that a compiler cannot see: every
 * asset kind of the row model is rendered with a `data-testid` that the webview README
 * documents and a test in test/webview looks for. (That webview/rowView.ts renders every kind
 * is checked by its switch: ESLint's switch-exhaustiveness-check and its return type.)
 */

/** The element that shows each kind of asset; a Record, so a new kind does not compile without one. */
const TEST_ID_OF_KIND: Record<AssetKind, string> = {
  image: 'asset-image',
  video: 'video-player',
  audio: 'audio-player',
  html: 'html-frame',
  dicom: 'dicom',
  pdf: 'pdf-note',
  text: 'asset-text',
  textUrl: 'asset-text',
  tiled: 'tile-map',
  conversation: 'chat-message',
  conversationUrl: 'chat-message',
  modelChat: 'model-chat',
  unknown: 'unknown-asset',
  missing: 'missing-asset',
};

const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'webview/README.md'), 'utf8');
const webviewTests = readdirSync(join(root, 'test/webview'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => readFileSync(join(root, 'test/webview', name), 'utf8'))
  .join('\n');

/** The data-testid values named in the first cell of each row of the README's table. */
function documentedTestIds(): Set<string> {
  const ids = new Set<string>();
  for (const line of readme.split('\n')) {
    const cell = /^\| ([^|]+) \|/.exec(line)?.[1];
    for (const id of cell?.matchAll(/`([a-z-]+)`/g) ?? []) ids.add(id[1]);
  }
  return ids;
}

test('every asset kind is listed among the data-kind values of the webview README', () => {
  const row = readme.split('\n').find((line) => line.startsWith('| `asset` |'));
  assert.ok(row, 'the README has a row for `asset`');
  const listed = new Set(
    /data-kind` = ([^|]+)\|/
      .exec(row)?.[1]
      .split(',')
      .map((kind) => kind.trim()),
  );
  assert.deepEqual(
    ASSET_KINDS.filter((kind) => !listed.has(kind)),
    [],
  );
  assert.equal(listed.size, ASSET_KINDS.length, 'the README lists no kind the row model does not have');
});

test("every asset kind's element has a row in the webview README and is looked for by a test in test/webview", () => {
  const documented = documentedTestIds();
  // Named as a string in a test: getByTestId('…'), [data-testid="…"], or a table of cases (testId: '…').
  const used = (id: string) => webviewTests.includes(`'${id}'`) || webviewTests.includes(`"${id}"`);
  for (const kind of ASSET_KINDS) {
    const id = TEST_ID_OF_KIND[kind];
    assert.ok(documented.has(id), `${kind}: webview/README.md has no row for data-testid ${id}`);
    assert.ok(used(id), `${kind}: no test in test/webview looks for data-testid ${id}`);
  }
});

/**
 * What the end-to-end suite must look at for each kind: the name of its test in
 * test/e2e/suite/previewContent.test.ts, or why the kind has none. The webview tests serve the
 * page over plain HTTP; only VS Code serves a kind's media from resource addresses, so a kind that
 * loads media needs a test there, or a stated reason here. A new kind does not compile without a
 * decision (a Record of every kind).
 */
const END_TO_END_OF_KIND: Record<AssetKind, { test: string } | { noTestBecause: string }> = {
  image: { test: 'a row whose media_type is wrong but whose URL is an image shows the image' },
  html: { test: 'an HTML asset and an HTML attachment from workspace files show their pages in sandboxed frames' },
  audio: { test: 'a missing audio file says "not found"' },
  pdf: { test: 'a PDF is never an empty box' },
  text: { noTestBecause: 'the text is in the row: nothing is loaded from a resource address' },
  conversation: { noTestBecause: 'the messages are in the row: nothing is loaded from a resource address' },
  modelChat: { noTestBecause: 'the conversation is in the row: nothing is loaded from a resource address' },
  unknown: { noTestBecause: 'a card with the row as text: nothing is loaded' },
  missing: { noTestBecause: 'a card naming the missing key: nothing is loaded' },
  video: {
    noTestBecause: 'not yet in the end-to-end suite: loaded from a resource address like audio, whose test covers that path; the webview test plays it',
  },
  dicom: { noTestBecause: 'a card that opens the file elsewhere: nothing is loaded in the page' },
  textUrl: { noTestBecause: 'read by the extension (textLoader/textFetcher, covered by unit and hostile tests) and sent as text: the page loads nothing' },
  conversationUrl: { noTestBecause: 'read by the extension and sent as text, as for textUrl: the page loads nothing' },
  tiled: { noTestBecause: 'not yet in the end-to-end suite: its tiles load from resource addresses as images do; the webview test draws the map' },
};

test('every asset kind has its end-to-end test in VS Code, or the reason it has none', () => {
  const suite = readFileSync(join(root, 'test/e2e/suite/previewContent.test.ts'), 'utf8');
  for (const kind of ASSET_KINDS) {
    const decision = END_TO_END_OF_KIND[kind];
    if ('test' in decision) assert.ok(suite.includes(`test('${decision.test}`), `${kind}: previewContent.test.ts has no test named "${decision.test}…"`);
    else assert.ok(decision.noTestBecause.length > 20, `${kind}: say why it has no end-to-end test`);
  }
});
