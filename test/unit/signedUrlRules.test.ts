import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics, createValidationContext, ImportDocument, nextSignedUrlChange } from '../../service';
import { galleryPage } from '../../service/features/gallery';
import { rowDetails } from '../../service/features/rows';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/**
 * signed-url-expired, signed-url-expiring-soon, signed-url-lifetime-too-long and
 * signed-url-malformed-expiry. The clock is always given (`now`), as the editor and the CLI
 * give it when they collect the problems.
 */

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

/** An S3 SigV4 presigned URL signed at `date` (YYYYMMDDTHHMMSSZ) for `seconds`, shaped after the S3 API reference's example. */
function s3Url(date: string, seconds: number | string, file = 'a.jpg'): string {
  return `https://field-survey.s3.eu-west-1.amazonaws.com/${file}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261203%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=${date}&X-Amz-Expires=${seconds}&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404`;
}

const azureUrl = (se: string) =>
  `https://labdata.blob.core.windows.net/images/c.jpg?sv=2022-11-02&se=${se}&sr=b&sp=r&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D`;

test('signed-url-expired: a warning at the URL with the moment it expired (UTC) and how long ago', () => {
  const doc = marked(`[\n  { "row_data": ⟦"${s3Url('20261203T140000Z', 3600)}"⟧, "global_key": "a", "media_type": "IMAGE" }\n]`, {
    now: at('2026-12-05T15:30:00Z'),
  });
  expectProblem(doc, 'signed-url-expired', {
    range: 0,
    severity: 'warning',
    message: 'This signed URL expired on 2026-12-03 15:00 UTC, 2 days ago (its X-Amz-Date + X-Amz-Expires)',
  });
  expectNoProblem(doc, 'signed-url-expiring-soon');
});

test('signed-url-expired: in attachments and tile layers too, every URL of the row with a readable expiry', () => {
  const doc = marked(
    `[\n  { "row_data": "https://a.example-lab.org/a.jpg", "global_key": "a", "media_type": "IMAGE", "attachments": [{ "type": "IMAGE_OVERLAY", "value": ⟦"${azureUrl('2026-12-01T08%3A00%3A00Z')}"⟧ }, { "type": "TEXT_URL", "value": ⟦"${s3Url('20261130T000000Z', 60, 'notes.txt')}"⟧ }] }\n]`,
    { now: at('2026-12-05T00:00:00Z') },
  );
  expectProblem(doc, 'signed-url-expired', { range: 0, message: 'expired on 2026-12-01 08:00 UTC, 3 days ago (its se)' });
  expectProblem(doc, 'signed-url-expired', { range: 1, message: 'expired on 2026-11-30 00:01 UTC, 4 days ago' });
  expectProblemCount(doc, 'signed-url-expired', 2);
});

test('signed-url-expiring-soon: information with the time left, within the configured hours only', () => {
  const text = `[\n  { "row_data": ⟦"${s3Url('20261205T000000Z', 86400)}"⟧, "global_key": "a", "media_type": "IMAGE" }\n]`;
  const now = at('2026-12-05T14:20:00Z');
  const doc = marked(text, { now });
  expectProblem(doc, 'signed-url-expiring-soon', {
    range: 0,
    severity: 'information',
    message: 'This signed URL expires on 2026-12-06 00:00 UTC, in 9 hours (its X-Amz-Date + X-Amz-Expires; labelboxImport.signedUrls.expiringSoonHours is 24)',
  });
  expectNoProblem(marked(text, { now, expiringSoonMs: 6 * HOUR }), 'signed-url-expiring-soon');
  expectNoProblem(marked(text, { now, expiringSoonMs: 0 }), 'signed-url-expiring-soon');
  expectProblem(marked(text, { now: at('2026-12-05T23:15:30Z') }), 'signed-url-expiring-soon', { message: 'in 44 minutes' });
  expectProblem(marked(text, { now: at('2026-12-05T23:59:30Z') }), 'signed-url-expiring-soon', { message: 'in less than a minute' });
});

