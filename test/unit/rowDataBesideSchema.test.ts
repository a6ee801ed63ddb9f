import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ValidateFunction } from 'ajv';
import publishedSchema from '../../schemas/data-row-import.schema.json';
import { compileSchema } from '../../service/schema/compileSchema';
import { CURRENT_ROW_BESIDE_ROW_DATA, schemaForChecking } from '../../service/schema/schemaForChecking';
import type { JsonValue, ObjectNode } from '../../service/json/ast';
import { nodeOfValue } from '../../service/json/valueNodes';
import { RowCheck } from '../../service/validation/rowCheck';
import { reportSchemaErrors } from '../../service/validation/schemaErrors';
import { createValidationContext } from '../../service';
import { generateImportFile, generateRichImportFile } from '../../bench/generateRows';
import { Random } from '../../bench/random';
import { repositoryRows } from './helpers/repositoryRows';
import { loadPrecompiledValidators } from './helpers/precompiledValidators';

/**
 * A current row is checked against a definition that takes any row_data (schemaForChecking):
 * checkRowData checks row_data itself, and the schema's errors under row_data were dropped.
 * Whatever the row, the schema must give the same problems as the published definition with
 * those errors dropped, at run time and in the validators generated for the bundles.
 */

type Row = { [key: string]: JsonValue };
const context = createValidationContext();
const runtime = compileSchema(schemaForChecking(publishedSchema));

const precompiled = loadPrecompiledValidators();

/** The problems reportSchemaErrors makes of a validator's errors on the row. */
function problemsOf(row: Row, validate: ValidateFunction, keep: (instancePath: string) => boolean = () => true): unknown {
  const node = nodeOfValue(row) as ObjectNode;
  const check = new RowCheck(node, row, 'current', context);
  if (!validate(row))
    reportSchemaErrors(
      (validate.errors ?? []).filter((error) => keep(error.instancePath)),
      node,
      [],
      check,
    );
  return check.diagnostics;
}

const outsideRowData = (instancePath: string) => !/^\/row_data(\/|$)/.test(instancePath);

const ROW_DATA: JsonValue[] = [
  'https://example.com/a.jpg',
  '',
  null,
  5,
  true,
  [],
  ['https://example.com/a.jpg'],
  {},
  { pdf_url: 'https://example.com/a.pdf', text_layer_url: 'https://example.com/a.json' },
  { pdfUrl: 'https://example.com/a.pdf' },
  { pdf_url: 5 },
  {
    tileLayerUrl: 'https://t/{z}/{x}/{y}.png',
    bounds: [
      [0, 0],
      [1, 1],
    ],
    minZoom: 1,
    maxZoom: 2,
    epsg: 'Simple',
  },
  { tile_layer_url: 'https://t/{z}/{x}/{y}.png', extra: 1 },
  { type: 'application/vnd.labelbox.conversational', version: 1, messages: [] },
  { type: 'application/vnd.labelbox.conversational', version: 1, messages: [{ messageId: 'm', content: 'hi', user: { userId: 'u', name: 'U' } }] },
  { type: 'application/vnd.labelbox.conversational', version: 2, messages: 'no' },
  { type: 'unknown', nope: true },
  { messages: [{}] },
];

function rows(): Row[] {
  const random = new Random(23);
  const generated = [...(JSON.parse(generateImportFile(2000, 7, 10).text) as Row[]), ...(JSON.parse(generateRichImportFile(300, 3, 10).text) as Row[])];
  const all = [...repositoryRows(), ...generated];
  // Each row_data form (and none) in rows that are right or wrong elsewhere.
  for (const row of all.slice(0, 400)) {
    const changed: Row = { ...row, row_data: random.pick(ROW_DATA) };
    if (random.chance(0.2)) delete changed.row_data;
    if (random.chance(0.2)) changed.media_type = random.pick(['image', 'PDF', 5, null]);
    if (random.chance(0.2)) changed.unknown_key = 1;
    all.push(changed);
  }
  return all;
}

test('a current row gets the same schema problems from the definition beside row_data as from the published one without its row_data errors', () => {
  let reported = 0;
  for (const row of rows()) {
    for (const validators of [
      { full: runtime.definition('currentDataRow'), beside: runtime.definition(CURRENT_ROW_BESIDE_ROW_DATA) },
      { full: precompiled.currentDataRow, beside: precompiled[CURRENT_ROW_BESIDE_ROW_DATA] },
    ]) {
      const expected = problemsOf(row, validators.full, outsideRowData);
      assert.deepEqual(problemsOf(row, validators.beside), expected, JSON.stringify(row).slice(0, 1500));
      if ((expected as unknown[]).length) reported++;
    }
  }
  assert.ok(reported > 200, `${reported} rows with schema problems`);
});

test('the definition beside row_data still requires row_data, and takes any value for it', () => {
  const beside = runtime.definition(CURRENT_ROW_BESIDE_ROW_DATA);
  assert.equal(beside({ global_key: 'a' }), false);
  assert.deepEqual(
    beside.errors?.map((error) => error.params),
    [{ missingProperty: 'row_data' }],
  );
  for (const rowData of ROW_DATA) assert.equal(beside({ row_data: rowData }), true, JSON.stringify(rowData));
});
