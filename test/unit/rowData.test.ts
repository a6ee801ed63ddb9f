import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/**
 * The asset of a row and its media type: missing-asset, empty-row-data, invalid-row-data,
 * media-type-mismatch, media-type-extension, local-file-path, missing-media-type,
 * unsupported-media-type.
 */

const URL = 'https://media.example-lab.org';

test("missing-asset: a current row without row_data, on the row's brace", () => {
  const doc = marked(`[\n  ⟦{⟧ "global_key": "a", "media_type": "IMAGE" }\n]`);
  expectProblem(doc, 'missing-asset', { range: 0, severity: 'error', message: 'This data row has no asset: add "row_data".' });
});

test('missing-asset: a legacy row without an asset key lists the legacy asset keys', () => {
  const doc = marked(`[\n  ⟦{⟧ "externalId": "a.jpg", "globalKey": "a" }\n]`);
  expectProblem(doc, 'missing-asset', { range: 0, severity: 'error', message: /legacy data row has no asset: add one of "imageUrl", "videoUrl", "data"/ });
  expectProblemCount(doc, 'missing-asset', 1);
});

test('missing-asset: rows with an asset have none', () => {
  const doc = marked(`[\n  { "row_data": "${URL}/a.jpg", "media_type": "IMAGE" },\n  { "externalId": "b", "videoUrl": "${URL}/b.mp4" }\n]`);
  expectNoProblem(doc, 'missing-asset');
});

test('empty-row-data: "", null and {} are empty payloads (errors); spaces pass the SDK (a warning)', () => {
  const doc = marked(
    `[\n  { "row_data": ⟦""⟧, "global_key": "a" },\n  { "row_data": ⟦null⟧, "global_key": "b" },\n  { ⟦"row_data"⟧: {}, "global_key": "c" },\n  { "row_data": ⟦"   "⟧, "global_key": "d", "media_type": "TEXT" }\n]`,
  );
  expectProblem(doc, 'empty-row-data', {
    range: 0,
    severity: 'error',
    message: 'row_data is empty: Labelbox rejects data rows with an empty payload ("Some items have an empty payload").',
  });
  expectProblem(doc, 'empty-row-data', { range: 1, severity: 'error', message: 'row_data is null' });
  expectProblem(doc, 'empty-row-data', { range: 2, severity: 'error', message: 'row_data is an empty object' });
  expectProblem(doc, 'empty-row-data', { range: 3, severity: 'warning', message: 'row_data holds only spaces: there is no asset. The SDK passes it on' });
});

test('empty-row-data: a one-character text is not empty', () => {
  expectNoProblem(marked(`[\n  { "row_data": "a", "global_key": "a", "media_type": "TEXT" }\n]`), 'empty-row-data');
});

test('invalid-row-data: numbers and booleans fail in the SDK (errors); arrays and unknown objects pass it (warnings)', () => {
  const doc = marked(
    `[\n  { "row_data": ⟦42⟧, "global_key": "a" },\n  { "row_data": ⟦["${URL}/a.jpg"]⟧, "global_key": "b" },\n  { ⟦"row_data"⟧: { "url": "${URL}/c.jpg" }, "global_key": "c" },\n  { "row_data": ⟦true⟧, "global_key": "d" }\n]`,
  );
  expectProblem(doc, 'invalid-row-data', {
    range: 0,
    severity: 'error',
    message: /row_data must be a URL or a text string.*not a number\. Labelbox's SDK fails on it\./,
  });
  expectProblem(doc, 'invalid-row-data', { range: 1, severity: 'warning', message: 'not an array' });
  expectProblem(doc, 'invalid-row-data', {
    range: 2,
    severity: 'warning',
    message: /not one of the documented forms: tiled imagery \("tileLayerUrl"\), a conversation \("messages"\), a PDF \("pdf_url"\)/,
  });
  expectProblem(doc, 'invalid-row-data', { range: 3, severity: 'error', message: 'not a boolean' });
});

test('invalid-row-data: an object shape is recognised from media_type when its keys do not tell', () => {
  const doc = marked(`[\n  { ⟦"row_data"⟧: { "url": "${URL}/c.pdf" }, "global_key": "c", "media_type": "PDF" }\n]`);
  expectNoProblem(doc, 'invalid-row-data');
  expectProblem(doc, 'unknown-property', { message: 'Unknown property "url" in a PDF document.' });
});

