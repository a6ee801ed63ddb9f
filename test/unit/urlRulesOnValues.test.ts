import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createValidationContext } from '../../service';
import { JsonParser } from '../../service/json/parser';
import { toValue, type JsonNode, type JsonValue, type ObjectNode } from '../../service/json/ast';
import { nodeOfValue } from '../../service/json/valueNodes';
import { setOwnValue } from '../../common/ownKeys';
import { detectDialect } from '../../service/validation/dialect';
import { RowCheck } from '../../service/validation/rowCheck';
import { checkUrls, reportUrlsOnTree } from '../../service/validation/rules/urls';
import { checkSignedUrls, reportSignedUrlsOnTree } from '../../service/validation/rules/signedUrls';
import { checkAttachments, reportAttachmentsOnTree } from '../../service/validation/rules/attachments';
import { checkTiledImagery, reportTiledImageryOnTree } from '../../service/validation/rules/tiled';
import { checkConversation, reportConversationOnTree } from '../../service/validation/rules/conversation';
import { PARSED_FIELDS } from '../../service/validation/rules/parsedFields';
import { generateImportFile, generateRichImportFile } from '../../bench/generateRows';
import { Random } from '../../bench/random';

/**
 * The URL, signed URL, attachment, tiled imagery and conversation rules first read the row's
 * plain value and look at its tree only when that read finds something they may report. Each
 * must report exactly what its tree code alone reports (same diagnostics, order, messages and
 * fixes, same signed URL facts, placed the same way) on every row: the repository's fixtures
 * and examples, generated rows, and rows changed to reach each branch, on trees over parsed
 * values and on trees with positions (with syntax errors too).
 */

const context = createValidationContext();
const ROOT = join(import.meta.dirname, '..', '..');
type Row = { [key: string]: JsonValue };
type Rule = (check: RowCheck) => void;

const RULE_PAIRS: Array<[gated: Rule, onTree: Rule]> = [
  [checkUrls, reportUrlsOnTree],
  [checkSignedUrls, reportSignedUrlsOnTree],
  [checkAttachments, reportAttachmentsOnTree],
  [checkTiledImagery, reportTiledImageryOnTree],
  [checkConversation, reportConversationOnTree],
];

/** Shaped after the S3 API reference's presigned URL example (as in signedUrlRules.test.ts). */
const s3Signed = (date: string, seconds: number | string) =>
  `https://field-survey.s3.eu-west-1.amazonaws.com/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261203%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=${date}&X-Amz-Expires=${seconds}&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404`;

/** Strings for every place a URL may be: each scheme and character the rules report, signed URLs, text, prototype names. */
const STRINGS = [
  'https://a.example.com/x.jpg',
  'http://a.example.com/x.jpg',
  'HTTP://A.example.com/x.jpg',
  'HTTPS://a.example.com/x#y.jpg',
  's3://bucket/key/a.jpg',
  'S3://bucket',
  'data:image/png;base64,iVBORw0KGgo=',
  'DATA:text/html,hi',
  'https://a.example.com/x#crop.jpg',
  'https://a.example.com/x<y>|z.png',
  'https://a.example.com/x>y.png',
  'https://a.example.com/x|y.png',
  'http://a.example.com/street 1#a.jpg',
  'https://tiles.example.com/{z}/{x}/{y}.png',
  'https://tiles.example.com/{z}/{x}/{y}#.png',
  'https://tiles.example.com/layer.png',
  'gs://bucket/a.jpg',
  'ftp://host/a.jpg',
  'https:/a.jpg',
  ' https://a.example.com/x.jpg',
  'a.jpg',
  'Some notes about the plot.',
  '',
  'constructor',
  '__proto__',
  'toString',
  'https://a.example.com/x.jpg?size=large',
  s3Signed('20261203T140000Z', 3600),
  s3Signed('20261203T140000Z', 700000),
  s3Signed('2026-12-03', 60),
  s3Signed('20261203T140000Z', 'soon'),
  'https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Date=20190201T090000Z&X-Goog-Expires=900000&X-Goog-Signature=95e6',
  'https://labdata.blob.core.windows.net/images/c.jpg?sv=2022-11-02&st=2026-12-01T00%3A00%3A00Z&se=2026-12-09T08%3A00%3A00Z&sr=b&sp=r&sig=Z%2FR',
  'https://labdata.blob.core.windows.net/images/c.jpg?sv=2022-11-02&se=tomorrow&sr=b&sig=x',
  'https://d111111abcdef8.cloudfront.net/image.jpg?Expires=1767290400&Signature=nitf&Key-Pair-Id=K2JCJMDEHXQW5F',
  'http://a.example.com/x.jpg?X-Amz-Date=20261203T140000Z&X-Amz-Expires=60&X-Amz-Signature=s',
];
/** Values that are not strings, where a rule expects one. */
const OTHER_VALUES: JsonValue[] = [null, 7, true, [], {}, ['https://a.example.com/x.jpg'], { value: 'http://a.example.com/x.jpg' }];
const ATTACHMENT_TYPES = [
  'IMAGE',
  'VIDEO',
  'TEXT_URL',
  'HTML',
  'IMAGE_OVERLAY',
  'PDF_URL',
  'CAMERA_IMAGE',
  'AUDIO',
  'RAW_TEXT',
  'TEXT',
  'TEXT_FILE',
  'PICTURE',
  'image',
  'constructor',
];

