import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MetadataCatalog, parseMetadataSchema, type MetadataSchemaResult } from '../../service';

const ANSWER_TEXT = readFileSync(resolve(__dirname, '../fixtures/metadata/ontology-answer.json'), 'utf8');
const ANSWER = JSON.parse(ANSWER_TEXT) as { data: { customMetadataOntology: Array<Record<string, unknown>> } };
const FIELDS = ANSWER.data.customMetadataOntology;

function ok(result: MetadataSchemaResult) {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result;
}

function error(result: MetadataSchemaResult): string {
  assert.equal(result.ok, false, 'expected the file to be rejected');
  return (result as { error: string }).error;
}

test('reads the API answer as saved, the customMetadataOntology object and the bare list alike', () => {
  const whole = ok(parseMetadataSchema(ANSWER_TEXT));
  const inner = ok(parseMetadataSchema(JSON.stringify(ANSWER.data)));
  const bare = ok(parseMetadataSchema(JSON.stringify(FIELDS)));
  assert.equal(whole.fields.length, 8);
  assert.deepEqual(inner.fields, whole.fields);
  assert.deepEqual(bare.fields, whole.fields);
  assert.deepEqual(whole.warnings, []);
  const weather = whole.fields.find((field) => field.name === 'weather')!;
  assert.equal(weather.kind, 'enum');
  assert.equal(weather.id, 'clrw3weather0000f8l1hh8i9');
  assert.equal(weather.reserved, false);
  assert.deepEqual(
    weather.options.map((option) => option.name),
    ['sunny', 'cloudy', 'rain'],
  );
  assert.equal(weather.description, undefined);
  assert.equal(whole.fields.find((field) => field.name === 'altitude_m')!.kind, 'number');
  assert.equal(whole.fields.find((field) => field.name === 'flown_at')!.kind, 'datetime');
  assert.equal(whole.fields.find((field) => field.name === 'camera')!.kind, 'string');
});

test('a byte order mark, missing options and a null reserved flag are fine', () => {
  const result = ok(parseMetadataSchema('\uFEFF[{ "id": "clrw3camera0000f8l1aa2b3c", "name": "camera", "kind": "CustomMetadataString", "reserved": null }]'));
  assert.deepEqual(result.fields[0].options, []);
  assert.equal(result.fields[0].reserved, false);
});

test('the catalog puts custom fields after the reserved ones and does not list reserved fields twice', () => {
  const { fields } = ok(parseMetadataSchema(ANSWER_TEXT));
  const catalog = new MetadataCatalog(fields, { source: '.labelbox/metadata-schema.json' });
  assert.equal(catalog.hasOrganizationSchema, true);
  assert.equal(catalog.fields.filter((field) => field.name === 'split').length, 1);
  assert.equal(catalog.fieldByName('camera')?.id, 'clrw3camera0000f8l1aa2b3c');
  assert.equal(catalog.fieldById('clrw3altitude000f8l1dd4e5')?.name, 'altitude_m');
  assert.equal(catalog.optionById('clrw3rain0000000f8l1nn4o5')?.field.name, 'weather');
  // A reserved field the built-in list does not have is kept.
  assert.equal(catalog.fieldByName('precomputedImageEmbedding')?.kind, 'embedding');
  const names = catalog.fields.map((field) => field.name);
  assert.ok(names.indexOf('captureDateTime') < names.indexOf('camera'));
});

test("the organization's answer fills in the id of a reserved field Labelbox does not publish", () => {
  const { fields } = ok(
    parseMetadataSchema(JSON.stringify([{ id: 'clrw3skipframes0f8l1pp6q7', name: 'skipNFrames', kind: 'CustomMetadataNumber', reserved: true, options: [] }])),
  );
  const catalog = new MetadataCatalog(fields);
  assert.equal(catalog.fieldById('clrw3skipframes0f8l1pp6q7')?.name, 'skipNFrames');
  assert.equal(catalog.fields.filter((field) => field.name === 'skipNFrames').length, 1);
  assert.equal(new MetadataCatalog().fieldByName('skipNFrames')?.id, undefined);
});

