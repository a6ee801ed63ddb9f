import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/** The two formats: legacy-dialect, mixed-dialect, multiple-assets. */

const URL = 'https://orchard-data.s3.us-west-2.amazonaws.com';

test('legacy-dialect: one warning for the whole file, on the first legacy row\'s asset key', () => {
  const doc = marked(
    `[\n  { "externalId": "0001.jpg", ⟦"imageUrl"⟧: "${URL}/north/0001.jpg" },\n  { "externalId": "flyover.mp4", "videoUrl": "${URL}/video/flyover.mp4" },\n  { "externalId": "note-17", "data": "Leaves show yellow spotting." }\n]`,
  );
  expectProblem(doc, 'legacy-dialect', { range: 0, severity: 'warning', message: /^This file uses the legacy camelCase import format.*row_data, global_key and media_type/ });
  expectProblemCount(doc, 'legacy-dialect', 1);
  assert.equal(doc.diagnostics.length, 1);
});

test('legacy-dialect: a file with some legacy rows counts them', () => {
  const doc = marked(
    `[\n  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE" },\n  { "externalId": "b.jpg", ⟦"imageUrl"⟧: "${URL}/b.jpg" },\n  { "externalId": "c.jpg", "imageUrl": "${URL}/c.jpg" }\n]`,
  );
  expectProblem(doc, 'legacy-dialect', { range: 0, message: /^2 of the 3 rows use the legacy/ });
});

test('legacy-dialect: a current-format file has none', () => {
  const doc = marked(`[\n  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE" }\n]`);
  expectNoProblem(doc, 'legacy-dialect');
});

test('mixed-dialect: legacy keys in a current row, with the current name', () => {
  const doc = marked(
    `[\n  { "row_data": "${URL}/a.jpg", "media_type": "IMAGE", ⟦"globalKey"⟧: "a", ⟦"imageUrl"⟧: "${URL}/b.jpg", ⟦"minZoom"⟧: 3 }\n]`,
  );
  const renamed = expectProblem(doc, 'mixed-dialect', { range: 0, severity: 'error', message: '"globalKey" is a legacy (camelCase) key, but this row uses the current format. Use "global_key".' });
  assert.deepEqual(renamed.fixes?.[0], { kind: 'replace', title: 'Rename to "global_key"', text: '"global_key"' });
  expectProblem(doc, 'mixed-dialect', { range: 1, message: 'this row already has its asset in "row_data". A data row has exactly one asset.' });
  expectProblem(doc, 'mixed-dialect', { range: 2, message: 'tiled imagery keys go inside "row_data"' });
  expectNoProblem(doc, 'unknown-property');
});

test('mixed-dialect: current keys in a legacy row, with the legacy name', () => {
  const doc = marked(`[\n  { "imageUrl": "${URL}/a.jpg", ⟦"global_key"⟧: "a", ⟦"media_type"⟧: "IMAGE" }\n]`);
  expectProblem(doc, 'mixed-dialect', { range: 0, message: 'Use "globalKey", or convert the row to the current format.' });
  expectProblem(doc, 'mixed-dialect', { range: 1, message: 'Convert the row to the current format.' });
});

test('mixed-dialect: attachments belong to both formats', () => {
  const doc = marked(
    `[\n  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE", "attachments": [{ "type": "RAW_TEXT", "value": "x" }] },\n  { "imageUrl": "${URL}/b.jpg", "globalKey": "b", "attachments": [{ "type": "IMAGE", "value": "${URL}/b-ref.jpg" }] }\n]`,
  );
  expectNoProblem(doc, 'mixed-dialect');
});

test('multiple-assets: a legacy row with two asset keys, on the second', () => {
  const doc = marked(`[\n  { "externalId": "a", "imageUrl": "${URL}/a.jpg", ⟦"videoUrl"⟧: "${URL}/a.mp4", ⟦"data"⟧: "text" }\n]`);
  expectProblem(doc, 'multiple-assets', { range: 0, severity: 'error', message: 'This row already has its asset in "imageUrl"; a data row has exactly one asset. Put "videoUrl" in a row of its own.' });
  expectProblem(doc, 'multiple-assets', { range: 1 });
});

test('multiple-assets: one asset per legacy row is fine', () => {
  const doc = marked(`[\n  { "externalId": "a", "imageUrl": "${URL}/a.jpg" },\n  { "externalId": "b", "videoUrl": "${URL}/b.mp4" }\n]`);
  expectNoProblem(doc, 'multiple-assets');
});
