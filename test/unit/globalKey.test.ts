import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/** Global keys: duplicate-global-key, global-key-too-long, global-key-whitespace, global-key-characters, missing-global-key. */

const row = (key: string) => `{ "row_data": "https://media.example-lab.org/${encodeURIComponent(key)}.jpg", "global_key": ${key}, "media_type": "IMAGE" }`;

test('duplicate-global-key: the later row is the error, pointing at the first; the first gets information (compared without regard to case)', () => {
  const doc = marked(`[\n  ${row('⟦"Farm-A/img_001.jpg"⟧')},\n  ${row('"farm-a/img_002.jpg"')},\n  ${row('⟦"farm-a/IMG_001.JPG"⟧')}\n]`);
  const later = expectProblem(doc, 'duplicate-global-key', {
    range: 1,
    severity: 'error',
    message:
      'Duplicate global key "farm-a/IMG_001.JPG": row 1 already uses "Farm-A/img_001.jpg" (global keys are compared without regard to case). Labelbox creates row 1 and fails this one ("Duplicate global key").',
  });
  assert.deepEqual(later.related, [{ offset: doc.ranges[0].offset, length: doc.ranges[0].length, message: 'Row 1 uses this global key first' }]);
  assert.deepEqual(later.fixes?.[0], { kind: 'uniqueGlobalKey', title: 'Make this global key unique' });
  const first = expectProblem(doc, 'duplicate-global-key', {
    range: 0,
    severity: 'information',
    message: 'The global key "Farm-A/img_001.jpg" is used again by row 3. Labelbox creates this row and fails the later ones.',
  });
  assert.equal(first.related?.[0].offset, doc.ranges[1].offset);
  assert.equal(first.fixes, undefined, 'the row Labelbox creates needs no fix');
  expectProblemCount(doc, 'duplicate-global-key', 2);
});

test('duplicate-global-key: the same key in the legacy and current spellings', () => {
  const doc = marked(`[\n  ${row('⟦"k-1"⟧')},\n  { "imageUrl": "https://media.example-lab.org/b.jpg", "globalKey": ⟦"k-1"⟧ }\n]`);
  expectProblem(doc, 'duplicate-global-key', { range: 0, severity: 'information', message: /^The global key "k-1" is used again by row 2\. / });
  expectProblem(doc, 'duplicate-global-key', { range: 1, severity: 'error', message: /^Duplicate global key "k-1": row 1 already uses it\. / });
});

test('duplicate-global-key: a big group: every later row points at the first, which names three and points at ten; the cap counts', () => {
  // Rows 1-13 spell the key "k", row 14 "K".
  const keys = Array.from({ length: 14 }, (_, i) => row(`⟦"${i === 13 ? 'K' : 'k'}"⟧`));
  const source = `[\n  ${keys.join(',\n  ')}\n]`;
  const doc = marked(source);
  expectProblemCount(doc, 'duplicate-global-key', 14);
  const first = expectProblem(doc, 'duplicate-global-key', { range: 0, severity: 'information', message: 'is used again by rows 2, 3, 4 and 10 more.' });
  assert.deepEqual(
    first.related?.map((related) => [related.offset, related.message]),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => [doc.ranges[i].offset, `Row ${i + 1} uses the same global key`]),
  );
  for (const range of [1, 5, 12]) {
    const later = expectProblem(doc, 'duplicate-global-key', { range, severity: 'error', message: 'row 1 already uses it.' });
    assert.deepEqual(
      later.related?.map((related) => related.offset),
      [doc.ranges[0].offset],
    );
  }
  expectProblem(doc, 'duplicate-global-key', {
    range: 13,
    message: 'Duplicate global key "K": row 1 already uses "k" (global keys are compared without regard to case).',
  });

  // Errors are kept first under the cap, then the note on the first row.
  const capped = marked(source, { maxProblems: 3 });
  assert.deepEqual(
    capped.diagnostics.filter((d) => d.code === 'duplicate-global-key').map((d) => [d.offset, d.severity]),
    [1, 2, 3].map((i) => [capped.ranges[i].offset, 'error']),
  );
  expectProblem(capped, 'too-many-problems', { message: /^11 more problems are not shown/ });
  const off = marked(source, { maxProblems: 3, severityOverrides: { 'duplicate-global-key': 'off' } });
  assert.equal(off.diagnostics.length, 0);
});

