import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectNoSeverity, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/**
 * Schema errors (unknown-property, missing-property, invalid-type, invalid-value): where ajv's
 * errors land in the text, what they say, and that anyOf/oneOf lists never reach the user.
 */

const IMAGE = '"row_data": "https://media.example-lab.org/img/001.jpg", "media_type": "IMAGE"';

test('unknown-property: underlined on the key, with a did-you-mean for a misspelt key', () => {
  const doc = marked(`[\n  { ${IMAGE}, ⟦"globalkey"⟧: "a", ⟦"colour"⟧: "red" }\n]`);
  expectProblem(doc, 'unknown-property', {
    range: 0,
    severity: 'error',
    message: /^Unknown property "globalkey" in a data row\. Did you mean "global_key"\?$/,
  });
  const noGuess = expectProblem(doc, 'unknown-property', { range: 1, message: 'Unknown property "colour" in a data row.' });
  assert.doesNotMatch(noGuess.message, /Did you mean/);
});

test('unknown-property: did-you-mean for rowData → row_data, with a rename fix', () => {
  const doc = marked(`[\n  { ⟦"rowData"⟧: "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": "IMAGE" }\n]`);
  const problem = expectProblem(doc, 'unknown-property', { range: 0, severity: 'error', message: /Did you mean "row_data"/ });
  assert.deepEqual(problem.fixes?.[0], { kind: 'replace', title: 'Rename to "row_data"', text: '"row_data"' });
});

test('unknown-property: nested objects name the object they are in', () => {
  const doc = marked(
    `[\n  { ${IMAGE}, "attachments": [{ "type": "RAW_TEXT", "value": "Shadow on the left", ⟦"title"⟧: "Notes" }], "embeddings": [{ "embedding_id": "clx8k2m1p000a08l4c7d2e9fq", "vector": [0.1], ⟦"dims"⟧: 1 }] }\n]`,
  );
  expectProblem(doc, 'unknown-property', { range: 0, message: 'Unknown property "title" in an attachment.' });
  expectProblem(doc, 'unknown-property', { range: 1, message: 'Unknown property "dims" in an embedding.' });
});

test('unknown-property: every documented current-format key is accepted', () => {
  const doc = marked(`[\n  { ${IMAGE}, "global_key": "a", "external_id": "a.jpg", "metadata_fields": [], "attachments": [], "embeddings": [] }\n]`);
  expectNoProblem(doc, 'unknown-property');
  assert.deepEqual(doc.diagnostics, []);
});

test("missing-property: underlined on the object's brace, or on its key when it has one", () => {
  const doc = marked(
    `[\n  { ${IMAGE}, "attachments": [⟦{⟧ "type": "RAW_TEXT" }] },\n  { "row_data": { "type": "application/vnd.labelbox.conversational", "version": 1, "messages": [{ "messageId": "m0", "content": "Hi", ⟦"user"⟧: { "userId": "u1" } }] }, "media_type": "CONVERSATIONAL" }\n]`,
  );
  expectProblem(doc, 'missing-property', { range: 0, severity: 'error', message: 'Missing property "value" in this attachment.' });
  expectProblem(doc, 'missing-property', { range: 1, message: 'Missing property "name" in this user.' });
});

test('missing-property: a metadata entry without schema_id and name gets one problem, not a list of branches', () => {
  const doc = marked(`[\n  { ${IMAGE}, "metadata_fields": [⟦{⟧ "value": "night" }] }\n]`);
  expectProblem(doc, 'missing-property', { range: 0, message: 'This metadata entry needs "schema_id" or "name".' });
  expectProblemCount(doc, 'missing-property', 1);
});

test('missing-property: complete objects have none', () => {
  const doc = marked(`[\n  { ${IMAGE}, "attachments": [{ "type": "RAW_TEXT", "value": "x" }], "metadata_fields": [{ "name": "tag", "value": "x" }] }\n]`);
  expectNoProblem(doc, 'missing-property');
});

test('invalid-type: underlined on the value, naming what was expected and what was found; an error where the SDK raises, else a warning', () => {
  const doc = marked(
    `[\n  { ${IMAGE}, "global_key": ⟦42⟧, "attachments": ⟦{}⟧, "embeddings": [{ "embedding_id": "clx8k2m1p000a08l4c7d2e9fq", "vector": [0.1, ⟦"x"⟧] }] }\n]`,
  );
  // The SDK passes global_key on unchecked: rejection plausible, not observed.
  expectProblem(doc, 'invalid-type', { range: 0, severity: 'warning', message: 'Global key must be a string, not an integer.' });
  // "Attachments must be a list." and EmbeddingVector's validation are raised by the SDK.
  expectProblem(doc, 'invalid-type', { range: 1, severity: 'error', message: 'Attachments must be an array, not an object.' });
  expectProblem(doc, 'invalid-type', { range: 2, severity: 'error', message: /must be a number, not a string/ });
});

