import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/**
 * Attachments: deprecated-attachment-type (TEXT), unsupported-attachment-type (AUDIO),
 * too-many-image-overlays (> 9), attachment-not-url.
 */

const URL = 'https://media.example-lab.org';
const withAttachments = (attachments: string) =>
  `[\n  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE", "attachments": [\n    ${attachments}\n  ] }\n]`;

test('deprecated-attachment-type: TEXT is a warning naming the SDK versions; the fix is RAW_TEXT for text and TEXT_URL for a URL', () => {
  const doc = marked(withAttachments(`{ "type": ⟦"TEXT"⟧, "value": "Block N3, row 14" },\n    { "type": ⟦"TEXT"⟧, "value": "${URL}/notes.txt" }`));
  const text = expectProblem(doc, 'deprecated-attachment-type', {
    range: 0,
    severity: 'warning',
    message: /6\.0 and later reject it, 3\.49 to 5\.x convert it to RAW_TEXT.*Use RAW_TEXT for text\.$/,
  });
  assert.deepEqual(text.fixes?.[0], { kind: 'replace', title: 'Change to "RAW_TEXT"', text: '"RAW_TEXT"' });
  const url = expectProblem(doc, 'deprecated-attachment-type', { range: 1, message: 'Use TEXT_URL for a URL of a text file.' });
  assert.deepEqual(url.fixes?.[0], { kind: 'replace', title: 'Change to "TEXT_URL"', text: '"TEXT_URL"' });
  expectNoProblem(doc, 'invalid-value');
});

test('deprecated-attachment-type: also in the legacy info key', () => {
  const doc = marked(`[\n  { "externalId": "a", "imageUrl": "${URL}/a.jpg", "info": { "type": ⟦"TEXT"⟧, "value": "Pass 2" } }\n]`);
  expectProblem(doc, 'deprecated-attachment-type', { range: 0 });
});

test('deprecated-attachment-type: RAW_TEXT and TEXT_URL are fine', () => {
  const doc = marked(withAttachments(`{ "type": "RAW_TEXT", "value": "Block N3" }, { "type": "TEXT_URL", "value": "${URL}/notes.txt" }`));
  expectNoProblem(doc, 'deprecated-attachment-type');
  assert.deepEqual(doc.diagnostics, []);
});

test('unsupported-attachment-type: AUDIO is documented but rejected by the SDK: a warning', () => {
  const doc = marked(withAttachments(`{ "type": ⟦"AUDIO"⟧, "value": "${URL}/call.mp3" }`));
  expectProblem(doc, 'unsupported-attachment-type', {
    range: 0,
    severity: 'warning',
    message: 'AUDIO attachments are listed in the docs, but the SDK (6.0) does not know the type and rejects it',
  });
  expectNoProblem(doc, 'invalid-value');
});

test('unsupported-attachment-type: every SDK attachment type is fine', () => {
  const types = ['IMAGE', 'VIDEO', 'TEXT_URL', 'HTML', 'IMAGE_OVERLAY', 'PDF_URL', 'CAMERA_IMAGE'];
  const doc = marked(withAttachments(types.map((type, i) => `{ "type": "${type}", "value": "${URL}/att-${i}.bin" }`).join(',\n    ')));
  expectNoProblem(doc, 'unsupported-attachment-type');
  assert.deepEqual(doc.diagnostics, []);
});

test('too-many-image-overlays: the 10th IMAGE_OVERLAY and later are warnings', () => {
  const overlays = Array.from({ length: 11 }, (_, i) => `{ "type": ${i >= 9 ? '⟦"IMAGE_OVERLAY"⟧' : '"IMAGE_OVERLAY"'}, "value": "${URL}/layer-${i}.png" }`);
  const doc = marked(withAttachments(overlays.join(',\n    ')));
  expectProblem(doc, 'too-many-image-overlays', {
    range: 0,
    severity: 'warning',
    message: 'This is image overlay number 10; the editor shows at most 9 per data row.',
  });
  expectProblem(doc, 'too-many-image-overlays', { range: 1, message: 'number 11' });
  expectProblemCount(doc, 'too-many-image-overlays', 2);
});

test('too-many-image-overlays: nine overlays, plus other attachment types, are fine', () => {
  const overlays = Array.from({ length: 9 }, (_, i) => `{ "type": "IMAGE_OVERLAY", "value": "${URL}/layer-${i}.png" }`);
  const doc = marked(withAttachments([...overlays, `{ "type": "IMAGE", "value": "${URL}/ref.png" }`].join(',\n    ')));
  expectNoProblem(doc, 'too-many-image-overlays');
});

test('attachment-not-url: URL types with a value that is not a URL', () => {
  const doc = marked(withAttachments(`{ "type": "IMAGE", "value": ⟦"north field, pass 2"⟧ },\n    { "type": "TEXT_URL", "value": ⟦"The full notes"⟧ }`));
  expectProblem(doc, 'attachment-not-url', { range: 0, severity: 'warning', message: 'An IMAGE attachment needs the URL of the file.' });
  expectProblem(doc, 'attachment-not-url', { range: 1, message: 'A TEXT_URL attachment needs the URL of the file; for the text itself use RAW_TEXT.' });
  const html = marked(withAttachments(`{ "type": "HTML", "value": ⟦"instructions"⟧ }`));
  expectProblem(html, 'attachment-not-url', { range: 0, message: 'An HTML attachment needs the URL of the file.' });
});

test('attachment-not-url: URLs, gs:// URIs and RAW_TEXT text are fine', () => {
  const doc = marked(
    withAttachments(
      `{ "type": "IMAGE", "value": "gs://lab-bucket/ref.jpg" }, { "type": "RAW_TEXT", "value": "plain words" }, { "type": "PDF_URL", "value": "${URL}/p.pdf" }`,
    ),
  );
  expectNoProblem(doc, 'attachment-not-url');
});

test('bad attachment shapes are errors: unknown type (with did-you-mean), missing value, not a list', () => {
  const doc = marked(
    `[\n  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE", "attachments": [{ "type": ⟦"image"⟧, "value": "${URL}/r.jpg" }, ⟦{⟧ "type": "HTML" }, { "type": ⟦"TEXT_FILE"⟧, "value": "${URL}/n.txt" }] },\n  { "row_data": "${URL}/b.jpg", "global_key": "b", "media_type": "IMAGE", "attachments": ⟦{ "type": "IMAGE", "value": "${URL}/r.jpg" }⟧ }\n]`,
  );
  expectProblem(doc, 'invalid-value', { range: 0, severity: 'error', message: 'Did you mean "IMAGE"?' });
  expectProblem(doc, 'missing-property', { range: 1, severity: 'error', message: 'Missing property "value" in this attachment.' });
  expectProblem(doc, 'invalid-value', { range: 2, message: 'TEXT_FILE was renamed TEXT_URL.' });
  expectProblem(doc, 'invalid-type', { range: 3, message: 'Attachments must be an array, not an object.' });
});