test('duplicate-global-key: different keys are fine', () => {
  const doc = marked(`[\n  ${row('"a/1"')},\n  ${row('"a/10"')},\n  ${row('"a/1 "')}\n]`);
  expectNoProblem(doc, 'duplicate-global-key');
});

test('global-key-too-long: more than 200 characters', () => {
  const doc = marked(`[\n  ${row(`⟦"${'k'.repeat(201)}"⟧`)}\n]`);
  expectProblem(doc, 'global-key-too-long', { range: 0, severity: 'error', message: 'Global key is too long: 201 characters, at most 200.' });
});

test('global-key-too-long: exactly 200 characters is fine', () => {
  expectNoProblem(marked(`[\n  ${row(`"${'k'.repeat(200)}"`)}\n]`), 'global-key-too-long');
});

test('global-key-characters: characters outside the documented set are a warning (the server may sanitize them)', () => {
  const doc = marked(`[\n  ${row('⟦"farm#a/<img>.jpg"⟧')}\n]`);
  expectProblem(doc, 'global-key-characters', { range: 0, severity: 'warning', message: 'this one also has "#" "<" ">"' });
  expectNoProblem(doc, 'global-key-whitespace');
});

test("global-key-whitespace: leading, trailing and consecutive spaces are errors (the SDK's test asserts the server rejects all three)", () => {
  const doc = marked(`[\n  ${row('⟦" global key"⟧')},\n  ${row('⟦"global  key"⟧')},\n  ${row('⟦"global key "⟧')}\n]`);
  const leading = expectProblem(doc, 'global-key-whitespace', {
    range: 0,
    severity: 'error',
    message: 'This global key starts or ends with a space; Labelbox rejects leading, trailing and consecutive spaces in global keys.',
  });
  assert.deepEqual(leading.fixes?.[0], { kind: 'replace', title: 'Remove the spaces', text: '"global key"' });
  const double = expectProblem(doc, 'global-key-whitespace', { range: 1, severity: 'error', message: 'This global key has consecutive spaces' });
  assert.deepEqual(double.fixes?.[0], { kind: 'replace', title: 'Remove the extra spaces', text: '"global key"' });
  expectProblem(doc, 'global-key-whitespace', { range: 2, severity: 'error' });
  expectNoProblem(doc, 'global-key-characters');
});

test('global-key-whitespace: single spaces inside a key are fine', () => {
  expectNoProblem(marked(`[\n  ${row('"Farm A/plot 12/img 001.jpg"')}\n]`), 'global-key-whitespace');
});

test('global-key-characters: every documented character is fine', () => {
  const doc = marked(`[\n  ${row(`"Farm A/2024-06-01/img_001.jpg!*'()&$@=;:+,?"`)}\n]`);
  expectNoProblem(doc, 'global-key-characters');
});

test('missing-global-key: information on external_id when there is no global_key', () => {
  const doc = marked(`[\n  { "row_data": "https://media.example-lab.org/a.jpg", ⟦"external_id"⟧: "a.jpg", "media_type": "IMAGE" }\n]`);
  expectProblem(doc, 'missing-global-key', { range: 0, severity: 'information', message: 'has an external_id but no global_key' });
});

test('missing-global-key: none with a global key, none without external_id, none for legacy rows', () => {
  const doc = marked(`[
  { "row_data": "https://media.example-lab.org/a.jpg", "external_id": "a.jpg", "global_key": "a", "media_type": "IMAGE" },
  { "row_data": "https://media.example-lab.org/b.jpg", "media_type": "IMAGE" },
  { "externalId": "c.jpg", "imageUrl": "https://media.example-lab.org/c.jpg" }
]`);
  expectNoProblem(doc, 'missing-global-key');
});
