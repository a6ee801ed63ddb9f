import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createValidationContext, MetadataCatalog, parseMetadataSchema, type ValidationContext } from '../../service';
import type { JsonValue, ObjectNode } from '../../service/json/ast';
import { JsonParser } from '../../service/json/parser';
import { nodeOfValue } from '../../service/json/valueNodes';
import { detectDialect } from '../../service/validation/dialect';
import { RowCheck } from '../../service/validation/rowCheck';
import { validateParsedRow, validateRow } from '../../service/validation/validateRow';
import { metadataIsClean } from '../../service/validation/rules/cleanMetadata';
import { checkGlobalKey, reportGlobalKeyOnTree } from '../../service/validation/rules/globalKey';
import { checkMetadata, reportMetadataOnTree } from '../../service/validation/rules/metadata';
import { generateImportFile, generateRichImportFile, richMetadataSchema, SPLIT_ID, TAG_ID, withUnknownMetadataField } from '../../bench/generateRows';
import { Random } from '../../bench/random';
import { repositoryRows } from './helpers/repositoryRows';

/**
 * checkMetadata and checkGlobalKey answer a clean row from its plain value and go to the
 * row's nodes only when something may be wrong. Whatever the gate skips must be what the
 * node path reports nothing on: both are run on the same rows (the repository's files, the
 * generated rows, and rows built to reach every branch) and must report exactly the same.
 */

type Row = { [key: string]: JsonValue };
const ROOT = resolve(__dirname, '../..');

const orgAnswer = parseMetadataSchema(readFileSync(join(ROOT, 'test/fixtures/metadata/ontology-answer.json'), 'utf8'));
const richAnswer = parseMetadataSchema(richMetadataSchema());
if (!orgAnswer.ok || !richAnswer.ok) throw new Error('metadata schema fixtures do not parse');
const CONTEXTS: ValidationContext[] = [
  createValidationContext(),
  createValidationContext(new MetadataCatalog(orgAnswer.fields, { source: '.labelbox/metadata-schema.json' })),
  createValidationContext(new MetadataCatalog(richAnswer.fields)),
  // An enum whose options are not known, and a field named like an Object.prototype member.
  createValidationContext(
    new MetadataCatalog([
      { name: 'mood', kind: 'enum', reserved: false, options: [] },
      { id: 'clmoodnumber0000000000001', name: 'constructor', kind: 'number', reserved: false, options: [] },
    ]),
  ),
  createValidationContext(new MetadataCatalog(undefined, { source: 'schema.json', problem: 'the file is not JSON.' })),
];

const CAPTURE_ID = 'cko8sdzv70006h2dk8jg64zvb';
const EMBEDDING_ID = 'ckpyije740000yxdk81pbgjdc';
const TRAIN = 'cko8sbscr0003h2dk04w86hof';
const VALID = 'cko8sc2yr0004h2dk69aj5x63';
const SUNNY = 'clrw3sunny000000f8l1jj0k1';
const WEATHER = 'clrw3weather0000f8l1hh8i9';

