import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, lineStartsOf } from '../../service';

test('line starts follow the line breaks of VS Code: \\n, \\r\\n and a lone \\r', () => {
  assert.deepEqual(lineStartsOf(''), [0]);
  assert.deepEqual(lineStartsOf('abc'), [0]);
  assert.deepEqual(lineStartsOf('a\nbc\n'), [0, 2, 5]);
  assert.deepEqual(lineStartsOf('\n\n'), [0, 1, 2]);
  assert.deepEqual(lineStartsOf('a\r\nbc\r\n'), [0, 3, 7]);
  assert.deepEqual(lineStartsOf('a\rb\r\nc\nd'), [0, 2, 5, 7]);
});

test('the CLI places problems on the lines the editor shows, also after a lone \\r', () => {
  const index = new LineIndex('[\r  1,\r\n  2\n]');
  assert.deepEqual(index.positionAt(4), { line: 1, character: 2 });
  assert.deepEqual(index.positionAt(10), { line: 2, character: 2 });
  assert.equal(index.offsetAt(2, 2), 10);
});