function someValue(random: Random): JsonValue {
  return random.chance(0.85) ? random.pick(STRINGS) : random.pick(OTHER_VALUES);
}

function attachment(random: Random): JsonValue {
  if (random.chance(0.05)) return random.pick(OTHER_VALUES);
  const item: Row = {};
  if (random.chance(0.95)) item.type = random.chance(0.9) ? random.pick(ATTACHMENT_TYPES) : random.pick(OTHER_VALUES);
  if (random.chance(0.5)) item.name = 'Overlay';
  if (random.chance(0.95)) item.value = someValue(random);
  if (random.chance(0.05)) setOwnValue(item, random.pick(['__proto__', 'constructor']), 'https://a.example.com/p.jpg');
  return item;
}

function layers(random: Random): JsonValue {
  const list: JsonValue[] = [];
  for (let i = random.int(0, 3); i > 0; i--) list.push(random.chance(0.85) ? { tileLayerUrl: someValue(random), name: 'b' } : random.pick(OTHER_VALUES));
  return list;
}

function conversation(random: Random): JsonValue[] {
  const messages: JsonValue[] = [];
  const count = random.pick([0, 2, 4, 4, 250, 251]);
  // Half of the conversations break no limit but their count: unique ids, short messages.
  const messy = random.chance(0.5);
  for (let i = 0; i < count; i++) {
    if (messy && random.chance(0.02)) {
      messages.push(random.pick(OTHER_VALUES));
      continue;
    }
    const message: Row = { timestampUsec: 1530718491 + i, user: { userId: 'u' }, align: 'left', canLabel: true };
    const length = messy && random.chance(0.03) ? random.pick([9_999, 10_000]) : 12;
    if (!messy || random.chance(0.95)) message.content = !messy || random.chance(0.95) ? 'x'.repeat(length) : random.pick(OTHER_VALUES);
    if (!messy || random.chance(0.95))
      message.messageId = !messy || random.chance(0.97) ? `m${!messy || random.chance(0.9) ? i : random.int(0, 3)}` : random.pick(OTHER_VALUES);
    messages.push(message);
  }
  return messages;
}

function tiled(random: Random, snakeCase: boolean): Row {
  const object: Row = {};
  object[snakeCase ? 'tile_layer_url' : 'tileLayerUrl'] = random.chance(0.8) ? random.pick(STRINGS) : random.pick(OTHER_VALUES);
  if (random.chance(0.3)) object[random.pick(['tileLayerUrl', 'tile_layer_url'])] = random.pick(STRINGS);
  if (random.chance(0.7))
    object.bounds = random.pick([
      [
        [-99.2, 19.4],
        [-99.1, 19.3],
      ],
      [
        [19.4, -99.2],
        [19.3, -99.1],
      ],
      [
        [1, 1],
        [1, 2],
      ],
      [[1, 2]],
      'no',
    ]);
  if (random.chance(0.6)) object.epsg = random.pick(['EPSG4326', 'EPSG3857', 'Simple', 'SIMPLEPIXEL', 5]);
  if (random.chance(0.4)) object.version = random.pick([1, 2, '2']);
  for (const key of ['minZoom', 'min_zoom', 'maxZoom', 'max_zoom', 'maxNativeZoom', 'max_native_zoom', 'tileSize', 'tile_size']) {
    if (random.chance(0.25)) object[key] = random.pick([3, 12, 20, 25, 'x']);
  }
  if (random.chance(0.4)) object[random.pick(['alternativeLayers', 'alternative_layers'])] = layers(random);
  return object;
}