/** Metadata entries that reach each branch of the rule: kinds, wrong types, unknown fields, hostile names. */
const ENTRIES: JsonValue[] = [
  null,
  'tag',
  5,
  [],
  {},
  { value: 'x' },
  { schema_id: TAG_ID, value: 'x' },
  { schema_id: TAG_ID, value: '' },
  { schema_id: TAG_ID, value: 'x'.repeat(4096) },
  { schema_id: TAG_ID, value: 'x'.repeat(4097) },
  { schema_id: TAG_ID, value: 5 },
  { schema_id: TAG_ID, value: null },
  { schema_id: TAG_ID, value: true },
  { schema_id: TAG_ID, value: {} },
  { schema_id: TAG_ID, value: ['x'] },
  { schema_id: TAG_ID },
  { name: 'tag', value: 'y' },
  { schema_id: SPLIT_ID, value: TRAIN },
  { schema_id: SPLIT_ID, value: VALID },
  { schema_id: SPLIT_ID, value: 'train' },
  { schema_id: SPLIT_ID, value: 'trian' },
  { schema_id: SPLIT_ID, value: SUNNY },
  { schema_id: SPLIT_ID, value: 3 },
  { name: 'split', value: 'train' },
  { name: 'split', value: TRAIN },
  { name: 'split', value: 'valid' },
  { name: 'split', value: 'nope' },
  { name: 'captureDateTime', value: '2024-05-02T07:45:10Z' },
  { name: 'captureDateTime', value: '2024-05-02t07:45:10z' },
  { name: 'captureDateTime', value: '2024-05-02T07:45:10.123Z' },
  { name: 'captureDateTime', value: '2024-05-02T07:45:10+02:00' },
  { name: 'captureDateTime', value: '2024-05-02T07:45:10+00:00' },
  { name: 'captureDateTime', value: '2024-05-02' },
  { name: 'captureDateTime', value: '2024-02-30T00:00:00Z' },
  { name: 'captureDateTime', value: '0099-01-01T00:00:00Z' },
  { name: 'captureDateTime', value: '2024-05-02T1a:45:10Z' },
  { name: 'captureDateTime', value: '2024-05-02T07:45:6:Z' },
  { name: 'captureDateTime', value: '2024-13-02T07:45:10Z' },
  { name: 'captureDateTime', value: '2024-05-02T24:45:10Z' },
  { name: 'captureDateTime', value: '2024-05-02 07:45:10' },
  { name: 'captureDateTime', value: 'May 2nd' },
  { name: 'captureDateTime', value: 'yesterday' },
  { name: 'captureDateTime', value: 1714635910 },
  { schema_id: CAPTURE_ID, value: '2024-05-02T07:45:10Z' },
  { schema_id: EMBEDDING_ID, value: Array.from({ length: 128 }, () => 0.5) },
  { name: 'embedding', value: [1, 2] },
  { name: 'skipNFrames', value: 3 },
  { name: 'skipNFrames', value: '3' },
  { name: 'skipNFrames', value: 'three' },
  { name: 'precomputedImageEmbedding', value: Array.from({ length: 128 }, () => 1) },
  { name: 'precomputedImageEmbedding', value: [...Array.from({ length: 127 }, () => 1), 'x'] },
  { name: 'precomputedImageEmbedding', value: 'x' },
  { name: 'camera', value: 'DJI' },
  { name: 'altitude_m', value: 120.5 },
  { name: 'altitude_m', value: '120.5' },
  { schema_id: WEATHER, value: SUNNY },
  { schema_id: WEATHER, value: 'sunny' },
  { name: 'weather', value: 'sunny' },
  { name: 'weather', value: 'train' },
  { name: 'mood', value: 'anything' },
  { name: 'mood', value: 7 },
  { schema_id: 'ckzzzzzzzzzzzzzzzzzzzzzzz', value: 'x' },
  { schema_id: 'cko8s9r5v0001h2dk9elqdidx', value: 'x' },
  { schema_id: 'short', value: 'x' },
  { schema_id: 'tag', value: 'x' },
  { schema_id: TRAIN, value: 'x' },
  { schema_id: 5, name: 'tag', value: 'x' },
  { schema_id: null, name: 'tag', value: 'x' },
  { name: 'camera_model', value: 'X100' },
  { name: TAG_ID, value: 'x' },
  { name: 'train', value: 'x' },
  { name: 5, value: 'x' },
  { name: 'constructor', value: 1 },
  { name: 'constructor', value: 'x' },
  { name: '__proto__', value: 'x' },
  { name: 'toString', value: 'x' },
  { schema_id: 'constructor', value: 'x' },
  { schema_id: 'clmoodnumber0000000000001', value: 2 },
  { name: 'split', value: '__proto__' },
  { name: 'split', value: 'constructor' },
];

/** Entries written as JSON text, for keys JSON.parse keeps as own properties ("__proto__"). */
const ENTRY_TEXTS = [
  '{ "__proto__": { "name": "tag" }, "value": "x" }',
  '{ "__proto__": null, "name": "tag", "value": "x" }',
  '{ "constructor": "tag", "value": "x" }',
  '{ "name": "tag", "value": "x", "hasOwnProperty": 1 }',
  '{ "schema_id": "cko8s9r5v0001h2dk9elqdidh", "schema_id": "nope", "value": "x" }',
];

