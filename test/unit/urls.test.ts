import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, marked } from './helpers/markedDocument';

/** URL schemes and characters: s3-url, insecure-url, data-url, unsupported-url-character. */

test('s3-url: rejected in row_data (the SDK raises), with the https URL to use instead', () => {
  const doc = marked(`[\n  { "row_data": ⟦"s3://field-survey/2024/plot-12/IMG_0412.jpg"⟧, "global_key": "a", "media_type": "IMAGE" }\n]`);
  expectProblem(doc, 's3-url', {
    range: 0,
    severity: 'error',
    message: "Labelbox rejects s3:// URLs in row_data. Use the bucket's https URL: https://field-survey.s3.<region>.amazonaws.com/2024/plot-12/IMG_0412.jpg",
  });
});

test('s3-url: a warning in attachments, PDF objects and legacy asset keys (the SDK checks only row_data)', () => {
  const doc = marked(`[
  { "row_data": "https://a.example-lab.org/a.jpg", "global_key": "a", "media_type": "IMAGE", "attachments": [{ "type": "IMAGE", "value": ⟦"s3://lab/ref.jpg"⟧ }] },
  { "row_data": { "pdf_url": ⟦"S3://lab/doc.pdf"⟧ }, "global_key": "b", "media_type": "PDF" },
  { "externalId": "c", "imageUrl": ⟦"s3://lab/c.jpg"⟧ }
]`);
  expectProblem(doc, 's3-url', { range: 0, severity: 'warning', message: 's3:// is rejected in row_data and not confirmed to work elsewhere' });
  expectProblem(doc, 's3-url', { range: 1, severity: 'warning' });
  expectProblem(doc, 's3-url', { range: 2, severity: 'warning' });
});

test('s3-url: virtual-hosted https S3 URLs and gs:// URIs are fine', () => {
  const doc = marked(`[
  { "row_data": "https://field-survey.s3.eu-west-1.amazonaws.com/a.jpg", "global_key": "a", "media_type": "IMAGE" },
  { "row_data": "gs://field-survey-gcs/b.jpg", "global_key": "b", "media_type": "IMAGE" },
  { "row_data": "https://labdata.blob.core.windows.net/images/c.jpg", "global_key": "c", "media_type": "IMAGE" }
]`);
  expectNoProblem(doc, 's3-url');
  assert.deepEqual(doc.diagnostics, []);
});

test('insecure-url: http:// is a warning with an https fix', () => {
  const doc = marked(`[\n  { "row_data": ⟦"http://media.example-lab.org/a.jpg"⟧, "global_key": "a", "media_type": "IMAGE" }\n]`);
  const problem = expectProblem(doc, 'insecure-url', { range: 0, severity: 'warning', message: 'Labelbox expects https://' });
  assert.deepEqual(problem.fixes?.[0], { kind: 'replace', title: 'Use https://', text: '"https://media.example-lab.org/a.jpg"' });
});

test('insecure-url: https is fine, and RAW_TEXT attachments are text, not URLs', () => {
  const doc = marked(
    `[\n  { "row_data": "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": "IMAGE", "attachments": [{ "type": "RAW_TEXT", "value": "http://example.org/spec is the source" }] }\n]`,
  );
  expectNoProblem(doc, 'insecure-url');
});

test('data-url: a data: URL is a warning', () => {
  const doc = marked(`[\n  { "row_data": ⟦"data:image/png;base64,iVBORw0KGgo="⟧, "global_key": "a", "media_type": "IMAGE" }\n]`);
  expectProblem(doc, 'data-url', { range: 0, severity: 'warning', message: 'data: URLs are not a documented way to give an asset' });
  expectNoProblem(doc, 'media-type-mismatch');
});

test('data-url: raw text that mentions data: is not a URL', () => {
  const doc = marked(`[\n  { "row_data": "Metadata: none", "global_key": "a", "media_type": "TEXT" }\n]`);
  expectNoProblem(doc, 'data-url');
});

test("unsupported-url-character: the docs' list, # < > |", () => {
  const doc = marked(
    `[\n  { "row_data": ⟦"https://media.example-lab.org/scan #4.jpg"⟧, "global_key": "a", "media_type": "IMAGE", "attachments": [{ "type": "HTML", "value": ⟦"https://media.example-lab.org/a|b.html"⟧ }] }\n]`,
  );
  expectProblem(doc, 'unsupported-url-character', {
    range: 0,
    severity: 'warning',
    message: 'This URL contains "#"; Labelbox\'s docs say # < > | are not supported in URLs',
  });
  expectProblem(doc, 'unsupported-url-character', { range: 1, message: '"|"' });
});

test("unsupported-url-character: spaces are not in the docs' list", () => {
  expectNoProblem(
    marked(`[\n  { "row_data": "https://media.example-lab.org/scan 4.jpg", "global_key": "a", "media_type": "IMAGE" }\n]`),
    'unsupported-url-character',
  );
});

test('unsupported-url-character: percent-encoded URLs and tile placeholders are fine', () => {
  const doc = marked(`[
  { "row_data": "https://media.example-lab.org/scan%20%234.jpg?x=1&y=2", "global_key": "a", "media_type": "IMAGE" },
  { "row_data": { "tileLayerUrl": "https://tiles.example-lab.org/a/{z}/{x}/{y}.png" }, "global_key": "b", "media_type": "TMS_GEO" }
]`);
  expectNoProblem(doc, 'unsupported-url-character');
});
