import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';
import { countKeys } from '../../service/json/valueNodes';
import type { JsonValue } from '../../service/json/ast';

/** json-syntax and duplicate-key: the tolerant parser's problems, and that it keeps going after them. */

const IMAGE = '"row_data": "https://media.example-lab.org/img/001.jpg", "media_type": "IMAGE"';

test('json-syntax: a missing comma between properties is reported where the next key starts', () => {
  const doc = marked(`[\n  { "row_data": "https://media.example-lab.org/a.jpg" ⟦"⟧global_key": "a", "media_type": "IMAGE" }\n]`);
  expectProblem(doc, 'json-syntax', { range: 0, severity: 'error', message: 'Expected "," between properties' });
});

test('json-syntax: unquoted property names, single quotes, comments and Python literals', () => {
  const doc = marked(
    `[\n  { ${IMAGE}, ⟦global_key⟧: "a" },\n  { ${IMAGE}, "global_key": ⟦'⟧b' },\n  ⟦// a comment⟧\n  { ${IMAGE}, "global_key": "c", "external_id": ⟦None⟧ }\n]`,
  );
  expectProblem(doc, 'json-syntax', { range: 0, message: 'Property names must be in double quotes: "global_key"' });
  expectProblem(doc, 'json-syntax', { range: 1, message: 'double quotes' });
  expectProblem(doc, 'json-syntax', { range: 2, message: 'Comments are not allowed' });
  expectProblem(doc, 'json-syntax', { range: 3, message: 'did you mean null?' });
});

test('json-syntax: trailing commas in an object and in the root array', () => {
  const doc = marked(`[\n  { ${IMAGE}, "global_key": "a"⟦,⟧ }⟦,⟧\n]`);
  expectProblem(doc, 'json-syntax', { range: 0, message: 'Trailing comma' });
  expectProblem(doc, 'json-syntax', { range: 1, message: /Trailing comma.*"\]"/ });
});

test('json-syntax: an unclosed root array is reported at the end of the file', () => {
  const doc = marked(`[\n  { ${IMAGE}, "global_key": "a" }\n⟦⟧`);
  expectProblem(doc, 'json-syntax', { range: 0, message: 'Expected "]" at the end of the file' });
});

test('json-syntax: NDJSON gets a message that explains the import format', () => {
  const doc = marked(`{ ${IMAGE}, "global_key": "a" }\n⟦{ ${IMAGE}, "global_key": "b" }\n⟧`);
  expectProblem(doc, 'json-syntax', { range: 0, message: /NDJSON.*single JSON array/ });
});

test('json-syntax: a valid file has none', () => {
  const doc = marked(`[\n  { ${IMAGE}, "global_key": "a" },\n  { ${IMAGE}, "global_key": "b" }\n]\n`);
  expectNoProblem(doc, 'json-syntax');
  assert.equal(doc.diagnostics.length, 0);
});

test('json-syntax recovery: a typo in row 1 does not hide the problems of row 3', () => {
  const doc = marked(
    `[\n  { "row_data": "https://media.example-lab.org/a.jpg" ⟦"⟧global_key": "a", "media_type": "IMAGE" },\n  { ${IMAGE}, "global_key": "b" },\n  { "row_data": ⟦"s3://lab-bucket/c.jpg"⟧, "global_key": "c", "media_type": "IMAGE" }\n]`,
  );
  expectProblem(doc, 'json-syntax', { range: 0 });
  expectProblem(doc, 's3-url', { range: 1, severity: 'error' });
  assert.equal(doc.document.rows.length, 3);
});