/** A current, legacy and mixed row around a list of entries. */
function rowsAround(entries: JsonValue[]): Row[] {
  return [
    { row_data: 'https://example.com/a.jpg', global_key: 'a.jpg', media_type: 'IMAGE', metadata_fields: entries },
    { row_data: 'https://example.com/a.jpg', metadata: entries, metadata_fields: entries.slice(0, 1) },
    { imageUrl: 'https://example.com/a.jpg', globalKey: 'a.jpg', metadataFields: legacyEntries(entries) },
    { imageUrl: 'https://example.com/a.jpg', metadataFields: entries },
  ];
}

function legacyEntries(entries: JsonValue[]): JsonValue[] {
  return entries.map((entry) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || !Object.hasOwn(entry, 'schema_id')) return entry;
    const { schema_id: schemaId, ...rest } = entry;
    return { schemaId, ...rest };
  });
}

function handBuiltRows(): Row[] {
  const rows: Row[] = [];
  const random = new Random(16);
  const parsedEntries = ENTRY_TEXTS.map((text) => JSON.parse(text) as JsonValue);
  const all = [...ENTRIES, ...parsedEntries];
  for (const entry of all) rows.push(...rowsAround([entry]));
  // Pairs: repeats of a field (same or other option, by id and by name) and entries side by side.
  for (let i = 0; i < all.length; i++) for (let j = 0; j < all.length; j += 3) rows.push(...rowsAround([all[i], all[j]]));
  for (let count = 0; count < 400; count++) {
    const entries = Array.from({ length: random.int(0, 6) }, () => random.pick(all));
    rows.push(...rowsAround(entries));
  }
  // Long lists, past the gate's limit, clean and not.
  rows.push(...rowsAround(Array.from({ length: 40 }, (_, index) => ({ name: index ? `field${index}` : 'tag', value: 'x' }))));
  rows.push(...rowsAround(Array.from({ length: 40 }, () => ({ name: 'split', value: 'train' }))));
  rows.push(...rowsAround([{ name: 'tag', value: 'x' }, ...Array.from({ length: 31 }, () => ({ name: 'weather', value: 'sunny' }))]));
  // Enum options: several, one twice by name and by id, after an entry without a value or with another type.
  const splits: JsonValue[] = [
    { name: 'split', value: 'train' },
    { name: 'split', value: 'valid' },
    { schema_id: SPLIT_ID, value: TRAIN },
    { name: 'split' },
    { name: 'split', value: null },
  ];
  for (const a of splits) for (const b of splits) for (const c of splits) rows.push(...rowsAround([a, { name: 'tag', value: 'x' }, b, c]));
  for (const list of ['null', '{}', '"tag"', '5']) rows.push(JSON.parse(`{ "row_data": "a", "metadata_fields": ${list}, "metadata": ${list} }`) as Row);
  rows.push(JSON.parse('{ "row_data": "a", "__proto__": { "metadata_fields": [{ "name": "nope" }] } }') as Row);
  return rows;
}

/** Global keys of every shape: allowed and not, spaces, wrong types, both spellings, none. */
function globalKeyRows(): Row[] {
  const keys: JsonValue[] = [
    'a',
    '',
    ' ',
    ' a',
    'a ',
    'a  b',
    'a b',
    'a\tb',
    'a\u00a0b',
    'é',
    '📷',
    'a/b-c_d.e',
    "!_.*'()&$@=;/:+,?-",
    'a\nb',
    5,
    null,
    true,
    ['a'],
    {},
  ];
  const rows: Row[] = [];
  for (const key of keys) {
    rows.push({ row_data: 'https://example.com/a.jpg', global_key: key });
    rows.push({ row_data: 'https://example.com/a.jpg', global_key: key, external_id: 'e' });
    rows.push({ imageUrl: 'https://example.com/a.jpg', globalKey: key });
    rows.push({ imageUrl: 'https://example.com/a.jpg', global_key: key });
    rows.push({ imageUrl: 'https://example.com/a.jpg', globalKey: key, global_key: 'b  b' });
    rows.push({ conversationalData: [], global_key: key, externalId: 'e' });
  }
  rows.push({ row_data: 'a', external_id: 'e' }, { row_data: 'a', external_id: null }, { row_data: 'a' }, { imageUrl: 'a', externalId: 'e' });
  for (const text of [
    '{ "row_data": "a", "__proto__": { "global_key": "a" }, "external_id": "e" }',
    '{ "row_data": "a", "constructor": "x", "external_id": "e" }',
  ])
    rows.push(JSON.parse(text) as Row);
  return rows;
}

