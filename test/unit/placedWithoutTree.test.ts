import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createValidationContext, type ImportDiagnostic } from '../../service';
import { JsonParser } from '../../service/json/parser';
import { toValue, type JsonValue, type ObjectNode } from '../../service/json/ast';
import { nodeOfValue } from '../../service/json/valueNodes';
import { validateParsedRow, validateRow, type RowFacts } from '../../service/validation/validateRow';
import { RowCheck } from '../../service/validation/rowCheck';
import { detectDialect, dialectOfKeys } from '../../service/validation/dialect';
import { checkDialectKeys } from '../../service/validation/rules/dialectKeys';
import { checkIgnoredFields } from '../../service/validation/rules/ignoredFields';
import { checkRowData } from '../../service/validation/rules/rowData';
import { checkLegacyAssets } from '../../service/validation/rules/legacyAssets';
import { checkMediaType } from '../../service/validation/rules/mediaType';
import { setOwnValue } from '../../common/ownKeys';
import { locatePath } from '../../service/json/keyLocator';
import type { PathStep } from '../../service/json/nodePath';
import { generateImportFile, generateRichImportFile, SPLIT_ID } from '../../bench/generateRows';
import { Random } from '../../bench/random';

/**
 * A row read by JSON.parse is checked without positions; its problems are then placed by
 * finding the nodes they are on in the row's text (a scan for top-level keys, else one parse
 * with positions), without checking the row again. Whatever that path returns must be exactly
 * what a check on a tree with positions gives, for realistic rows, written in different layouts.
 */

const context = createValidationContext();
type Row = { [key: string]: JsonValue };

/** Changes that give a row problems on its top-level keys, inside its values, and with related places. */
const MUTATIONS: Array<(row: Row) => void> = [
  (row) => (row.metadata_fields = [...((row.metadata_fields as JsonValue[] | undefined) ?? []), { name: 'camera_model', value: 'X100' }]),
  (row) => (row.metadata_fields = [{ schema_id: SPLIT_ID, value: 'nope' }]),
  // A text field twice (an enum with two options is fine): a problem with a related place.
  (row) =>
    (row.metadata_fields = [
      { name: 'tag', value: 'dawn' },
      { name: 'tag', value: 'dusk' },
    ]),
  (row) =>
    (row.attachments = [
      { type: 'VIDEO_CLIP', value: 'https://example.com/a.mp4' },
      { type: 'IMAGE', value: 'https://example.com/b.jpg', colour: 'red' },
    ]),
  (row) => (row.row_data = 's3://bucket/a.jpg'),
  (row) => (row.global_key = `${String(row.global_key)} `),
  (row) => {
    // A first property whose value has escaped quotes, a backslash, brackets and nested arrays, to be skipped over.
    const properties = { ...row };
    for (const key of Object.keys(row)) delete row[key];
    Object.assign(row, { note: ['say "hi" \\ to [ { "x": 1 } ]', [1.5e3, true, null, [[]]]], ...properties });
  },
  (row) => delete row.media_type,
  (row) => {
    // An external id and no global key.
    row.external_id = row.global_key ?? 'ext-1';
    delete row.global_key;
  },
  (row) => (row.colour = 'blue'),
  (row) => (row.mediaType = row.media_type ?? 'IMAGE'),
  (row) => (row.media_type = 'PICTURE'),
  (row) => {
    delete row.media_type;
    row.attachments = [{ type: 'TEXT', value: '' }];
  },
  () => undefined,
];

