import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext, ImportDocument } from '../../service';
import { rowIndexNear } from '../../service/features/rows';
import { Random } from '../../bench/random';

const context = createValidationContext();

/** The definition, written with regular expressions (quadratic on a long run of blanks and commas). */
function reference(document: ImportDocument, offset: number, lineStart: number, lineEnd: number): number {
  const line = document.slice(lineStart, lineEnd);
  const first = line.search(/\S/);
  const end = line.replace(/[\s,]*$/, '').length;
  let character = offset - lineStart;
  if (first >= 0 && character < first) character = first;
  else if (end > 0 && character >= end) character = end - 1;
  return document.rowIndexAt(lineStart + character);
}

function lines(text: string): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    if (newline < 0) {
      result.push([start, text.length]);
      return result;
    }
    result.push([start, newline + 1]);
    start = newline + 1;
  }
}

test('rowIndexNear: a cursor in the indentation or after a trailing comma is on the row of its line', () => {
  const random = new Random(17);
  const pieces = [
    '  ',
    '\t',
    ', ',
    ',',
    '\u00a0',
    '\u2028',
    '{ "row_data": "https://x.com/a.jpg", "global_key": "k" }',
    '{"a":1}',
    '[',
    ']',
    '\n',
    '\n',
    '  \n',
  ];
  for (let round = 0; round < 300; round++) {
    let text = '[';
    for (let i = 0; i < 12; i++) text += random.pick(pieces);
    text += ']';
    const document = new ImportDocument(text, context);
    for (const [lineStart, lineEnd] of lines(text)) {
      for (let offset = lineStart; offset <= lineEnd; offset++) {
        assert.equal(
          rowIndexNear(document, offset, lineStart, lineEnd),
          reference(document, offset, lineStart, lineEnd),
          `${JSON.stringify(text)} at ${offset}`,
        );
      }
    }
  }
});

test('rowIndexNear on lines built to backtrack: 60,000 ", " after a row, 300,000 commas', () => {
  const row = '{ "row_data": "https://x.com/a.jpg", "global_key": "k" }';
  const cases = [`[${row}${', '.repeat(60_000)}]`, `[${row}${','.repeat(300_000)}]`, `[${' '.repeat(300_000)}${row}]`];
  for (const text of cases) {
    const document = new ImportDocument(text, context);
    const started = performance.now();
    // A cursor on the row, in the run of commas or blanks after it, or at the end of the line is
    // on the one row (the time bound is a generous guard; this takes about a millisecond).
    const rowStart = text.indexOf('{');
    for (const offset of [rowStart, rowStart + 5, text.length - 2, text.length])
      assert.equal(rowIndexNear(document, offset, 0, text.length), 0, `${text.slice(0, 20)}… at ${offset}`);
    assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms`);
  }
});