test("unknown-property: an error on the row (the SDK's key check), a warning in attachments, metadata entries and embeddings (the SDK does not reject extra keys there)", () => {
  const doc = marked(
    `[\n  { ${IMAGE}, ⟦"colour"⟧: "red", "attachments": [{ "type": "RAW_TEXT", "value": "x", ⟦"colour"⟧: "red" }], "metadata_fields": [{ "schema_id": "cko8s9r5v0001h2dk9elqdidh", ⟦"schema_name"⟧: "tag", "value": "x" }] }\n]`,
  );
  expectProblem(doc, 'unknown-property', { range: 0, severity: 'error', message: 'Unknown property "colour" in a data row.' });
  expectProblem(doc, 'unknown-property', {
    range: 1,
    severity: 'warning',
    message: /^Unknown property "colour" in an attachment\. Labelbox's SDK does not reject extra keys here/,
  });
  expectProblem(doc, 'unknown-property', { range: 2, severity: 'warning', message: /^Unknown property "schema_name" in a metadata entry\./ });
  // An export's "id" is not offered a rename to "uid", a key that raises a warning of its own.
  const exported = marked(`[\n  { ${IMAGE}, ⟦"id"⟧: "clf9spzxq029m071nehy60a6v" }\n]`);
  const id = expectProblem(exported, 'unknown-property', { range: 0, severity: 'error', message: 'Unknown property "id" in a data row.' });
  assert.deepEqual(id.fixes, [{ kind: 'removeProperty', title: 'Remove "id"' }]);
});

test('invalid-type: values of the right type have none', () => {
  const doc = marked(`[\n  { ${IMAGE}, "global_key": "42", "embeddings": [{ "embedding_id": "clx8k2m1p000a08l4c7d2e9fq", "vector": [0.1, 2, -3e-2] }] }\n]`);
  expectNoProblem(doc, 'invalid-type');
});

test('invalid-value: a wrong-case enum value gets a did-you-mean (image → IMAGE) and a fix', () => {
  const doc = marked(`[\n  { "row_data": "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": ⟦"image"⟧ }\n]`);
  const problem = expectProblem(doc, 'invalid-value', {
    range: 0,
    severity: 'error',
    message: /Unknown media type "image"\. Did you mean "IMAGE"\? Expected one of IMAGE, VIDEO/,
  });
  assert.deepEqual(problem.fixes?.[0], { kind: 'replace', title: 'Change to "IMAGE"', text: '"IMAGE"' });
});

test('invalid-value: empty strings, consts and limits', () => {
  const doc = marked(
    `[\n  { ${IMAGE}, "attachments": [{ "type": "RAW_TEXT", "value": ⟦""⟧ }] },\n  { "row_data": { "type": "application/vnd.labelbox.conversational", "version": ⟦2⟧, "messages": [] }, "media_type": "CONVERSATIONAL" },\n  { "row_data": { "tileLayerUrl": "https://tiles.example-lab.org/a/{z}/{x}/{y}.png", "minZoom": ⟦31⟧ }, "media_type": "TMS_GEO" }\n]`,
  );
  expectProblem(doc, 'invalid-value', { range: 0, message: 'Attachment value must not be empty.' });
  expectProblem(doc, 'invalid-value', { range: 1, message: 'Conversation version must be 1.' });
  expectProblem(doc, 'invalid-value', { range: 2, message: 'Minimum zoom must be at most 30, not 31.' });
});

test('invalid-value: valid enum values have none', () => {
  const doc = marked(`[\n  { ${IMAGE}, "global_key": "a", "attachments": [{ "type": "IMAGE_OVERLAY", "value": "https://media.example-lab.org/a.png" }] }\n]`);
  expectNoProblem(doc, 'invalid-value');
});

test('a bad row_data object reports only the problems of the form the user meant', () => {
  // A tiled imagery object with a bad zoom: nothing about conversations, PDFs or strings.
  const doc = marked(
    `[\n  { "row_data": { "tileLayerUrl": "https://tiles.example-lab.org/a/{z}/{x}/{y}.png", "epsg": "EPSG4326", "minZoom": ⟦"12"⟧ }, "global_key": "a", "media_type": "TMS_GEO" }\n]`,
  );
  expectProblem(doc, 'invalid-type', { range: 0, message: 'Minimum zoom must be an integer, not a string.' });
  assert.equal(doc.diagnostics.length, 1, doc.diagnostics.map((d) => d.message).join('\n'));
});

