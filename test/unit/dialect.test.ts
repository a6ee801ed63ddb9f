import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/** The two formats: legacy-dialect, mixed-dialect, multiple-assets. */

const URL = 'https://orchard-data.s3.us-west-2.amazonaws.com';

test('legacy-dialect: each legacy row without row_data says plainly that the SDK rejects it, on its asset key', () => {
  const doc = marked(
    `[\n  { "externalId": "0001.jpg", ⟦"imageUrl"⟧: "${URL}/north/0001.jpg" },\n  { "externalId": "flyover.mp4", ⟦"videoUrl"⟧: "${URL}/video/flyover.mp4" },\n  { "externalId": "note-17", ⟦"data"⟧: "Leaves show yellow spotting." }\n]`,
  );
  for (const range of [0, 1, 2]) {
    const problem = expectProblem(doc, 'legacy-dialect', {
      range,
      severity: 'warning',
      message: /^This legacy row has no row_data, and Labelbox's Python SDK rejects it: "Some items have an empty payload"/,
    });
    assert.deepEqual(problem.fixes, [{ kind: 'convertRow', title: 'Convert this row to the current import format' }]);
  }
  assert.equal(doc.diagnostics.length, 3);
});

test('legacy-dialect: a top-level tiled row was passed on by SDKs before 3.73.0', () => {
  const doc = marked(
    `[\n  { "externalId": "p7", ⟦"tileLayerUrl"⟧: "https://tiles.example.com/{z}/{x}/{y}.png", "bounds": [[37.87, -122.31], [37.88, -122.30]], "epsg": "EPSG4326" }\n]`,
  );
  expectProblem(doc, 'legacy-dialect', { range: 0, severity: 'warning', message: 'earlier versions passed top-level tiled rows on' });
});

test('legacy-dialect: a conversationalData row, which the SDK converts, is information; with globalKey the SDK rejects it', () => {
  const messages = '[{ "messageId": "m0", "content": "Hi", "user": { "userId": "u", "name": "U" } }]';
  const converted = marked(`[\n  { ⟦"conversationalData"⟧: ${messages} }\n]`);
  expectProblem(converted, 'legacy-dialect', { range: 0, severity: 'information', message: /converts it to row_data/ });
  const withKey = marked(`[\n  { "globalKey": "chat-1", ⟦"conversationalData"⟧: ${messages} }\n]`);
  expectProblem(withKey, 'legacy-dialect', {
    range: 0,
    severity: 'warning',
    message: /keeps "globalKey" as it is, and then rejects the row \("not valid on DB type 'DataRow'"\); it accepts "global_key" in such a row\./,
  });
  // global_key is what the SDK accepts in such a row: not a mix of formats.
  const withCurrentKey = marked(`[\n  { "global_key": "chat-1", ⟦"conversationalData"⟧: ${messages} }\n]`);
  expectProblem(withCurrentKey, 'legacy-dialect', { range: 0, severity: 'information' });
  expectNoProblem(withCurrentKey, 'mixed-dialect');
  expectNoProblem(withCurrentKey, 'unknown-property');
});

test('legacy-dialect: a file with some legacy rows reports those rows only', () => {
  const doc = marked(
    `[\n  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE" },\n  { "externalId": "b.jpg", ⟦"imageUrl"⟧: "${URL}/b.jpg" },\n  { "externalId": "c.jpg", ⟦"imageUrl"⟧: "${URL}/c.jpg" }\n]`,
  );
  expectProblem(doc, 'legacy-dialect', { range: 0 });
  expectProblem(doc, 'legacy-dialect', { range: 1 });
  expectProblemCount(doc, 'legacy-dialect', 2);
});

test('legacy-dialect: a current-format file has none', () => {
  const doc = marked(`[\n  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE" }\n]`);
  expectNoProblem(doc, 'legacy-dialect');
});

test('mixed-dialect: legacy keys in a current row, with the current name', () => {
  const doc = marked(`[\n  { "row_data": "${URL}/a.jpg", "media_type": "IMAGE", ⟦"globalKey"⟧: "a", ⟦"imageUrl"⟧: "${URL}/b.jpg", ⟦"minZoom"⟧: 3 }\n]`);
  const renamed = expectProblem(doc, 'mixed-dialect', {
    range: 0,
    severity: 'error',
    message: '"globalKey" is a legacy (camelCase) key, but this row uses the current format. Use "global_key".',
  });
  assert.deepEqual(renamed.fixes?.[0], { kind: 'replace', title: 'Rename to "global_key"', text: '"global_key"' });
  expectProblem(doc, 'mixed-dialect', { range: 1, message: 'this row already has its asset in "row_data". A data row has exactly one asset.' });
  expectProblem(doc, 'mixed-dialect', { range: 2, message: 'tiled imagery keys go inside "row_data"' });
  expectNoProblem(doc, 'unknown-property');
});

test('mixed-dialect: current keys in a legacy row, with the legacy name (a warning: the SDK converts some legacy rows)', () => {
  const doc = marked(`[\n  { "imageUrl": "${URL}/a.jpg", ⟦"global_key"⟧: "a", ⟦"media_type"⟧: "IMAGE" }\n]`);
  expectProblem(doc, 'mixed-dialect', { range: 0, severity: 'warning', message: 'Use "globalKey", or convert the row to the current format.' });
  expectProblem(doc, 'mixed-dialect', { range: 1, message: 'Convert the row to the current format.' });
});

test('mixed-dialect: attachments belong to both formats', () => {
  const doc = marked(
    `[\n  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE", "attachments": [{ "type": "RAW_TEXT", "value": "x" }] },\n  { "imageUrl": "${URL}/b.jpg", "globalKey": "b", "attachments": [{ "type": "IMAGE", "value": "${URL}/b-ref.jpg" }] }\n]`,
  );
  expectNoProblem(doc, 'mixed-dialect');
});

test('multiple-assets: a legacy row with two asset keys, on the second (a warning: not observed)', () => {
  const doc = marked(`[\n  { "externalId": "a", "imageUrl": "${URL}/a.jpg", ⟦"videoUrl"⟧: "${URL}/a.mp4", ⟦"data"⟧: "text" }\n]`);
  expectProblem(doc, 'multiple-assets', {
    range: 0,
    severity: 'warning',
    message: 'This row already has its asset in "imageUrl"; a data row has exactly one asset. Put "videoUrl" in a row of its own.',
  });
  expectProblem(doc, 'multiple-assets', { range: 1 });
});

test('multiple-assets: one asset per legacy row is fine', () => {
  const doc = marked(`[\n  { "externalId": "a", "imageUrl": "${URL}/a.jpg" },\n  { "externalId": "b", "videoUrl": "${URL}/b.mp4" }\n]`);
  expectNoProblem(doc, 'multiple-assets');
});
