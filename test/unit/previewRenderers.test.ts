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