function layout(row: Row, random: Random): string {
  switch (random.int(0, 3)) {
    case 0:
      return JSON.stringify(row);
    case 1:
      return JSON.stringify(row, undefined, 2);
    case 2:
      return JSON.stringify(row, undefined, '\t');
    default:
      // Spaces before colons and a key written with an escape.
      return JSON.stringify(row, undefined, 1).replace(/": /g, '"  :  ').replace('"row_data"', '"row\\u005fdata"');
  }
}

test('problems placed without checking the row again are the ones a check with positions gives', () => {
  const random = new Random(7);
  const rows = JSON.parse(generateImportFile(3000, 3).text) as Row[];
  let placed = 0;
  let reparsed = 0;
  const placedCodes = new Set<string>();
  for (const row of rows) {
    for (let count = random.int(0, 2); count > 0; count--) random.pick(MUTATIONS)(row);
    const text = layout(row, random);
    const positioned = validateRow(new JsonParser(text).parseRelativeValue(), context);
    const withoutTree = validateParsedRow(JSON.parse(text) as JsonValue, text, context);
    if (!withoutTree) {
      reparsed++;
      assert.ok(positioned.diagnostics.length > 0, `a row without problems was sent to be parsed again:\n${text}`);
      continue;
    }
    assert.deepEqual(withoutTree.diagnostics, positioned.diagnostics, text);
    if (withoutTree.diagnostics.length) placed++;
    for (const diagnostic of withoutTree.diagnostics) placedCodes.add(diagnostic.code);
  }
  // The test means something only if both paths were taken often.
  assert.ok(placed > 1000, `rows with problems placed: ${placed}`);
  assert.ok(reparsed > 100, `rows checked again: ${reparsed}`);
  // On top-level keys, on values and on keys inside values.
  for (const code of [
    'missing-media-type',
    'missing-global-key',
    'unknown-property',
    'unknown-metadata-field',
    'invalid-metadata-value',
    's3-url',
    'global-key-whitespace',
    'deprecated-attachment-type',
  ]) {
    assert.ok(placedCodes.has(code), `no ${code} placed: ${[...placedCodes].join(', ')}`);
  }
});

test('a problem with a related place is left to the check with positions', () => {
  const text =
    '{ "row_data": "https://example.com/a.jpg", "media_type": "IMAGE", "metadata_fields": [{ "name": "tag", "value": "dawn" }, { "name": "tag", "value": "dusk" }] }';
  assert.equal(validateParsedRow(JSON.parse(text) as JsonValue, text, context), undefined);
  const positioned = validateRow(new JsonParser(text).parseRelativeValue(), context);
  assert.ok(positioned.diagnostics.some((diagnostic) => diagnostic.related?.length));
});

test('a problem inside a value is placed on its node', () => {
  const text = '{ "row_data": "https://example.com/a.jpg", "media_type": "IMAGE", "attachments": [{ "type": "RAW_TEXT", "value": "" }] }';
  const result = validateParsedRow(JSON.parse(text) as JsonValue, text, context);
  assert.ok(result);
  assert.deepEqual(
    result.diagnostics.map((diagnostic) => text.slice(diagnostic.offset, diagnostic.offset + diagnostic.length)),
    ['""'],
  );
});

test('a missing media_type is underlined on row_data without a tree', () => {
  const text = '{\n  "row_data": "https://example.com/a.jpg",\n  "global_key": "a"\n}';
  const result = validateParsedRow(JSON.parse(text) as JsonValue, text, context);
  assert.ok(result);
  assert.deepEqual(
    result.diagnostics.map((diagnostic) => [diagnostic.code, text.slice(diagnostic.offset, diagnostic.offset + diagnostic.length)]),
    [['missing-media-type', '"row_data"']],
  );
});

test('a path is followed past strings with escaped quotes and brackets', () => {
  const text =
    '{"note": ["say \\"hi\\" \\\\", "[ { \\"x\\": 1 } ]", [1.5e3, true, null, [[]]]], "metadata_fields": [{"name": "a"}, {"name": "b", "value": "v"}]}';
  const place = (path: PathStep[]) => {
    const found = locatePath(text, path);
    return found && text.slice(found.offset, found.offset + found.length);
  };
  assert.equal(
    place([
      { kind: 'value', name: 'metadata_fields' },
      { kind: 'item', index: 1 },
      { kind: 'key', name: 'value' },
    ]),
    '"value"',
  );
  assert.equal(
    place([
      { kind: 'value', name: 'metadata_fields' },
      { kind: 'item', index: 1 },
      { kind: 'value', name: 'value' },
    ]),
    '"v"',
  );
  assert.equal(
    place([
      { kind: 'value', name: 'note' },
      { kind: 'item', index: 2 },
      { kind: 'item', index: 3 },
    ]),
    '[[]]',
  );
  assert.equal(
    place([
      { kind: 'value', name: 'note' },
      { kind: 'item', index: 1 },
    ]),
    '"[ { \\"x\\": 1 } ]"',
  );
  assert.equal(
    place([
      { kind: 'value', name: 'metadata_fields' },
      { kind: 'item', index: 2 },
    ]),
    undefined,
  );
  assert.equal(place([{ kind: 'value', name: 'missing' }]), undefined);
});

/**
 * The rules on a row's keys, row_data and media_type answer a clean row from its plain value and
 * make nodes only for what may be a problem; the row's facts are read from the plain value too.
 * Rows that reach each branch of those rules (and of the tests that let them skip the nodes):
 * keys of the other format, managed keys, nulls, every kind of row_data, every kind of media
 * type, keys named like Object.prototype's members, legacy rows.
 */
const KEY_MUTATIONS: Array<(row: Row) => void> = [
  (row) => (row.imageUrl = 'https://example.com/b.jpg'),
  (row) => (row.externalId = 'ext-7'),
  (row) => (row.globalKey = null),
  (row) =>
    (row.bounds = [
      [0, 0],
      [1, 1],
    ]),
  (row) => (row.info = []),
  (row) => (row.conversationalData = []),
  (row) => (row.dataset_id = 'ds-1'),
  (row) => (row.uid = null),
  (row) => (row.mediaAttributes = {}),
  (row) => (row.metadata = [{ name: 'tag', value: 'dawn' }]),
  (row) => (row.external_id = null),
  (row) => (row.external_id = ''),
  (row) => (row.global_key = ''),
  (row) => (row.global_key = 7),
  (row) => (row.row_data = { pdf_url: 'contract.pdf', tileLayerUrl: 'https://tiles.example.com/{z}/{x}/{y}.png' }),
  (row) => (row.row_data = { pdfUrl: 'https://example.com/a.pdf', tile_layer_url: 'https://tiles.example.com/{z}/{x}/{y}.png' }),
  (row) => (row.row_data = null),
  (row) => (row.row_data = ''),
  (row) => (row.row_data = '  \t '),
  (row) => (row.row_data = 42),
  (row) => (row.row_data = true),
  (row) => (row.row_data = ['https://example.com/a.jpg']),
  (row) => (row.row_data = {}),
  (row) => (row.row_data = { colour: 'red' }),
  (row) => (row.row_data = { tileLayerUrl: 5, bounds: 'everywhere' }),
  (row) =>
    (row.row_data = {
      tileLayerUrl: 'https://tiles.example.com/{z}/{x}/{y}.png',
      bounds: [
        [0, 0],
        [1, 1],
      ],
      epsg: 'EPSG4326',
    }),
  (row) => (row.row_data = { pdf_url: 'https://example.com/a.pdf' }),
  (row) => (row.row_data = { type: 'application/vnd.labelbox.conversational', version: 1, messages: [] }),
  (row) => (row.row_data = { type: 'application/vnd.labelbox.conversational.model-chat-evaluation', version: 1, actors: {}, messages: {}, rootMessageIds: [] }),
  (row) => (row.row_data = '/home/me/photos/a.jpg'),
  (row) => (row.row_data = 'photos/a.jpg'),
  (row) => (row.row_data = 'C:\\photos\\a.png'),
  (row) => (row.row_data = 'file:///photos/a.jpg'),
  (row) => (row.row_data = 'https://example.com/clip.MP4?sig=1#t=2'),
  (row) => (row.row_data = 'https://example.com/a.pdf'),
  (row) => (row.row_data = 'https://example.com/no-extension'),
  (row) => (row.row_data = 'data:image/png;base64,iVBORw0KGgo='),
  (row) => (row.row_data = 'Leaves show yellow spotting after the frost.'),
  (row) => delete row.row_data,
  (row) => delete row.media_type,
  (row) => (row.media_type = null),
  (row) => (row.media_type = 5),
  (row) => (row.media_type = ''),
  (row) => (row.media_type = 'PICTURE'),
  (row) => (row.media_type = 'image'),
  (row) => (row.media_type = 'POINT_CLOUD'),
  (row) => (row.media_type = 'JSON'),
  (row) => (row.media_type = 'PDF'),
  (row) => (row.media_type = 'TMS_GEO'),
  (row) => (row.media_type = 'TEXT'),
  (row) => (row.media_type = 'CONVERSATIONAL'),
  (row) => (row.media_type = 'VIDEO'),
  (row) => (row.media_type = 'HTML'),
  (row) => setOwnValue(row, '__proto__', { row_data: 'x' }),
  (row) => setOwnValue(row, 'constructor', null),
  (row) => setOwnValue(row, 'toString', 'https://example.com/a.jpg'),
  (row) => {
    // The row in the legacy format, with its asset under a legacy key.
    const asset = row.row_data;
    delete row.row_data;
    setOwnValue(row, typeof asset === 'string' && !asset.startsWith('http') ? 'data' : 'imageUrl', asset ?? null);
    if (typeof row.global_key === 'string') row.globalKey = row.global_key;
    delete row.global_key;
  },
  (row) => {
    // A legacy row without an asset key: its format comes from the count of its keys.
    for (const key of Object.keys(row)) delete row[key];
    Object.assign(row, { externalId: 'a', globalKey: 'b', metadataFields: [], media_type: 'IMAGE' });
  },
];

/** Legacy rows, as the SDK's and the docs' examples write them, for the mutations to work on too. */
const LEGACY_ROWS: Row[] = [
  { imageUrl: 'https://example.com/a.jpg', externalId: 'a.jpg', globalKey: 'a' },
  { videoUrl: 'https://example.com/a.mp4', imageUrl: 'https://example.com/a.jpg' },
  { data: 'Leaves show yellow spotting.', externalId: 'note-1', global_key: 'n1' },
  { conversationalData: [{ messageId: 'm1', content: 'hi' }], globalKey: 'c', metadataFields: [], info: [] },
  { conversationalData: [], global_key: 'c2', media_type: 'CONVERSATIONAL' },
  {
    tileLayerUrl: 'https://tiles.example.com/{z}/{x}/{y}.png',
    bounds: [
      [0, 0],
      [1, 1],
    ],
    epsg: 'EPSG4326',
    externalId: 'p7',
  },
  { imageUrl: null, externalId: 'x', uid: 'u' },
];

/** Rows of the repository's examples and fixtures (files that hold an array of rows). */
function repositoryRows(): Row[] {
  const root = join(import.meta.dirname, '..', '..');
  const files = [
    ...readdirSync(join(root, 'examples')).map((name) => join(root, 'examples', name)),
    ...['real-world', 'schema/valid', 'schema/invalid'].flatMap((dir) =>
      readdirSync(join(root, 'test/fixtures', dir)).map((name) => join(root, 'test/fixtures', dir, name)),
    ),
  ].filter((file) => file.endsWith('.json') && !file.endsWith('.expect.json'));
  const rows: Row[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue; // a fixture with a syntax error: its rows are checked with positions only
    }
    if (Array.isArray(parsed)) rows.push(...(parsed as Row[]));
  }
  return rows;
}