test('a PDF object with a typo reports the typo, not the other forms', () => {
  const doc = marked(
    `[\n  { "row_data": { "pdf_url": "https://media.example-lab.org/a.pdf", ⟦"text_layer"⟧: "https://media.example-lab.org/a.json" }, "global_key": "a", "media_type": "PDF" }\n]`,
  );
  expectProblem(doc, 'unknown-property', { range: 0, message: /Did you mean "text_layer_url"/ });
  assert.equal(doc.diagnostics.length, 1, doc.diagnostics.map((d) => d.message).join('\n'));
});

test('no message ever shows a raw anyOf/oneOf list or ajv wording', () => {
  const doc = marked(`[
  { "row_data": { "messages": [{ "content": 5 }] }, "media_type": "CONVERSATIONAL" },
  { "row_data": { "tileLayerUrl": 5, "bounds": [[1], "x"] } },
  { "row_data": { "pdf_url": null } },
  { "row_data": { "type": "application/vnd.labelbox.conversational.model-chat-evaluation", "draft": false } },
  { "row_data": true, "metadata_fields": [{ "schema_id": 1 }, 7, { "name": "tag", "value": {} }] },
  { "imageUrl": 5, "videoUrl": [], "info": "x" },
  { "externalId": "a", "metadataFields": [{}], "attachments": [{ "type": 1 }] }
]`);
  assert.ok(doc.diagnostics.length > 10);
  for (const diagnostic of doc.diagnostics) {
    assert.doesNotMatch(diagnostic.message, /anyOf|oneOf|allOf|must match|schema in|allowed forms|must NOT|must have required/i, diagnostic.message);
  }
});

test('a fully valid current-format row with every optional part has no errors', () => {
  const doc = marked(`[
  {
    "row_data": "https://field-survey.s3.eu-west-1.amazonaws.com/2024/plot-12/IMG_0412.jpg",
    "global_key": "field-survey/2024/plot-12/IMG_0412.jpg",
    "external_id": "IMG_0412.jpg",
    "media_type": "IMAGE",
    "metadata_fields": [
      { "schema_id": "cko8s9r5v0001h2dk9elqdidh", "value": "wheat" },
      { "name": "split", "value": "train" },
      { "name": "captureDateTime", "value": "2024-05-02T07:45:10Z" }
    ],
    "attachments": [{ "type": "RAW_TEXT", "name": "Notes", "value": "Shadow from the tree line." }],
    "embeddings": [{ "embedding_id": "clx8k2m1p000a08l4c7d2e9fq", "vector": [0.12, -0.08], "clusters": [3] }]
  }
]`);
  expectNoSeverity(doc, 'error');
  assert.deepEqual(doc.diagnostics, []);
});

test('a value of the wrong type is reported once, not also as a wrong enum value', () => {
  const doc = marked(
    `[\n  { "row_data": "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": ⟦5⟧, "attachments": [{ "type": ⟦1⟧, "value": "x" }] }\n]`,
  );
  expectProblem(doc, 'invalid-type', { range: 0, message: 'Media type must be a string, not an integer.' });
  expectProblem(doc, 'invalid-type', { range: 1, message: 'Attachment type must be a string, not an integer.' });
  expectNoProblem(doc, 'invalid-value');
});

test('a metadata value of the wrong JSON type is reported once', () => {
  const doc = marked(`[\n  { ${IMAGE}, "metadata_fields": [{ "name": "tag", "value": ⟦null⟧ }, { "name": "split", "value": ⟦{}⟧ }] }\n]`);
  expectProblem(doc, 'invalid-type', { range: 0, message: 'Metadata value must be a string, a number or an array, not null.' });
  expectProblem(doc, 'invalid-type', { range: 1, message: 'not an object' });
  expectNoProblem(doc, 'invalid-metadata-value');
  assert.equal(doc.diagnostics.length, 2);
});

test('a misspelt required key is reported once, as an unknown property with a did-you-mean', () => {
  const doc = marked(`[
  { ⟦"rowData"⟧: "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": "IMAGE", "metadata_fields": [{ ⟦"schemaId"⟧: "cko8s9r5v0001h2dk9elqdidh", "value": "x" }] },
  { ⟦"imageURL"⟧: "https://media.example-lab.org/b.jpg", "externalId": "b" }
]`);
  expectProblem(doc, 'unknown-property', { range: 0, message: 'Did you mean "row_data"?' });
  expectProblem(doc, 'unknown-property', { range: 1, message: 'Did you mean "schema_id"?' });
  expectProblem(doc, 'unknown-property', { range: 2, message: 'Did you mean "imageUrl"?' });
  expectNoProblem(doc, 'missing-asset');
  expectNoProblem(doc, 'missing-property');
});

test('a required key that is simply absent is still reported', () => {
  const doc = marked(`[\n  ⟦{⟧ "global_key": "a", "colour": "red" }\n]`);
  expectProblem(doc, 'missing-asset', { range: 0 });
});
