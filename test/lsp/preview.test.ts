import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestLspClient } from '../support/lspClient';
import type { GalleryResult, RowAtResult } from '../../common/protocol';

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(() => client.stop());

const rows = [
  '{ "row_data": "https://x.com/a.jpg", "global_key": "a", "media_type": "IMAGE" }',
  '{ "row_data": "https://x.com/b.mp4", "global_key": "b" }',
  '{ "imageUrl": "https://x.com/c.png", "externalId": "c" }',
  '{ "row_data": "images/d.png", "global_key": "d" }',
  '{ "row_data": "Some words to label.", "global_key": "e" }',
  '{ "row_data": { "tileLayerUrl": "https://t.x.com/{z}/{x}/{y}.png", "bounds": [[1, 2], [3, 4]] }, "global_key": "f" }',
];

test('gallery tiles carry the media type the asset suggests when media_type is absent, and filter by it', async () => {
  const uri = 'file:///work/media.labelbox.json';
  client.open(uri, `[\n${rows.join(',\n')}\n]`);
  await client.diagnosticsFor(uri);
  const page = await client.request<GalleryResult>('labelboxImport/gallery', { uri, from: 0, count: 10 });
  assert.deepEqual(
    page.tiles.map((tile) => [tile.mediaType, tile.mediaTypeInferred ?? false, tile.assetUrl]),
    [
      ['IMAGE', false, 'https://x.com/a.jpg'],
      ['VIDEO', true, 'https://x.com/b.mp4'],
      ['IMAGE', true, 'https://x.com/c.png'],
      ['IMAGE', true, 'images/d.png'],
      ['TEXT', true, undefined],
      ['TMS_GEO', true, 'https://t.x.com/{z}/{x}/{y}.png'],
    ],
  );
  assert.deepEqual(
    page.tiles.map((tile) => tile.line),
    [1, 2, 3, 4, 5, 6],
  );
  const images = await client.request<GalleryResult>('labelboxImport/gallery', { uri, from: 0, count: 10, filter: { mediaType: 'IMAGE' } });
  assert.equal(images.total, 3);
  assert.deepEqual(
    images.tiles.map((tile) => tile.index),
    [0, 2, 3],
  );
});

test('rowAt returns the row under a position with its inferred media type', async () => {
  const uri = 'file:///work/media.labelbox.json';
  const row = await client.request<RowAtResult>('labelboxImport/rowAt', { uri, position: { line: 2, character: 5 } });
  assert.equal(row.index, 1);
  assert.equal(row.mediaType, undefined);
  assert.equal(row.inferredMediaType, 'VIDEO');
  assert.deepEqual(row.value, { row_data: 'https://x.com/b.mp4', global_key: 'b' });
});

test("rowAt on a row's line but outside its braces (indentation, trailing comma) returns that row", async () => {
  const uri = 'file:///work/lines.labelbox.json';
  client.open(uri, '[\n  { "row_data": "https://x.com/a.jpg" },\n\n  { "row_data": "https://x.com/b.jpg" }\n]');
  await client.diagnosticsFor(uri);
  const at = async (line: number, character: number) =>
    (await client.request<RowAtResult | null>('labelboxImport/rowAt', { uri, position: { line, character } }))?.index ?? null;
  assert.deepEqual(
    [await at(1, 0), await at(1, 1), await at(1, 10), await at(1, 40), await at(3, 0), await at(3, 1), await at(0, 0), await at(4, 0)],
    [0, 0, 0, 0, 1, 1, null, 1],
  );
});
