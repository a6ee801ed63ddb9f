import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, marked } from './helpers/markedDocument';

/** root-not-array and row-not-object: the shape of the file and of its elements. */

const IMAGE = '"row_data": "https://media.example-lab.org/img/001.jpg", "media_type": "IMAGE"';

test('root-not-array: a single object is reported on its brace, and its row problems still show', () => {
  const doc = marked(`⟦{⟧ "row_data": ⟦"s3://lab-bucket/a.jpg"⟧, "media_type": "IMAGE" }`);
  expectProblem(doc, 'root-not-array', { range: 0, severity: 'error', message: 'wrap this object in [ ]' });
  expectProblem(doc, 's3-url', { range: 1 });
});

test('root-not-array: a string root and an empty file', () => {
  const doc = marked(`⟦"https://media.example-lab.org/img/001.jpg"⟧`);
  expectProblem(doc, 'root-not-array', { range: 0, severity: 'error', message: 'JSON array of data rows' });
  const empty = marked(`⟦⟧  \n`);
  expectProblem(empty, 'root-not-array', { range: 0, message: 'The file is empty' });
});

test('root-not-array: an array root, even an empty one, is fine', () => {
  expectNoProblem(marked(`[]`), 'root-not-array');
  expectNoProblem(marked(`\uFEFF[\n  { ${IMAGE}, "global_key": "a" }\n]`), 'root-not-array');
});

test('row-not-object: strings, numbers, null and nested arrays are reported on the element', () => {
  const doc = marked(`[\n  ⟦"https://media.example-lab.org/a.jpg"⟧,\n  ⟦42⟧,\n  ⟦null⟧,\n  ⟦[{ ${IMAGE} }]⟧\n]`);
  expectProblem(doc, 'row-not-object', { range: 0, severity: 'error', message: 'this one is a string' });
  expectProblem(doc, 'row-not-object', { range: 1, message: 'this one is a number' });
  expectProblem(doc, 'row-not-object', { range: 2, message: 'this one is null' });
  expectProblem(doc, 'row-not-object', { range: 3, message: 'wrapped in [ ] twice' });
});

test('row-not-object: object rows are fine', () => {
  const doc = marked(`[\n  { ${IMAGE}, "global_key": "a" }\n]`);
  expectNoProblem(doc, 'row-not-object');
  assert.deepEqual(doc.diagnostics, []);
});
