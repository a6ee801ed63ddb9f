import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext } from '../../service';
import { JsonParser } from '../../service/json/parser';
import type { JsonValue } from '../../service/json/ast';
import { validateParsedRow, validateRow } from '../../service/validation/validateRow';
import { locatePath } from '../../service/json/keyLocator';
import type { PathStep } from '../../service/json/nodePath';
import { generateImportFile, SPLIT_ID } from '../../bench/generateRows';
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
