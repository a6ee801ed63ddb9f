import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext } from '../../server/src/service';
import { JsonParser } from '../../server/src/service/json/parser';
import type { JsonValue } from '../../server/src/service/json/ast';
import { validateParsedRow, validateRow } from '../../server/src/service/validation/validateRow';
import { generateImportFile } from '../../bench/generateRows';
import { Random } from '../../bench/random';

/**
 * A row read by JSON.parse is checked without positions; when all its problems are on
 * top-level keys they are placed by finding those keys in the row's text, without parsing it
 * again. Whatever that path returns must be exactly what a check on a tree with positions
 * gives, for realistic rows, written in different layouts.
 */

const context = createValidationContext();
type Row = { [key: string]: JsonValue };

/** Changes that give a row problems on its top-level keys, and some that give it others. */
const MUTATIONS: Array<(row: Row) => void> = [
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

test('problems placed by their keys are the ones a tree with positions gives', () => {
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
  assert.ok(placed > 1000, `rows with problems placed by key: ${placed}`);
  assert.ok(reparsed > 200, `rows parsed again: ${reparsed}`);
  for (const code of ['missing-media-type', 'missing-global-key', 'unknown-property']) assert.ok(placedCodes.has(code), `no ${code} placed by key`);
});

test('a problem inside a value is not placed by key: the row is parsed again', () => {
  const text = '{ "row_data": "https://example.com/a.jpg", "media_type": "IMAGE", "attachments": [{ "type": "TEXT", "value": "" }] }';
  assert.equal(validateParsedRow(JSON.parse(text) as JsonValue, text, context), undefined);
  const positioned = validateRow(new JsonParser(text).parseRelativeValue(), context);
  assert.ok(positioned.diagnostics.some((diagnostic) => diagnostic.offset > text.indexOf('"attachments"')));
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