/** Rows in many layouts: generated, rich, legacy and the repository's, each changed by 0 to 3 mutations. */
function rowTexts(): string[] {
  const random = new Random(11);
  const generated = [...(JSON.parse(generateImportFile(1500, 5).text) as Row[]), ...(JSON.parse(generateRichImportFile(300, 6).text) as Row[])];
  const texts: string[] = [];
  for (const row of [...generated, ...LEGACY_ROWS, ...LEGACY_ROWS]) {
    for (let count = random.int(0, 3); count > 0; count--) random.pick([...KEY_MUTATIONS, ...MUTATIONS])(row);
    texts.push(layout(row, random));
  }
  // Each mutation on its own, on a current and on a legacy row.
  for (const mutate of KEY_MUTATIONS) {
    for (const base of [{ row_data: 'https://example.com/a.jpg', global_key: 'a', media_type: 'IMAGE' }, LEGACY_ROWS[0]]) {
      const row = structuredClone(base) as Row;
      mutate(row);
      texts.push(layout(row, random));
    }
  }
  for (const row of repositoryRows()) texts.push(layout(row, random));
  return texts;
}

/** Facts as a check without positions gives them: spans not placed yet (offset -1), found later by ImportDocument.locate. */
function unplaced(facts: RowFacts): RowFacts {
  const copy: RowFacts = { ...facts };
  if (copy.globalKey) copy.globalKey = { ...copy.globalKey, offset: -1, length: 0 };
  if (copy.assetKey) copy.assetKey = { offset: -1, length: 0 };
  if (copy.signedUrls) copy.signedUrls = copy.signedUrls.map((fact) => ({ ...fact, offset: -1, length: 0 }));
  return copy;
}