test('media-type-mismatch: media_type against the shape of row_data, on media_type', () => {
  const doc = marked(
    `[\n  { "row_data": { "pdf_url": "${URL}/a.pdf" }, "global_key": "a", "media_type": ⟦"IMAGE"⟧ },\n  { "row_data": { "tileLayerUrl": "https://tiles.example-lab.org/a/{z}/{x}/{y}.png" }, "global_key": "b", "media_type": ⟦"CONVERSATIONAL"⟧ }\n]`,
  );
  const first = expectProblem(doc, 'media-type-mismatch', {
    range: 0,
    severity: 'error',
    message: 'media_type "IMAGE" needs row_data to be a URL string, but it is a PDF object.',
  });
  assert.deepEqual(first.fixes?.[0], { kind: 'setMediaType', title: 'Set media_type to "PDF"', mediaType: 'PDF' });
  expectProblem(doc, 'media-type-mismatch', {
    range: 1,
    message: /needs row_data to be a URL string, a conversation object or a model chat evaluation object, but it is a tiled imagery object/,
  });
});

test('media-type-mismatch: raw text with a media type that needs a URL', () => {
  const doc = marked(`[\n  { "row_data": ⟦"A cow in a field"⟧, "global_key": "a", "media_type": "IMAGE" }\n]`);
  expectProblem(doc, 'media-type-mismatch', { range: 0, severity: 'error', message: 'only TEXT rows can hold the text itself' });
});

test('media-type-mismatch: a bare PDF URL is only a warning (not documented); without media_type the advice is the documented object, not "PDF"', () => {
  const doc = marked(`[\n  { "row_data": "${URL}/a.pdf", "global_key": "a", "media_type": ⟦"PDF"⟧ }\n]`);
  expectProblem(doc, 'media-type-mismatch', {
    range: 0,
    severity: 'warning',
    message: 'For PDF, the docs give row_data as an object: { "pdf_url": "https://…" }. A bare PDF URL is not documented.',
  });
  // The advice must not lead into that warning: no "set media_type to PDF" for a bare PDF URL.
  const bare = marked(`[\n  { ⟦"row_data"⟧: "${URL}/a.pdf", "global_key": "a" }\n]`);
  const advice = expectProblem(bare, 'missing-media-type', {
    range: 0,
    severity: 'information',
    message: 'Labelbox documents PDF rows as row_data { "pdf_url": "https://…" } with media_type "PDF".',
  });
  assert.deepEqual(advice.fixes ?? [], []);
});

test('media-type-mismatch: any object with a file media type is an error (the SDK\'s test asserts "Expected type image/*, detected: application/json")', () => {
  const doc = marked(`[\n  { "row_data": { "invalid_object": "invalid_value" }, "global_key": "a", "media_type": ⟦"IMAGE"⟧ }\n]`);
  expectProblem(doc, 'media-type-mismatch', {
    range: 0,
    severity: 'error',
    message: 'media_type "IMAGE" needs row_data to be a URL string, but it is an object. Labelbox fails rows whose content does not match their media type.',
  });
  expectNoProblem(doc, 'invalid-row-data');
  // Not observed: a tiled media type with a conversation.
  const tiled = marked(
    `[\n  { "row_data": { "type": "application/vnd.labelbox.conversational", "version": 1, "messages": [] }, "global_key": "b", "media_type": ⟦"TMS_GEO"⟧ }\n]`,
  );
  expectProblem(tiled, 'media-type-mismatch', { range: 0, severity: 'warning', message: 'Labelbox checks content against media_type and may fail this row.' });
});

test('media-type-mismatch: matching shapes have none', () => {
  const doc = marked(`[
  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE" },
  { "row_data": "Plot 14 was re-seeded.", "global_key": "b", "media_type": "TEXT" },
  { "row_data": { "pdf_url": "${URL}/c.pdf" }, "global_key": "c", "media_type": "PDF" },
  { "row_data": "${URL}/d.json", "global_key": "d", "media_type": "CONVERSATIONAL" },
  { "row_data": { "tileLayerUrl": "https://tiles.example-lab.org/e/{z}/{x}/{y}.png" }, "global_key": "e", "media_type": "TMS_SIMPLE" }
]`);
  expectNoProblem(doc, 'media-type-mismatch');
  assert.deepEqual(doc.diagnostics, []);
});

test("media-type-extension: the URL's extension contradicts media_type", () => {
  const doc = marked(`[\n  { "row_data": "${URL}/clip.mp4?sig=abc", "global_key": "a", "media_type": ⟦"IMAGE"⟧ }\n]`);
  const problem = expectProblem(doc, 'media-type-extension', {
    range: 0,
    severity: 'warning',
    message: 'row_data points to a .mp4 file, but media_type is "IMAGE".',
  });
  assert.equal(problem.fixes?.[0].kind === 'setMediaType' && problem.fixes[0].mediaType, 'VIDEO');
});