test('json-syntax recovery: an unclosed row and an unclosed string still let later rows be checked', () => {
  const doc = marked(
    `[\n  ⟦{⟧ ${IMAGE}, "global_key": "a⟦"⟧\n  { ${IMAGE}, "global_key": "b" },\n  { "row_data": ⟦"s3://lab-bucket/c.jpg"⟧, "global_key": "c", "media_type": "IMAGE" }\n]`,
  );
  expectProblem(doc, 'json-syntax', { range: 0, message: 'This "{" is never closed' });
  // On the row's last character, not on the whitespace before the next row.
  expectProblem(doc, 'json-syntax', { range: 1, message: 'Expected "," after this data row.' });
  expectProblem(doc, 's3-url', { range: 2 });

  const unclosed = marked(
    `[\n  { "row_data": "https://media.example-lab.org/a.jpg, "global_key": "a" },\n  { "row_data": ⟦"s3://lab-bucket/c.jpg"⟧, "global_key": "c", "media_type": "IMAGE" }\n]`,
  );
  expectProblem(unclosed, 'json-syntax', { message: 'never closed' });
  expectProblem(unclosed, 's3-url', { range: 0 });
});

test('json-syntax: nesting deeper than the limit is reported, not a stack overflow', () => {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const doc = marked(`[\n  { ${IMAGE}, "global_key": "a", "external_id": ${deep} }\n]`);
  expectProblem(doc, 'json-syntax', { message: /Nested more than \d+ levels/ });
});

test('duplicate-key: the second occurrence is a warning that points back at the first', () => {
  const doc = marked(`[\n  { ${IMAGE}, ⟦"global_key"⟧: "a", ⟦"global_key"⟧: "b" }\n]`);
  const problem = expectProblem(doc, 'duplicate-key', { range: 1, severity: 'warning', message: 'Duplicate key "global_key": only the last value is kept' });
  assert.equal(problem.related?.[0].offset, doc.ranges[0].offset);
  expectNoProblem(doc, 'duplicate-key', { range: 0 });
  expectProblemCount(doc, 'duplicate-key', 1);
});

test('duplicate-key: the same key in two different objects is fine', () => {
  const doc = marked(`[\n  { ${IMAGE}, "global_key": "a", "attachments": [{ "type": "RAW_TEXT", "value": "x" }, { "type": "RAW_TEXT", "value": "y" }] }\n]`);
  expectNoProblem(doc, 'duplicate-key');
});

test('json-syntax: invisible and control characters are named, never printed raw', () => {
  const doc = marked(`[\n  { "row_data": "https://media.example-lab.org/a.jpg",⟦\u00a0⟧"global_key": "a", "media_type": "IMAGE" },\n  ⟦\u0000⟧,\n  ⟦😀⟧\n]`);
  expectProblem(doc, 'json-syntax', { range: 0, message: 'Expected a property name in double quotes, found a no-break space (U+00A0); use a plain space.' });
  expectProblem(doc, 'json-syntax', { range: 1, message: 'Unexpected character a NUL byte (is this a binary file?).' });
  expectProblem(doc, 'json-syntax', { range: 2, message: 'Unexpected character "😀".' });
  const control = marked(`[⟦\u0007⟧]`);
  expectProblem(control, 'json-syntax', { range: 0, message: 'Unexpected character U+0007.' });
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  for (const diagnostic of [...doc.diagnostics, ...control.diagnostics]) assert.doesNotMatch(diagnostic.message, /[\u0000-\u001f\u007f\u00a0]/);
});

test('countKeys counts the keys at every depth, inside objects and arrays at any nesting (a row read by JSON.parse is compared with the keys in its text)', () => {
  assert.equal(countKeys('text'), 0);
  assert.equal(countKeys(null), 0);
  assert.equal(countKeys([]), 0);
  assert.equal(countKeys({}), 0);
  assert.equal(countKeys({ a: 1, b: 'x', c: null, d: true }), 4);
  assert.equal(countKeys({ a: { b: { c: {} } } }), 3);
  assert.equal(countKeys([[{ a: 1 }, [{ b: 2, c: [{ d: 3 }] }]], 5, 'x']), 4);
  assert.equal(
    countKeys({
      bounds: [
        [1, 2],
        [3, 4],
      ],
      messages: [{ user: { id: 'u' }, content: 'hi' }],
    }),
    5,
  );
  const parsed = JSON.parse('{"__proto__": {"a": 1}, "constructor": [{"b": null}]}') as JsonValue;
  assert.equal(countKeys(parsed), 4);
});