test('a URL that is neither expired nor expiring soon, and URLs whose expiry cannot be read, say nothing about time', () => {
  const doc = marked(
    `[\n  { "row_data": "${s3Url('20261205T000000Z', 604800)}", "global_key": "a", "media_type": "IMAGE", "attachments": [{ "type": "IMAGE", "value": "https://a.example-lab.org/b.jpg?size=large&Expires=soon" }] }\n]`,
    { now: at('2026-12-05T01:00:00Z') },
  );
  expectNoProblem(doc, 'signed-url-expired');
  expectNoProblem(doc, 'signed-url-expiring-soon');
  assert.deepEqual(doc.diagnostics, []);
});

test('signed-url-lifetime-too-long: X-Amz-Expires over 604,800 seconds', () => {
  const doc = marked(`[\n  { "row_data": ⟦"${s3Url('20261205T000000Z', 1209600)}"⟧, "global_key": "a", "media_type": "IMAGE" }\n]`, {
    now: at('2026-12-05T01:00:00Z'),
  });
  expectProblem(doc, 'signed-url-lifetime-too-long', { range: 0, severity: 'warning', message: 'X-Amz-Expires is 1,209,600 seconds' });
  expectNoProblem(marked(`[{ "row_data": "${s3Url('20261205T000000Z', 604800)}", "global_key": "a" }]`), 'signed-url-lifetime-too-long');
});

test('signed-url-malformed-expiry: a signed URL whose date is not in the service format', () => {
  const doc = marked(`[\n  { "row_data": ⟦"${s3Url('2026-12-05', 3600)}"⟧, "global_key": "a", "media_type": "IMAGE" }\n]`);
  expectProblem(doc, 'signed-url-malformed-expiry', { range: 0, severity: 'warning', message: 'its date "2026-12-05" is not of the form YYYYMMDDTHHMMSSZ' });
  expectNoProblem(marked(`[{ "row_data": "${azureUrl('2026-12-05T10%3A00%3A00Z')}", "global_key": "a" }]`), 'signed-url-malformed-expiry');
});

test('the rows checked without positions and those checked with them place the URL alike', () => {
  const url = s3Url('20261203T140000Z', 3600);
  // The second row has a syntax problem elsewhere, so it is parsed with positions.
  const doc = marked(`[\n  { "row_data": ⟦"${url}"⟧, "global_key": "a" },\n  { "row_data": ⟦"${url}"⟧, "global_key": "b", }\n]`, {
    now: at('2026-12-05T00:00:00Z'),
  });
  expectProblem(doc, 'signed-url-expired', { range: 0 });
  expectProblem(doc, 'signed-url-expired', { range: 1 });
});

test('the verdict moves with now alone: the same document, no edit, collected at three moments', () => {
  const document = new ImportDocument(
    `[{ "row_data": "${s3Url('20261205T000000Z', 86400)}", "global_key": "a", "media_type": "IMAGE" }]`,
    createValidationContext(),
  );
  const codes = (now: number) => collectDiagnostics(document, { now }).map((d) => d.code);
  assert.deepEqual(codes(at('2026-12-05T00:00:00Z')), []);
  assert.deepEqual(codes(at('2026-12-05T12:00:00Z')), ['signed-url-expiring-soon']);
  assert.deepEqual(codes(at('2026-12-06T00:00:00Z')), ['signed-url-expired']);
});

