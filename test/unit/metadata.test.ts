import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext, MetadataCatalog } from '../../service';
import { expectNoProblem, expectNoSeverity, expectProblem, marked } from './helpers/markedDocument';

/**
 * Metadata: invalid-metadata-value, duplicate-metadata-field, unknown-metadata-field,
 * deprecated-metadata-field. Reserved ids are the same in every organization (docs/import-format.md).
 */

const TAG = 'cko8s9r5v0001h2dk9elqdidh';
const SPLIT = 'cko8sbczn0002h2dkdaxb5kal';
const TRAIN = 'cko8sbscr0003h2dk04w86hof';
const CAPTURE = 'cko8sdzv70006h2dk8jg64zvb';
const EMBEDDING = 'ckpyije740000yxdk81pbgjdc';

const withMetadata = (entries: string) =>
  `[\n  { "row_data": "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": "IMAGE", "metadata_fields": [\n    ${entries}\n  ] }\n]`;

test('invalid-metadata-value: tag holds at most 4096 characters per the docs; a warning, since SDK 7.2.0 stopped checking', () => {
  const doc = marked(withMetadata(`{ "name": "tag", "value": ⟦"${'x'.repeat(4097)}"⟧ }`));
  expectProblem(doc, 'invalid-metadata-value', {
    range: 0,
    severity: 'warning',
    message:
      '"tag" values can have at most 4,096 characters per the docs; this one has 4,097. SDK versions before 7.2.0 reject it; 7.2.0 and later no longer check.',
  });
});

test('invalid-metadata-value: a tag of exactly 4096 characters is fine', () => {
  const doc = marked(withMetadata(`{ "name": "tag", "value": "${'x'.repeat(4096)}" }`));
  expectNoProblem(doc, 'invalid-metadata-value');
});

test('invalid-metadata-value: tag must be a string', () => {
  const doc = marked(withMetadata(`{ "schema_id": "${TAG}", "value": ⟦42⟧ }`));
  expectProblem(doc, 'invalid-metadata-value', { range: 0, message: '"tag" is a text field: its value must be a string.' });
});

test('invalid-metadata-value: split by name takes option names or ids', () => {
  const doc = marked(withMetadata(`{ "name": "split", "value": "train" }`));
  expectNoProblem(doc, 'invalid-metadata-value');
  const byId = marked(withMetadata(`{ "name": "split", "value": "${TRAIN}" }`));
  expectNoProblem(byId, 'invalid-metadata-value');
});

test('invalid-metadata-value: split by schema_id takes only option ids', () => {
  const doc = marked(withMetadata(`{ "schema_id": "${SPLIT}", "value": ⟦"train"⟧ }`));
  const problem = expectProblem(doc, 'invalid-metadata-value', {
    range: 0,
    severity: 'error',
    message: `When the field is given by schema id, the value must be the option's id: "${TRAIN}" for "train".`,
  });
  assert.deepEqual(problem.fixes?.[0], { kind: 'replace', title: 'Change to the id of "train"', text: `"${TRAIN}"` });
  expectNoProblem(marked(withMetadata(`{ "schema_id": "${SPLIT}", "value": "${TRAIN}" }`)), 'invalid-metadata-value');
});

test('invalid-metadata-value: an unknown split option gets a did-you-mean', () => {
  const doc = marked(withMetadata(`{ "name": "split", "value": ⟦"trian"⟧ }`));
  expectProblem(doc, 'invalid-metadata-value', {
    range: 0,
    message: '"split" has no option "trian". Did you mean "train"? Its options are "train", "valid" or "test".',
  });
});

test('invalid-metadata-value: an option id used as the schema id', () => {
  const doc = marked(withMetadata(`{ "schema_id": ⟦"${TRAIN}"⟧, "value": "x" }`));
  expectProblem(doc, 'invalid-metadata-value', { range: 0, message: 'This is the id of the option "train" of the field "split", not of a field.' });
});

test("invalid-metadata-value: captureDateTime must be ISO 8601: a warning where the SDK's lenient parser reads it, an error where nothing can", () => {
  const doc = marked(withMetadata(`{ "name": "captureDateTime", "value": ⟦"06/01/2024 09:30"⟧ }`));
  expectProblem(doc, 'invalid-metadata-value', {
    range: 0,
    severity: 'warning',
    message: /^"captureDateTime" needs an ISO 8601 date-time in UTC.*Labelbox's Python SDK guesses how to read it/,
  });
  const notADate = marked(withMetadata(`{ "name": "captureDateTime", "value": ⟦"yesterday"⟧ }`));
  expectProblem(notADate, 'invalid-metadata-value', { range: 0, severity: 'error', message: "is not a date, and Labelbox's SDK rejects it" });
  const number = marked(withMetadata(`{ "schema_id": "${CAPTURE}", "value": ⟦1717234200⟧ }`));
  expectProblem(number, 'invalid-metadata-value', { range: 0, severity: 'error', message: 'its value must be an ISO 8601 string' });
});

