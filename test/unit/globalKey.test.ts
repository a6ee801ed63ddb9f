import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/** Global keys: duplicate-global-key, global-key-too-long, global-key-characters, missing-global-key. */

const row = (key: string) => `{ "row_data": "https://media.example-lab.org/${encodeURIComponent(key)}.jpg", "global_key": ${key}, "media_type": "IMAGE" }`;

test('duplicate-global-key: compared case-insensitively, both places reported, each pointing at the other', () => {
  const doc = marked(`[\n  ${row('⟦"Farm-A/img_001.jpg"⟧')},\n  ${row('"farm-a/img_002.jpg"')},\n  ${row('⟦"farm-a/IMG_001.JPG"⟧')}\n]`);
  const first = expectProblem(doc, 'duplicate-global-key', {
    range: 0,
    severity: 'error',
    message: 'Duplicate global key "Farm-A/img_001.jpg": also used by row 3 (global keys are compared without regard to case). Labelbox creates the first of these rows and fails the others.',
  });
  const second = expectProblem(doc, 'duplicate-global-key', { range: 1, message: 'also used by row 1' });
  assert.equal(first.related?.[0].offset, doc.ranges[1].offset);
  assert.equal(second.related?.[0].offset, doc.ranges[0].offset);
  assert.deepEqual(first.fixes?.[0], { kind: 'uniqueGlobalKey', title: 'Make this global key unique' });
  expectProblemCount(doc, 'duplicate-global-key', 2);
});

test('duplicate-global-key: the same key in the legacy and current spellings', () => {
  const doc = marked(`[\n  ${row('⟦"k-1"⟧')},\n  { "imageUrl": "https://media.example-lab.org/b.jpg", "globalKey": ⟦"k-1"⟧ }\n]`);
  expectProblem(doc, 'duplicate-global-key', { range: 0, message: /^Duplicate global key "k-1": also used by row 2\. / });
  expectProblem(doc, 'duplicate-global-key', { range: 1 });
});

test('duplicate-global-key: a big group names the first three other rows, points at ten, and counts under the cap', () => {
  // Rows 1-13 spell the key "k", row 14 "K": every row has another spelled differently.
  const keys = Array.from({ length: 14 }, (_, i) => row(`⟦"${i === 13 ? 'K' : 'k'}"⟧`));
  const source = `[\n  ${keys.join(',\n  ')}\n]`;
  const doc = marked(source);
  expectProblemCount(doc, 'duplicate-global-key', 14);
  const first = expectProblem(doc, 'duplicate-global-key', {
    range: 0,
    message: 'Duplicate global key "k": also used by rows 2, 3, 4 and 10 more (global keys are compared without regard to case).',
  });
  assert.deepEqual(
    first.related?.map((related) => [related.offset, related.message]),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => [doc.ranges[i].offset, `Row ${i + 1} uses the same global key`]),
  );
  const sixth = expectProblem(doc, 'duplicate-global-key', { range: 5, message: 'also used by rows 1, 2, 3 and 10 more (global keys' });
  assert.deepEqual(
    sixth.related?.map((related) => related.offset),
    [0, 1, 2, 3, 4, 6, 7, 8, 9, 10].map((i) => doc.ranges[i].offset),
  );
  expectProblem(doc, 'duplicate-global-key', { range: 13, message: 'Duplicate global key "K": also used by rows 1, 2, 3 and 10 more (global keys' });

  const capped = marked(source, { maxProblems: 3 });
  assert.deepEqual(
    capped.diagnostics.filter((d) => d.code === 'duplicate-global-key').map((d) => d.offset),
    [0, 1, 2].map((i) => capped.ranges[i].offset),
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

test('global-key-characters: characters outside the documented set, and leading/trailing spaces', () => {
  const doc = marked(`[\n  ${row('⟦"farm#a/<img>.jpg"⟧')},\n  ${row('⟦" farm-a/img.jpg"⟧')}\n]`);
  expectProblem(doc, 'global-key-characters', { range: 0, severity: 'warning', message: 'this one also has "#" "<" ">"' });
  const spaces = expectProblem(doc, 'global-key-characters', { range: 1, message: 'starts or ends with a space' });
  assert.deepEqual(spaces.fixes?.[0], { kind: 'replace', title: 'Remove the spaces', text: '"farm-a/img.jpg"' });
});

test("global-key-characters: every documented character is fine", () => {
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