/** Changes that put something in each place the rules look at. */
const MUTATIONS: Array<(row: Row, random: Random) => void> = [
  (row, random) => (row.row_data = someValue(random)),
  (row, random) => (row.row_data = { pdf_url: someValue(random), text_layer_url: someValue(random) }),
  (row, random) => (row.row_data = { pdfUrl: someValue(random), textLayerUrl: someValue(random) }),
  (row, random) => (row.row_data = tiled(random, random.chance(0.5))),
  (row, random) => {
    // Legacy tiled imagery: the keys at the top of the row.
    delete row.row_data;
    Object.assign(row, tiled(random, false));
  },
  (row, random) => {
    delete row.row_data;
    row[random.pick(['imageUrl', 'videoUrl', 'data', 'conversationalUrl', 'tileLayerUrl'])] = someValue(random);
  },
  (row, random) => (row[random.pick(['imageUrl', 'videoUrl', 'data', 'conversationalUrl'])] = someValue(random)),
  (row, random) => (row.alternativeLayers = layers(random)),
  (row, random) => {
    const list: JsonValue[] = [];
    for (let i = random.int(1, 4); i > 0; i--) list.push(attachment(random));
    row.attachments = list;
  },
  (row, random) => {
    // Image overlays up to and past the limit of 9.
    const list: JsonValue[] = [];
    for (let i = random.int(8, 11); i > 0; i--)
      list.push({ type: 'IMAGE_OVERLAY', value: random.chance(0.9) ? 'https://a.example.com/o.png' : someValue(random) });
    row.attachments = list;
  },
  (row, random) => (row.attachments = random.pick(OTHER_VALUES)),
  (row, random) => (row.info = attachment(random)),
  (row, random) => {
    delete row.row_data;
    row.imageUrl = 'https://a.example.com/x.jpg';
    row.info = attachment(random);
  },
  (row, random) => (row.row_data = { type: 'application/vnd.labelbox.conversational', version: 1, messages: conversation(random) }),
  (row, random) => {
    delete row.row_data;
    row.conversationalData = random.chance(0.9) ? conversation(random) : random.pick(OTHER_VALUES);
  },
  (row, random) => setOwnValue(row, random.pick(['__proto__', 'constructor', 'toString']), someValue(random)),
  () => undefined,
];

/** Rows of the examples and the real-world and schema fixtures, as they are written. */
function fixtureRowTexts(): string[] {
  const files = [
    ...readdirSync(join(ROOT, 'examples')).map((name) => join(ROOT, 'examples', name)),
    ...['real-world', 'schema/valid', 'schema/invalid'].flatMap((folder) =>
      readdirSync(join(ROOT, 'test', 'fixtures', folder)).map((name) => join(ROOT, 'test', 'fixtures', folder, name)),
    ),
  ].filter((file) => file.endsWith('.json') && !file.endsWith('.expect.json'));
  const texts: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const root = new JsonParser(text).parseRelativeValue();
    const rows = root?.type === 'array' ? root.items : root ? [root] : [];
    for (const row of rows) texts.push(text.slice(row.offset, row.offset + row.length));
  }
  return texts;
}

/** Rows with syntax errors: the tolerant parser keeps a key whose value is missing, which the plain value leaves out. */
const BROKEN_ROWS = [
  '{"row_data": {"tileLayerUrl": }, "global_key": "a", "media_type": "TMS_GEO"}',
  '{"row_data": {"tile_layer_url": "https://t.example.com/{z}/{x}/{y}.png", "min_zoom": 3, "tileLayerUrl": }, "global_key": "a"}',
  '{"tileLayerUrl": , "imageUrl": "https://a.example.com/x.jpg"}',
  '{"row_data": {"tileLayerUrl": , "min_zoom": 3, "epsg": "SIMPLEPIXEL"}, "global_key": "a", "media_type": "TMS_GEO"}',
  '{"tileLayerUrl": , "imageUrl": "https://a.example.com/x.jpg", "epsg": "SIMPLEPIXEL", "bounds": [[1, 1], [1, 2]]}',
  '{"row_data": "http://a.example.com/x.jpg", "row_data": , "attachments": [{"type": "TEXT", "type": , "value": "x"}]}',
  '{"row_data": "s3://b/a.jpg", "attachments": [{"type": "IMAGE", "value": }, {"type": "AUDIO", "value": "https://a.example.com/a.wav"',
  '{"row_data": {"messages": [{"messageId": "a"}, {"messageId": "a", "messageId": }]}, "media_type": "CONVERSATIONAL"}',
  '{"row_data": {"messages": [{"messageId": "a"}, {"messageId": "a"}], "messages": }, "media_type": "CONVERSATIONAL"}',
  '{"attachments": [{"type": "IMAGE_OVERLAY", "value": "https://a.example.com/o.png"}, {"type": "RAW_TEXT", "type": , "value": "http://a.example.com/x.jpg"}]}',
  `{"row_data": "${s3Signed('20261203T140000Z', 700000)}", "row_data": }`,
];