test('media-type-extension: matching or unknown extensions have none', () => {
  const doc = marked(`[
  { "row_data": "${URL}/a.JPEG", "global_key": "a", "media_type": "IMAGE" },
  { "row_data": "${URL}/image?id=42", "global_key": "b", "media_type": "IMAGE" },
  { "row_data": "${URL}/call.wav", "global_key": "c", "media_type": "AUDIO" },
  { "row_data": "${URL}/ct.dcm", "global_key": "d", "media_type": "DICOM" }
]`);
  expectNoProblem(doc, 'media-type-extension');
});

test("local-file-path: paths on the user's machine, on row_data", () => {
  const doc = marked(
    `[\n  { "row_data": ⟦"/home/ana/images/001.jpg"⟧, "global_key": "a", "media_type": "IMAGE" },\n  { "row_data": ⟦"C:\\\\data\\\\002.jpg"⟧, "global_key": "b", "media_type": "IMAGE" },\n  { "row_data": ⟦"images/003.png"⟧, "global_key": "c", "media_type": "IMAGE" }\n]`,
  );
  expectProblem(doc, 'local-file-path', { range: 0, severity: 'warning', message: 'looks like a path on your computer' });
  expectProblem(doc, 'local-file-path', { range: 1 });
  expectProblem(doc, 'local-file-path', { range: 2 });
  expectNoProblem(doc, 'media-type-mismatch');
});

test('local-file-path: reported whether or not media_type is set (the SDK uploads an existing path either way)', () => {
  const doc = marked(`[\n  { "row_data": ⟦"dummy.jpg"⟧, "global_key": "a" }\n]`);
  expectProblem(doc, 'local-file-path', { range: 0, severity: 'warning' });
  expectProblem(doc, 'missing-media-type', {});
});

test('local-file-path: URLs and sentences are not paths', () => {
  const doc = marked(
    `[\n  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE" },\n  { "row_data": "See notes/page.html for details.", "global_key": "b", "media_type": "TEXT" }\n]`,
  );
  expectNoProblem(doc, 'local-file-path');
});

test('missing-media-type: information on the row_data key, with the likely type as a fix', () => {
  const doc = marked(`[\n  { ⟦"row_data"⟧: "${URL}/clip.mp4", "global_key": "a" },\n  { ⟦"row_data"⟧: { "pdf_url": "${URL}/a.pdf" }, "global_key": "b" }\n]`);
  const video = expectProblem(doc, 'missing-media-type', { range: 0, severity: 'information', message: 'No media_type: set it (probably "VIDEO")' });
  assert.deepEqual(video.fixes?.[0], { kind: 'setMediaType', title: 'Set media_type to "VIDEO"', mediaType: 'VIDEO' });
  expectProblem(doc, 'missing-media-type', { range: 1, message: 'probably "PDF"' });
});

test('missing-media-type: none when row_data is empty or not a known form (its own error says enough)', () => {
  const doc = marked(`[
  { "row_data": "", "global_key": "a" },
  { "row_data": null, "global_key": "b" },
  { "row_data": {}, "global_key": "c" },
  { "row_data": 42, "global_key": "d" },
  { "row_data": { "url": "${URL}/e.jpg" }, "global_key": "e" }
]`);
  expectNoProblem(doc, 'missing-media-type');
  expectProblemCount(doc, 'empty-row-data', 3);
  expectProblemCount(doc, 'invalid-row-data', 2);
});

test('missing-media-type: none when media_type is set, and none for legacy rows', () => {
  const doc = marked(`[\n  { "row_data": "${URL}/a.jpg", "global_key": "a", "media_type": "IMAGE" },\n  { "externalId": "b", "imageUrl": "${URL}/b.jpg" }\n]`);
  expectNoProblem(doc, 'missing-media-type');
});

test('unsupported-media-type: SDK media types with no import format are warnings', () => {
  const doc = marked(
    `[\n  { "row_data": "${URL}/scan.las", "global_key": "a", "media_type": ⟦"POINT_CLOUD"⟧ },\n  { "row_data": "Write a poem", "global_key": "b", "media_type": ⟦"LLM_PROMPT_CREATION"⟧ }\n]`,
  );
  expectProblem(doc, 'unsupported-media-type', { range: 0, severity: 'warning', message: 'Point clouds have no documented data row import format.' });
  expectProblem(doc, 'unsupported-media-type', { range: 1, message: 'Labelbox generates these data rows itself' });
  expectNoProblem(doc, 'invalid-value');
});

test('unsupported-media-type: documented media types have none; a removed one is invalid', () => {
  const doc = marked(
    `[\n  { "row_data": "${URL}/a.html", "global_key": "a", "media_type": "HTML" },\n  { "row_data": "${URL}/b.json", "global_key": "b", "media_type": ⟦"JSON"⟧ }\n]`,
  );
  expectNoProblem(doc, 'unsupported-media-type');
  expectProblem(doc, 'invalid-value', { range: 0, message: 'The JSON media type was removed' });
});
