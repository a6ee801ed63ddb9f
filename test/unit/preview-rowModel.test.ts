import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressesOf, describeRow, isAddress, isRowModel } from '../../common/preview/rowModel';

test('the asset by media type, in the current format', () => {
  const kind = (rowData: unknown, mediaType?: string) => describeRow({ row_data: rowData, media_type: mediaType }, mediaType).asset;
  assert.deepEqual(kind('https://x.com/a.jpg', 'IMAGE'), { kind: 'image', url: 'https://x.com/a.jpg' });
  assert.deepEqual(kind('https://x.com/a.mp4', 'VIDEO'), { kind: 'video', url: 'https://x.com/a.mp4' });
  assert.deepEqual(kind('https://x.com/a.wav', 'AUDIO'), { kind: 'audio', url: 'https://x.com/a.wav' });
  assert.deepEqual(kind('https://x.com/a.html', 'HTML'), { kind: 'html', url: 'https://x.com/a.html' });
  assert.deepEqual(kind('https://x.com/a.dcm', 'DICOM'), { kind: 'dicom', url: 'https://x.com/a.dcm' });
  assert.deepEqual(kind('https://x.com/a.txt', 'TEXT'), { kind: 'textUrl', url: 'https://x.com/a.txt' });
  assert.deepEqual(kind('Leaves show <b>spots</b>.', 'TEXT'), { kind: 'text', text: 'Leaves show <b>spots</b>.' });
  assert.deepEqual(kind('https://x.com/c.json', 'CONVERSATIONAL'), { kind: 'conversationUrl', url: 'https://x.com/c.json' });
  assert.deepEqual(kind({ pdf_url: 'https://x.com/a.pdf', text_layer_url: 'https://x.com/t.json' }, 'PDF'), {
    kind: 'pdf',
    url: 'https://x.com/a.pdf',
    textLayerUrl: 'https://x.com/t.json',
  });
  assert.equal(kind({ type: 'application/vnd.labelbox.conversational.model-chat-evaluation', messages: {} }).kind, 'modelChat');
  assert.equal(kind('').kind, 'missing');
  assert.equal(kind(undefined).kind, 'missing');
  // Without a media type (the server's inference is passed in; here the URL decides).
  assert.deepEqual(kind('images/001.png'), { kind: 'image', url: 'images/001.png' });
  assert.deepEqual(kind('Just words'), { kind: 'text', text: 'Just words' });
  assert.equal(kind('https://x.com/blob').kind, 'unknown');
});

test('legacy rows: the asset key decides', () => {
  assert.deepEqual(describeRow({ imageUrl: 'https://x.com/a.jpg', externalId: 'a' }, undefined).asset, { kind: 'image', url: 'https://x.com/a.jpg' });
  assert.deepEqual(describeRow({ videoUrl: 'https://x.com/a.mp4' }, undefined).asset, { kind: 'video', url: 'https://x.com/a.mp4' });
  assert.deepEqual(describeRow({ data: 'Leaves on the east side.' }, undefined).asset, { kind: 'text', text: 'Leaves on the east side.' });
  const chat = describeRow(
    { externalId: 'c', conversationalData: [{ messageId: 'm0', content: 'Hi', user: { userId: 'u', name: 'Customer' }, align: 'right', canLabel: true }] },
    undefined,
  ).asset;
  assert.deepEqual(chat, {
    kind: 'conversation',
    conversation: { messages: [{ id: 'm0', author: 'Customer', content: 'Hi', align: 'right', canLabel: true }], modelOutputs: [] },
  });
  const tiled = describeRow(
    {
      externalId: 't',
      tileLayerUrl: 'https://t/{z}/{x}/{y}.png',
      bounds: [
        [37.87, -122.31],
        [37.88, -122.32],
      ],
      minZoom: 15,
      maxZoom: 21,
      epsg: 'EPSG4326',
    },
    undefined,
  ).asset;
  assert.equal(tiled.kind, 'tiled');
  // Version 1 (the default for EPSG4326): points are [lat, lng], kept as they are (corners sorted).
  assert.deepEqual(tiled.kind === 'tiled' && tiled.tiled.bounds, [
    [37.87, -122.32],
    [37.88, -122.31],
  ]);
  const row = describeRow({ externalId: 'x', globalKey: 'g', imageUrl: 'https://x.com/a.jpg', info: { type: 'TEXT', value: 'note' } }, undefined);
  assert.deepEqual([row.externalId, row.globalKey, row.attachments], ['x', 'g', [{ type: 'TEXT', kind: 'markdown', value: 'note' }]]);
});