const TEXTS = rowTexts();

/** A problem without its place: for one that only a check with positions can place (an object's brace, a related place). */
function withoutPlace(diagnostic: ImportDiagnostic): object {
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    fixes: diagnostic.fixes,
    related: diagnostic.related?.map(({ message }) => message),
  };
}

test('rows with problems on their keys, row_data and media_type: same problems and facts without a tree as with positions', () => {
  let compared = 0;
  const codes = new Set<string>();
  const facts = new Set<string>();
  for (const text of TEXTS) {
    const positioned = validateRow(new JsonParser(text).parseRelativeValue(), context);
    const withoutTree = validateParsedRow(JSON.parse(text) as JsonValue, text, context);
    if (!withoutTree) {
      assert.ok(positioned.diagnostics.length > 0, `a row without problems was sent to be parsed again:\n${text}`);
      continue;
    }
    assert.deepEqual(withoutTree.diagnostics, positioned.diagnostics, text);
    assert.deepEqual(withoutTree.facts, unplaced(positioned.facts), text);
    compared++;
    for (const [fact, value] of Object.entries(withoutTree.facts))
      if (value !== undefined) facts.add(`${fact} ${JSON.stringify(value) === '""' ? 'empty' : typeof value}`);
    for (const diagnostic of withoutTree.diagnostics) codes.add(diagnostic.code);
  }
  assert.ok(compared > 1500, `rows compared: ${compared}`);
  for (const code of ['mixed-dialect', 'ignored-field', 'metadata-alias', 'empty-row-data', 'invalid-row-data', 'local-file-path', 'missing-media-type']) {
    assert.ok(codes.has(code), `no ${code}: ${[...codes].join(', ')}`);
  }
  for (const fact of [
    'globalKey object',
    'assetKey object',
    'externalId string',
    'externalId empty',
    'mediaType string',
    'mediaType empty',
    'assetUrl string',
    'inferredMediaType string',
    'signedUrls object',
  ]) {
    assert.ok(facts.has(fact), `no ${fact}: ${[...facts].join(', ')}`);
  }
});