function generatedRows(): Row[] {
  const files = [generateImportFile(2000, 3, 20), generateRichImportFile(1000, 4, 20)];
  const texts = [...files.map((file) => file.text), withUnknownMetadataField(files[0].text)];
  return texts.flatMap((text) => JSON.parse(text) as Row[]);
}

function checkOn(row: Row, context: ValidationContext): RowCheck {
  const node = nodeOfValue(row) as ObjectNode;
  return new RowCheck(node, row, detectDialect(node), context);
}

/** Runs the gated rule and its node path on fresh checks of each row; counts the rows the gate answered alone. */
function assertSameReports(rows: Row[], gated: (check: RowCheck) => void, onNodes: (check: RowCheck) => void): { clean: number; reported: number } {
  let clean = 0;
  let reported = 0;
  for (const context of CONTEXTS) {
    for (const row of rows) {
      const viaGate = checkOn(row, context);
      gated(viaGate);
      const viaNodes = checkOn(row, context);
      onNodes(viaNodes);
      assert.deepEqual(viaGate.diagnostics, viaNodes.diagnostics, JSON.stringify(row).slice(0, 2000));
      if (viaNodes.diagnostics.length) reported++;
      else clean++;
    }
  }
  return { clean, reported };
}

const ROWS = [...handBuiltRows(), ...globalKeyRows(), ...repositoryRows(), ...generatedRows()];

test('checkMetadata reports on every row exactly what its node path reports', () => {
  const { clean, reported } = assertSameReports(ROWS, checkMetadata, reportMetadataOnTree);
  // Both sides of the gate are reached often.
  assert.ok(clean > 5000 && reported > 5000, `clean ${clean}, reported ${reported}`);
});

test('checkGlobalKey reports on every row exactly what its node path reports', () => {
  const { clean, reported } = assertSameReports(ROWS, checkGlobalKey, reportGlobalKeyOnTree);
  assert.ok(clean > 5000 && reported > 100, `clean ${clean}, reported ${reported}`);
});

test('the metadata gate answers clean rows alone and leaves every row with a problem to the nodes', () => {
  const context = CONTEXTS[0];
  const generated = JSON.parse(generateImportFile(500, 5, 1_000_000).text) as Row[];
  assert.ok(generated.every((row) => metadataIsClean(row, detectDialect(checkOn(row, context).node), context.catalog)));
  const [twice] = rowsAround([
    { name: 'tag', value: 'a' },
    { name: 'tag', value: 'b' },
  ]);
  assert.equal(metadataIsClean(twice, 'current', context.catalog), false);
  // Several options of an enum field, as the docs allow; one option twice (by name and by id) is reported.
  const [options] = rowsAround([
    { name: 'split', value: 'train' },
    { schema_id: SPLIT_ID, value: VALID },
    { name: 'split', value: 'test' },
  ]);
  assert.equal(metadataIsClean(options, 'current', context.catalog), true);
  const [optionTwice] = rowsAround([
    { name: 'split', value: 'train' },
    { name: 'tag', value: 'a' },
    { schema_id: SPLIT_ID, value: TRAIN },
  ]);
  assert.equal(metadataIsClean(optionTwice, 'current', context.catalog), false);
});

test('with positions or without, the metadata and global key problems of a row are the same', () => {
  const random = new Random(9);
  for (const context of CONTEXTS.slice(0, 2)) {
    for (const row of [...handBuiltRows().filter(() => random.chance(0.2)), ...globalKeyRows()]) {
      const text = JSON.stringify(row, undefined, 1);
      const positioned = validateRow(new JsonParser(text).parseRelativeValue(), context).diagnostics;
      const withoutTree = validateParsedRow(JSON.parse(text) as JsonValue, text, context)?.diagnostics;
      if (withoutTree) assert.deepEqual(withoutTree, positioned, text);
    }
  }
});