test('nextSignedUrlChange: the moment a URL enters the window, expires, or its shown time moves on', () => {
  const document = new ImportDocument(`[{ "row_data": "${s3Url('20261205T000000Z', 86400)}", "global_key": "a" }]`, createValidationContext());
  const day = 24 * HOUR;
  // Before the window: when it enters it (24 h before 2026-12-06T00:00Z).
  assert.equal(nextSignedUrlChange(document, at('2026-12-04T12:00:00Z'), day), at('2026-12-05T00:00:00Z'));
  // In the window, "in 9 hours": when it becomes "in 8 hours".
  assert.equal(nextSignedUrlChange(document, at('2026-12-05T14:20:00Z'), day), at('2026-12-05T15:00:00Z') + 1);
  // In the last minute: when it expires.
  assert.equal(nextSignedUrlChange(document, at('2026-12-05T23:59:30Z'), day), at('2026-12-06T00:00:00Z'));
  // Expired 3 days ago: when it becomes 4 days.
  assert.equal(nextSignedUrlChange(document, at('2026-12-09T01:00:00Z'), day), at('2026-12-10T00:00:00Z'));
  assert.equal(nextSignedUrlChange(new ImportDocument('[{ "row_data": "https://a.example-lab.org/a.jpg" }]', createValidationContext()), 0, day), undefined);
});

test("the preview's row and the gallery count a signed URL that has expired (as of now) among the row's warnings", () => {
  const document = new ImportDocument(
    `[\n  { "row_data": "${s3Url('20130524T000000Z', 86400)}", "global_key": "a", "media_type": "IMAGE" },\n  { "row_data": "${s3Url(amzDateIn(2), 86400)}", "global_key": "b", "media_type": "IMAGE" }\n]`,
    createValidationContext(),
  );
  const tiles = galleryPage(document, 0, 10).tiles;
  assert.deepEqual(
    tiles.map((tile) => tile.warnings),
    [1, 0],
  );
  const problems = rowDetails(document, 0)?.problems ?? [];
  assert.deepEqual(
    problems.map((problem) => [problem.code, problem.message]),
    [['signed-url-expired', 'This signed URL expired on 2013-05-25 00:00 UTC.']],
  );
  assert.equal(document.text.slice(problems[0].offset, problems[0].offset + problems[0].length), JSON.stringify(s3Url('20130524T000000Z', 86400)));
  assert.deepEqual(rowDetails(document, 1)?.problems, []);
});

/** X-Amz-Date `days` from now. */
function amzDateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

test('signed-url-not-yet-valid: an Azure st or a CloudFront DateGreaterThan still to come is information with the time until then', () => {
  const azure = `https://labdata.blob.core.windows.net/images/c.jpg?sv=2022-11-02&st=2026-12-06T09%3A00%3A00Z&se=2026-12-13T09%3A00%3A00Z&sr=b&sp=r&sig=x`;
  const doc = marked(`[\n  { "row_data": ⟦"${azure}"⟧, "global_key": "a", "media_type": "IMAGE" }\n]`, { now: at('2026-12-05T12:00:00Z') });
  expectProblem(doc, 'signed-url-not-yet-valid', {
    range: 0,
    severity: 'information',
    message: 'This signed URL is valid only from 2026-12-06 09:00 UTC, in 21 hours (its st), until 2026-12-13 09:00 UTC.',
  });
  expectNoProblem(
    marked(`[{ "row_data": "${azure}", "global_key": "a", "media_type": "IMAGE" }]`, { now: at('2026-12-06T09:00:00Z') }),
    'signed-url-not-yet-valid',
  );
  // An S3 URL's X-Amz-Date is when it was signed, not a stated start: nothing before it.
  expectNoProblem(
    marked(`[{ "row_data": "${s3Url('20261206T090000Z', 3600)}", "global_key": "a" }]`, { now: at('2026-12-01T00:00:00Z') }),
    'signed-url-not-yet-valid',
  );
  const document = new ImportDocument(`[{ "row_data": "${azure}", "global_key": "a", "media_type": "IMAGE" }]`, createValidationContext());
  // It turns valid at st: the next change is then (the shown "in 21 hours" changes first, at the hour).
  assert.equal(nextSignedUrlChange(document, at('2026-12-06T08:59:30Z'), 0), at('2026-12-06T09:00:00Z'));
});