interface Outcome {
  diagnostics: unknown;
  signedUrls: unknown;
  placed?: boolean;
}

function run(rule: Rule, node: ObjectNode, value: Row, rowText: string | undefined): Outcome {
  const check = new RowCheck(node, value, detectDialect(node), context);
  rule(check);
  const placed = rowText === undefined ? undefined : check.placeInText(rowText);
  return { diagnostics: check.diagnostics, signedUrls: check.signedUrls, placed };
}

/** Runs each rule both ways on a fresh tree and asserts the same outcome; returns the codes reported. */
function compareRules(makeTree: () => { node: JsonNode | undefined; value: JsonValue }, rowText: string | undefined, label: string): string[] {
  const codes: string[] = [];
  for (const [gated, onTree] of RULE_PAIRS) {
    const first = makeTree();
    if (first.node?.type !== 'object') return codes;
    const expected = run(onTree, first.node, first.value as Row, rowText);
    const second = makeTree();
    const actual = run(gated, second.node as ObjectNode, second.value as Row, rowText);
    assert.deepEqual(actual, expected, `${gated.name} on ${label}:\n${rowText ?? ''}`);
    for (const diagnostic of expected.diagnostics as Array<{ code: string }>) codes.push(diagnostic.code);
    if (expected.signedUrls) codes.push('signed URL facts');
  }
  return codes;
}

/** Both kinds of tree for one row's text: with positions (tolerant parser), and over JSON.parse's value when it parses. */
function compareOnBothTrees(text: string): string[] {
  const codes = compareRules(
    () => {
      const node = new JsonParser(text).parseRelativeValue();
      return { node, value: node ? toValue(node) : null };
    },
    undefined,
    'a tree with positions',
  );
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    return codes;
  }
  return codes.concat(compareRules(() => ({ node: nodeOfValue(value), value }), text, 'a tree over the parsed value'));
}

test('the URL, attachment, tiled and conversation rules report on plain values exactly what their tree code reports', () => {
  const random = new Random(16);
  const texts = fixtureRowTexts();
  const generated = [
    ...(JSON.parse(generateImportFile(3000, 5).text) as Row[]),
    ...(JSON.parse(generateImportFile(1000, 9, 10).text) as Row[]),
    ...(JSON.parse(generateRichImportFile(300, 2).text) as Row[]),
  ];
  for (const row of generated) {
    for (let count = random.pick([0, 0, 1, 1, 2, 3]); count > 0; count--) random.pick(MUTATIONS)(row, random);
    texts.push(JSON.stringify(row, undefined, random.pick([0, 2])));
  }
  texts.push(...BROKEN_ROWS);

  const reported = new Map<string, number>();
  for (const text of texts) for (const code of compareOnBothTrees(text)) reported.set(code, (reported.get(code) ?? 0) + 1);

  // The comparison means something only if every report of these rules was reached, many times.
  const codes = [
    's3-url',
    'insecure-url',
    'data-url',
    'unsupported-url-character',
    'signed-url-malformed-expiry',
    'signed-url-lifetime-too-long',
    'signed URL facts',
    'deprecated-attachment-type',
    'unsupported-attachment-type',
    'invalid-value',
    'too-many-image-overlays',
    'attachment-not-url',
    'tile-key-spelling',
    'tile-url-template',
    'tile-epsg',
    'tile-bounds',
    'tile-zoom',
    'too-many-messages',
    'message-too-long',
    'duplicate-message-id',
  ];
  if (process.env.SHOW_CODES) console.log(reported);
  for (const code of codes) assert.ok((reported.get(code) ?? 0) >= 10, `${code} reported ${reported.get(code) ?? 0} times: ${[...reported].join(', ')}`);
});

test('the fields read by name from plain values are not members of Object.prototype', () => {
  // A plain read of such a name would find the inherited member instead of a missing key.
  const inherited = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);
  for (const field of PARSED_FIELDS) assert.ok(!inherited.has(field), field);
});
