import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, marked } from './helpers/markedDocument';

/** Keys Labelbox manages itself and null values (ignored-field), and the "metadata" key (metadata-alias). */

const IMAGE = '"row_data": "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": "IMAGE"';

test('ignored-field: server-managed keys are warnings on the key, with a remove fix', () => {
  const doc = marked(
    `[\n  { ${IMAGE}, ⟦"media_attributes"⟧: { "width": 640 }, ⟦"dataset_id"⟧: "clx8k2m1p000a08l4c7d2e9fq", ⟦"uid"⟧: "clx8k2m1p000b08l4c7d2e9fq", ⟦"created_at"⟧: "2024-05-02T07:45:10Z", ⟦"updated_at"⟧: "2024-05-02T07:45:10Z" },\n  { "imageUrl": "https://media.example-lab.org/b.jpg", ⟦"mediaAttributes"⟧: {} }\n]`,
  );
  const media = expectProblem(doc, 'ignored-field', { range: 0, severity: 'warning', message: 'Media attributes are computed by Labelbox' });
  assert.deepEqual(media.fixes, [{ kind: 'removeProperty', title: 'Remove "media_attributes"' }]);
  expectProblem(doc, 'ignored-field', { range: 1, message: 'The dataset is the one the file is imported into' });
  expectProblem(doc, 'ignored-field', { range: 2, message: 'Labelbox assigns the data row id itself' });
  expectProblem(doc, 'ignored-field', { range: 3, message: 'creation time' });
  expectProblem(doc, 'ignored-field', { range: 4, message: 'update time' });
  expectProblem(doc, 'ignored-field', { range: 5, message: 'Media attributes' });
  expectNoProblem(doc, 'unknown-property');
});

test('ignored-field: a row without them has none', () => {
  expectNoProblem(marked(`[\n  { ${IMAGE}, "external_id": "a.jpg" }\n]`), 'ignored-field');
});

test('ignored-field: a null value is information (the SDK drops null keys before upload), also for keys it would otherwise reject', () => {
  const doc = marked(`[\n  { ${IMAGE}, ⟦"external_id"⟧: null, ⟦"attachments"⟧: null, ⟦"globalKey"⟧: null, ⟦"colour"⟧: null }\n]`);
  for (const range of [0, 1, 2, 3])
    expectProblem(doc, 'ignored-field', {
      range,
      severity: 'information',
      message: "is null: Labelbox's Python SDK leaves keys whose value is null out of the upload",
    });
  expectNoProblem(doc, 'unknown-property');
  expectNoProblem(doc, 'mixed-dialect');
  expectNoProblem(doc, 'invalid-type');
});

test('ignored-field: a null row_data is not ignored but empty', () => {
  const doc = marked(`[\n  { "row_data": ⟦null⟧, "global_key": "a" }\n]`);
  expectProblem(doc, 'empty-row-data', { range: 0, severity: 'error' });
  expectNoProblem(doc, 'ignored-field');
});

test('metadata-alias: "metadata" (documented by the SDK\'s upsert_data_rows) is information with a rename fix (unless metadata_fields exists)', () => {
  const doc = marked(
    `[\n  { ${IMAGE}, ⟦"metadata"⟧: [{ "name": "tag", "value": "night" }] },\n  { "row_data": "https://media.example-lab.org/b.jpg", "global_key": "b", "media_type": "IMAGE", "metadata_fields": [], ⟦"metadata"⟧: [] }\n]`,
  );
  const alias = expectProblem(doc, 'metadata-alias', {
    range: 0,
    severity: 'information',
    message:
      '"metadata" works (the SDK\'s upsert_data_rows documents it), but the SDK passes its entries on unchecked; "metadata_fields" is checked before upload.',
  });
  assert.deepEqual(alias.fixes, [{ kind: 'replace', title: 'Rename to "metadata_fields"', text: '"metadata_fields"' }]);
  const both = expectProblem(doc, 'metadata-alias', { range: 1 });
  assert.equal(both.fixes, undefined);
});

test('metadata-alias: metadata_fields is fine', () => {
  expectNoProblem(marked(`[\n  { ${IMAGE}, "metadata_fields": [{ "name": "tag", "value": "night" }] }\n]`), 'metadata-alias');
});

test('metadata-alias: entries under "metadata" are still checked', () => {
  const doc = marked(`[\n  { ${IMAGE}, "metadata": [{ "name": "tag", "value": ⟦7⟧ }] }\n]`);
  expectProblem(doc, 'invalid-metadata-value', { range: 0 });
});