test('invalid-metadata-value: captureDateTime with a non-UTC offset is a warning with the UTC time', () => {
  const doc = marked(withMetadata(`{ "name": "captureDateTime", "value": ⟦"2024-05-02T09:45:10+02:00"⟧ }`));
  const problem = expectProblem(doc, 'invalid-metadata-value', { range: 0, severity: 'warning', message: 'In UTC it is "2024-05-02T07:45:10Z".' });
  assert.deepEqual(problem.fixes?.[0], { kind: 'replace', title: 'Change to "2024-05-02T07:45:10Z"', text: '"2024-05-02T07:45:10Z"' });
});

test('invalid-metadata-value: UTC date-times in the usual spellings are fine', () => {
  for (const value of ['2024-05-02T07:45:10Z', '2024-05-02T07:45:10.123+00:00', '2024-05-02 07:45:10', '2024-05-02']) {
    expectNoProblem(marked(withMetadata(`{ "name": "captureDateTime", "value": "${value}" }`)), 'invalid-metadata-value');
  }
  expectProblem(marked(withMetadata(`{ "name": "captureDateTime", "value": "2024-02-30T00:00:00Z" }`)), 'invalid-metadata-value');
});

test('invalid-metadata-value: a letter or a sign among the digits of a time in the canonical form is no date-time', () => {
  for (const value of ['2024-05-02T1a:45:10Z', '2024-05-02T07:4x:10Z', '2024-05-02T07:45:1:Z', '2024-05-02T-1:45:10Z']) {
    const doc = marked(withMetadata(`{ "name": "captureDateTime", "value": ⟦"${value}"⟧ }`));
    expectProblem(doc, 'invalid-metadata-value', { range: 0, severity: 'warning', message: `"${value}" is not one` });
  }
});

test('deprecated-metadata-field: the retired embedding field, by id or by name', () => {
  const doc = marked(withMetadata(`{ "schema_id": ⟦"${EMBEDDING}"⟧, "value": [${new Array(128).fill('0.1').join(', ')}] }`));
  expectProblem(doc, 'deprecated-metadata-field', { range: 0, severity: 'warning', message: /retired in January 2023.*"embeddings"/ });
  expectNoProblem(doc, 'invalid-metadata-value');
  const byName = marked(withMetadata(`{ "name": ⟦"embedding"⟧, "value": ⟦[0.1, 0.2]⟧ }`));
  expectProblem(byName, 'deprecated-metadata-field', { range: 0 });
  expectProblem(byName, 'invalid-metadata-value', { range: 1, message: 'needs exactly 128 numbers' });
});

test('deprecated-metadata-field: the current fields are not deprecated', () => {
  const doc = marked(
    withMetadata(`{ "name": "tag", "value": "x" }, { "name": "split", "value": "test" }, { "name": "captureDateTime", "value": "2024-05-02T07:45:10Z" }`),
  );
  expectNoProblem(doc, 'deprecated-metadata-field');
  assert.deepEqual(doc.diagnostics, []);
});

test('duplicate-metadata-field: a text field twice, by id and by name, is an error pointing at the first', () => {
  const doc = marked(withMetadata(`{ "schema_id": ⟦"${TAG}"⟧, "value": "night" },\n    { "name": ⟦"tag"⟧, "value": "rain" }`));
  const problem = expectProblem(doc, 'duplicate-metadata-field', {
    range: 1,
    severity: 'error',
    message: 'The text field "tag" is already set in this row. Labelbox fails the whole row when a text field appears twice',
  });
  assert.equal(problem.related?.[0].offset, doc.ranges[0].offset);
  expectNoProblem(doc, 'duplicate-metadata-field', { range: 0 });
});

test('duplicate-metadata-field: an enum field with several options is fine (the docs: "Multiple options can be imported"); one option twice is a warning', () => {
  const doc = marked(
    withMetadata(
      `{ "name": "split", "value": "train" },\n    { "schema_id": "${SPLIT}", "value": "cko8sc2yr0004h2dk69aj5x63" },\n    { "name": ⟦"split"⟧, "value": "${TRAIN}" }`,
    ),
  );
  expectProblem(doc, 'duplicate-metadata-field', { range: 0, severity: 'warning', message: 'The enum field "split" gets the same option twice' });
  assert.equal(doc.diagnostics.length, 1);
  expectNoProblem(
    marked(withMetadata(`{ "name": "split", "value": "train" }, { "name": "split", "value": "valid" }, { "name": "split", "value": "test" }`)),
    'duplicate-metadata-field',
  );
});