test("each rule on a row's keys, row_data and media_type reports on a tree over the parsed value exactly what it reports on a tree with positions", () => {
  const rules = [checkDialectKeys, checkIgnoredFields, checkRowData, checkLegacyAssets, checkMediaType];
  const reported = new Map(rules.map((rule) => [rule.name, new Set<string>()]));
  let skippedAsClean = 0;
  for (const text of TEXTS) {
    const value = JSON.parse(text) as { [key: string]: JsonValue };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue; // no data row: no rule runs
    const tree = new JsonParser(text).parseRelativeValue() as ObjectNode;
    const keys = Object.keys(value);
    for (const rule of rules) {
      const onValue = new RowCheck(nodeOfValue(value) as ObjectNode, value, dialectOfKeys(keys), context, keys);
      const onTree = new RowCheck(tree, toValue(tree) as { [key: string]: JsonValue }, detectDialect(tree), context);
      assert.ok(onValue.onParsedValue && !onTree.onParsedValue);
      rule(onValue);
      rule(onTree);
      if (onValue.placeInText(text)) assert.deepEqual(onValue.diagnostics, onTree.diagnostics, `${rule.name}\n${text}`);
      else assert.deepEqual(onValue.diagnostics.map(withoutPlace), onTree.diagnostics.map(withoutPlace), `${rule.name}\n${text}`);
      for (const diagnostic of onValue.diagnostics) reported.get(rule.name)!.add(`${diagnostic.code} ${diagnostic.severity}`);
      if (!onValue.diagnostics.length) skippedAsClean++;
    }
  }
  assert.ok(skippedAsClean > 5000, `rule runs without a problem: ${skippedAsClean}`);
  const expected: Record<string, string[]> = {
    checkDialectKeys: ['mixed-dialect error', 'mixed-dialect warning'],
    checkIgnoredFields: ['ignored-field information', 'ignored-field warning', 'metadata-alias information'],
    checkRowData: [
      'empty-row-data error',
      'empty-row-data warning',
      'invalid-row-data error',
      'invalid-row-data warning',
      'invalid-type warning',
      'unknown-property warning',
    ],
    checkLegacyAssets: ['legacy-dialect warning', 'legacy-dialect information', 'multiple-assets warning'],
    checkMediaType: [
      'local-file-path warning',
      'missing-media-type information',
      'unsupported-media-type warning',
      'invalid-value warning',
      'media-type-mismatch error',
      'media-type-mismatch warning',
      'media-type-extension warning',
    ],
  };
  for (const [rule, wanted] of Object.entries(expected)) {
    const seen = reported.get(rule)!;
    for (const what of wanted) assert.ok(seen.has(what), `${rule}: no ${what} among ${[...seen].join(', ')}`);
  }
});