test('tiled imagery: version 2 points are [lng, lat]; alternative layers, snake_case keys and Simple', () => {
  const model = describeRow(
    {
      row_data: {
        tile_layer_url: 'https://t/{z}/{x}/{y}.png',
        bounds: [
          [-99.2105, 19.4056],
          [-99.2053, 19.4005],
        ],
        min_zoom: 12,
        max_zoom: 20,
        max_native_zoom: 19,
        epsg: 'EPSG4326',
        version: 2,
        alternative_layers: [
          { tileLayerUrl: 'https://sat/{z}/{x}/{y}.jpg', name: 'Satellite' },
          { tileLayerUrl: 'https://b/{z}/{x}/{y}.png' },
          { name: 'no url' },
        ],
      },
      media_type: 'TMS_GEO',
    },
    'TMS_GEO',
  ).asset;
  assert.equal(model.kind, 'tiled');
  if (model.kind !== 'tiled') return;
  assert.deepEqual(model.tiled, {
    layers: [
      { name: 'Tile layer', url: 'https://t/{z}/{x}/{y}.png' },
      { name: 'Satellite', url: 'https://sat/{z}/{x}/{y}.jpg' },
      { name: 'Layer 3', url: 'https://b/{z}/{x}/{y}.png' },
    ],
    crs: 'EPSG3857',
    epsg: 'EPSG4326',
    bounds: [
      [19.4005, -99.2105],
      [19.4056, -99.2053],
    ],
    minZoom: 12,
    maxZoom: 20,
    maxNativeZoom: 19,
  });
  const simple = describeRow(
    {
      row_data: {
        tileLayerUrl: 'https://t/{z}/{x}/{y}.png',
        epsg: 'Simple',
        bounds: [
          [0, 0],
          [2048, 1024],
        ],
      },
    },
    'TMS_SIMPLE',
  ).asset;
  assert.deepEqual(simple.kind === 'tiled' && [simple.tiled.crs, simple.tiled.bounds], [
    'Simple',
    [
      [0, 0],
      [1024, 2048],
    ],
  ]);
});

test('metadata entries get their names and option names; attachments their kinds', () => {
  const row = describeRow(
    {
      row_data: 'https://x.com/a.jpg',
      metadata_fields: [
        { schema_id: 'cko8sbczn0002h2dkdaxb5kal', value: 'cko8sbscr0003h2dk04w86hof' },
        { name: 'altitude_m', value: 42.5 },
        { schema_id: 'cunknownunknownunknown000', value: 'x' },
        'not an entry',
      ],
      attachments: [
        { type: 'IMAGE_OVERLAY', name: 'NDVI', value: 'https://x.com/o.png' },
        { type: 'RAW_TEXT', value: '**note**' },
        { type: 'TEXT_URL', value: 'https://x.com/t.txt' },
        { type: 'TEXT', value: 'https://x.com/legacy.txt' },
        { type: 'PDF_URL', value: 'https://x.com/p.pdf' },
        { type: 'CAMERA_IMAGE', value: 'https://x.com/c.jpg' },
        { type: 'SPREADSHEET', value: 'https://x.com/s.csv' },
        { type: 'IMAGE' },
      ],
    },
    'IMAGE',
    { cko8sbczn0002h2dkdaxb5kal: 'split', cko8sbscr0003h2dk04w86hof: 'train' },
  );
  assert.deepEqual(row.metadata, [
    { name: 'split', schemaId: 'cko8sbczn0002h2dkdaxb5kal', value: 'cko8sbscr0003h2dk04w86hof', valueName: 'train' },
    { name: 'altitude_m', value: 42.5 },
    { schemaId: 'cunknownunknownunknown000', value: 'x' },
  ]);
  assert.deepEqual(
    row.attachments.map((attachment) => [attachment.type, attachment.kind, attachment.problem ?? null]),
    [
      ['IMAGE_OVERLAY', 'overlay', null],
      ['RAW_TEXT', 'markdown', null],
      ['TEXT_URL', 'textUrl', null],
      ['TEXT', 'textUrl', null],
      ['PDF_URL', 'pdf', null],
      ['CAMERA_IMAGE', 'camera', null],
      ['SPREADSHEET', 'unknown', 'Unknown attachment type SPREADSHEET.'],
      ['IMAGE', 'unknown', 'The attachment has no text value.'],
    ],
  );
  // What the extension resolves (load), fetches (texts) or only links. A webview has no PDF viewer: PDFs are only opened externally.
  assert.deepEqual(addressesOf(row), {
    load: ['https://x.com/a.jpg', 'https://x.com/o.png', 'https://x.com/c.jpg'],
    fetch: ['https://x.com/t.txt', 'https://x.com/legacy.txt'],
    link: ['https://x.com/p.pdf'],
  });
});