test('duplicate-metadata-field: a date-time field twice is a warning (not observed), and so is an unknown field', () => {
  const doc = marked(
    withMetadata(
      `{ "name": "captureDateTime", "value": "2024-05-02T07:45:10Z" }, { "schema_id": ⟦"${CAPTURE}"⟧, "value": "2024-05-03T07:45:10Z" },\n    { "name": "camera", "value": "a" }, { "name": ⟦"camera"⟧, "value": "b" }`,
    ),
  );
  expectProblem(doc, 'duplicate-metadata-field', {
    range: 0,
    severity: 'warning',
    message: 'The date-time field "captureDateTime" is already set in this row. Labelbox fails a row that sets a text field twice',
  });
  expectProblem(doc, 'duplicate-metadata-field', {
    range: 1,
    severity: 'warning',
    message:
      'The field "camera" is already set in this row. If it is a text, number or date-time field, Labelbox fails the whole row; several options of an enum field are fine.',
  });
});

test('duplicate-metadata-field: the same field in two rows is fine', () => {
  const doc = marked(`[
  { "row_data": "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": "IMAGE", "metadata_fields": [{ "name": "tag", "value": "x" }] },
  { "row_data": "https://media.example-lab.org/b.jpg", "global_key": "b", "media_type": "IMAGE", "metadata_fields": [{ "name": "tag", "value": "x" }, { "name": "split", "value": "train" }] }
]`);
  expectNoProblem(doc, 'duplicate-metadata-field');
});

test('unknown-metadata-field: without the organization schema it is information that says how to check it', () => {
  const doc = marked(
    withMetadata(`{ "name": ⟦"altitude_m"⟧, "value": 42.5 }, { "schema_id": ⟦"clx8k2m1p000a08l4c7d2e9fq"⟧, "value": "x" }, { "name": ⟦"Tag"⟧, "value": "x" }`),
  );
  expectProblem(doc, 'unknown-metadata-field', {
    range: 0,
    severity: 'information',
    message:
      /No metadata field is named "altitude_m"\. It is not a reserved field; if it is one of your organization's custom fields, add the organization's metadata schema/,
  });
  expectProblem(doc, 'unknown-metadata-field', { range: 1, message: 'No metadata field has the schema id "clx8k2m1p000a08l4c7d2e9fq".' });
  expectProblem(doc, 'unknown-metadata-field', { range: 2, message: 'Did you mean "tag"?' });
});

test('unknown-metadata-field: with the organization schema, unknown fields are errors and custom fields are checked', () => {
  const catalog = new MetadataCatalog([{ id: 'clx8k2m1p000c08l4c7d2e9fq', name: 'altitude_m', kind: 'number', reserved: false, options: [] }]);
  const context = createValidationContext(catalog);
  const doc = marked(withMetadata(`{ "name": "altitude_m", "value": ⟦"42.5"⟧ }, { "name": ⟦"altitude"⟧, "value": 1 }`), { context });
  expectProblem(doc, 'unknown-metadata-field', { range: 1, severity: 'error', message: /neither reserved nor in your organization's metadata schema/ });
  expectProblem(doc, 'invalid-metadata-value', { range: 0, severity: 'warning', message: "Labelbox's Python SDK converts it (float())" });
  expectNoProblem(doc, 'unknown-metadata-field', { range: 0 });
});

test('unknown-metadata-field: reserved fields are known', () => {
  const doc = marked(
    withMetadata(
      `{ "name": "tag", "value": "x" }, { "schema_id": "${SPLIT}", "value": "${TRAIN}" }, { "name": "captureDateTime", "value": "2024-05-02T07:45:10Z" }`,
    ),
  );
  expectNoProblem(doc, 'unknown-metadata-field');
  expectNoSeverity(doc, 'warning');
});

test('legacy metadataFields use schemaId and are checked the same way', () => {
  const doc = marked(
    `[\n  { "externalId": "a", "imageUrl": "https://media.example-lab.org/a.jpg", "metadataFields": [{ "schemaId": "${TAG}", "value": ⟦5⟧ }, { "schemaId": ⟦"${TAG}"⟧, "value": "x" }] }\n]`,
  );
  expectProblem(doc, 'invalid-metadata-value', { range: 0 });
  expectProblem(doc, 'duplicate-metadata-field', { range: 1 });
});