test('invalid JSON is reported with its line and column', () => {
  const message = error(parseMetadataSchema('[\n  { "id": "a", "name": "b" "kind": "CustomMetadataString" }\n]'));
  assert.match(message, /^The file is not valid JSON: line 2, column \d+/);
});

test('an empty file, a wrong root and an error answer each get their own message', () => {
  assert.match(error(parseMetadataSchema('  \n')), /The file is empty/);
  assert.match(error(parseMetadataSchema('"fields"')), /must hold the list of metadata fields .* it holds a string/);
  assert.match(error(parseMetadataSchema('{ "fields": [] }')), /has no "customMetadataOntology"/);
  assert.match(
    error(parseMetadataSchema('{ "data": { "customMetadataOntology": null } }')),
    /"data"\."customMetadataOntology" must be the list of metadata fields .* it is null/,
  );
  assert.match(
    error(parseMetadataSchema('{ "errors": [{ "message": "Invalid API key", "extensions": { "code": "AUTHENTICATION_ERROR" } }], "data": null }')),
    /error answer of the API, not the metadata schema: "Invalid API key"/,
  );
});

test('a field without id, name or kind, or with bad options, is named in the message', () => {
  assert.match(error(parseMetadataSchema('[{ "name": "camera", "kind": "CustomMetadataString" }]')), /^Field 1 \("camera"\) needs an "id"/);
  assert.match(error(parseMetadataSchema('[{ "id": "x", "kind": "CustomMetadataString" }]')), /^Field 1 needs a "name"/);
  assert.match(error(parseMetadataSchema('[{ "id": "x", "name": "camera" }]')), /needs a "kind": one of CustomMetadataString, CustomMetadataNumber/);
  assert.match(
    error(parseMetadataSchema('[{ "id": "x", "name": "w", "kind": "CustomMetadataEnum", "options": [{ "id": "o" }] }]')),
    /option 1 of field 1 \("w"\) needs a "name"/,
  );
  assert.match(
    error(parseMetadataSchema('[{ "id": "x", "name": "w", "kind": "CustomMetadataNumber", "options": [{ "id": "o", "name": "a" }] }]')),
    /only fields of kind CustomMetadataEnum have options/,
  );
  assert.match(
    error(parseMetadataSchema('[{ "id": "x", "name": "w", "kind": "CustomMetadataString", "reserved": "no" }]')),
    /"reserved" must be true or false/,
  );
});

test('a field of a kind this version does not know is left out with a warning; duplicates are warned about', () => {
  const result = ok(
    parseMetadataSchema(
      JSON.stringify([
        { id: 'clrw3camera0000f8l1aa2b3c', name: 'camera', kind: 'CustomMetadataString' },
        { id: 'clrw3future0000f8l1aa2b3c', name: 'future', kind: 'CustomMetadataHologram' },
        { id: 'clrw3camera0000f8l1aa2b3c', name: 'camera2', kind: 'CustomMetadataNumber' },
        { id: 'clrw3other00000f8l1aa2b3c', name: 'camera', kind: 'CustomMetadataNumber' },
      ]),
    ),
  );
  assert.deepEqual(
    result.fields.map((field) => field.name),
    ['camera', 'camera2', 'camera'],
  );
  assert.equal(result.warnings.length, 3, result.warnings.join('\n'));
  assert.match(result.warnings[0], /Field 2 \("future"\) has the kind "CustomMetadataHologram", which this version does not know/);
  assert.match(result.warnings[1], /Field 3 \("camera2"\) uses the id "clrw3camera0000f8l1aa2b3c", which Field 1 \("camera"\) uses too/);
  assert.match(result.warnings[2], /Field 4 \("camera"\) has the same name as Field 1/);
});

test('a file cut short says so, with where it ends', () => {
  assert.equal(
    error(parseMetadataSchema('{ "data": {\n  "customMetadataOntology": [ { "id": ')),
    'The file is not valid JSON: line 2, column 38: the file ends before the JSON is complete.',
  );
});