test('HTML assets and attachments are read by the extension (framed as srcdoc), never loaded by address', () => {
  const row = describeRow({ row_data: 'https://x.com/p.html', media_type: 'HTML', attachments: [{ type: 'HTML', value: 'https://x.com/guide.html' }] }, 'HTML');
  assert.deepEqual(addressesOf(row), { load: [], fetch: ['https://x.com/p.html', 'https://x.com/guide.html'], link: [] });
});

test('a media_type Labelbox does not know, on a URL that names an image, shows the image with the problem', () => {
  const row = describeRow({ row_data: 'https://x.com/field.png', media_type: 'IMAGEX' }, 'IMAGEX');
  assert.equal(row.asset.kind, 'image');
  assert.match(
    (row.asset as { note?: string }).note ?? '',
    /^media_type "IMAGEX" is not a media type Labelbox knows; shown as an image because the URL ends in \.png\./,
  );
  assert.deepEqual(addressesOf(row).load, ['https://x.com/field.png']);
  // A known media type is taken as given, and a URL that names no known kind stays unknown.
  assert.equal(describeRow({ row_data: 'https://x.com/field.png', media_type: 'VIDEO' }, 'VIDEO').asset.kind, 'video');
  assert.equal(describeRow({ row_data: 'https://x.com/field.xyz', media_type: 'IMAGEX' }, 'IMAGEX').asset.kind, 'unknown');
});

test('addresses versus text', () => {
  for (const address of [
    'https://x.com/a b.jpg',
    'gs://b/a.jpg',
    'images/a.jpg',
    './a.jpg',
    '/abs/a.jpg',
    'C:\\data\\a.jpg',
    'a.png',
    'javascript:alert(1)',
    'data:text/html,x',
  ])
    assert.equal(isAddress(address), true, address);
  for (const text of ['Plot 14 was re-seeded.', 'see https://x.com', 'hello', '']) assert.equal(isAddress(text), false, text);
});

test('every model describeRow makes passes isRowModel after crossing to the page as JSON; others do not', () => {
  const rows: Array<[unknown, string | undefined]> = [
    [
      {
        row_data: 'https://x.com/a.jpg',
        media_type: 'IMAGE',
        metadata_fields: [
          { schema_id: 's', value: 'o' },
          { name: 'n', value: 4 },
        ],
      },
      'IMAGE',
    ],
    [
      {
        row_data: {
          tileLayerUrl: 'https://t/{z}/{x}/{y}.png',
          bounds: [
            [1, 2],
            [3, 4],
          ],
          minZoom: 2,
          alternativeLayers: [{ tileLayerUrl: 'https://u/{z}' }],
        },
      },
      'TMS_GEO',
    ],
    [{ row_data: { messages: [{ user: { name: 'a' }, content: 'hi', align: 'right', canLabel: true }], modelOutputs: [{ title: 't' }] } }, 'CONVERSATIONAL'],
    [{ row_data: 'https://x.com/a.pdf', media_type: 'PDF', attachments: [{ type: 'IMAGE_OVERLAY', value: 'https://x.com/o.png' }, 5, { type: 'X' }] }, 'PDF'],
    [{ imageUrl: 'https://x.com/a.jpg', info: { type: 'TEXT', value: 'note' } }, undefined],
    ['not a row', undefined],
    [{ row_data: 'plain words to label', embeddings: [{}, {}] }, 'TEXT'],
  ];
  for (const [value, mediaType] of rows) {
    const model = describeRow(value, mediaType, { s: 'field', o: 'option' });
    assert.ok(isRowModel(JSON.parse(JSON.stringify(model))), JSON.stringify(model));
  }
  const good = describeRow(rows[0][0], 'IMAGE');
  for (const bad of [
    null,
    { ...good, asset: { kind: 'image' } },
    { ...good, asset: { kind: 'tiled', tiled: { layers: [], crs: 'Mercator' } } },
    { ...good, metadata: {} },
    { ...good, attachments: [{ type: 'IMAGE', kind: 'frame', value: 'x' }] },
    { ...good, embeddings: -1 },
    { ...good, globalKey: 7 },
  ])
    assert.equal(isRowModel(bad), false, JSON.stringify(bad));
});
