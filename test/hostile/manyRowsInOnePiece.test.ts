import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInPieces, createValidationContext } from '../../service';

/**
 * A big text is checked in pieces (a file read in chunks of a few megabytes, an editor's text
 * in slices of a megabyte), and the rows of a piece wait in a queue to be taken in order. A
 * piece of small rows holds hundreds of thousands of them: taking each must not cost more
 * with the queue's length, or one piece takes minutes (it took 20 s for 200,000 rows).
 */

const context = createValidationContext();
const ROWS = 150_000;

function rowsText(row: (index: number) => string): string {
  const rows: string[] = [];
  for (let index = 0; index < ROWS; index++) rows.push(row(index));
  return `[${rows.join(',')}]`;
}

function* piecesOf(text: string, length: number): Generator<string> {
  for (let offset = 0; offset < text.length; offset += length) yield text.slice(offset, offset + length);
}

async function checkMs(text: string, pieceLength: number, readRowsHere: boolean): Promise<{ ms: number; problems: number }> {
  const started = performance.now();
  const { checked } = await checkInPieces(piecesOf(text, pieceLength), context, { readRowsHere });
  const ms = performance.now() - started;
  assert.equal(checked.rows.length, ROWS);
  return { ms, problems: checked.rows.reduce((count, row) => count + row.checks.length + row.syntax.length, 0) };
}

/** The text in one piece against the same text in small pieces (a few hundred rows each). */
async function assertLinear(text: string, readRowsHere: boolean): Promise<void> {
  await checkMs(text, 64 * 1024, readRowsHere);
  const small = await checkMs(text, 64 * 1024, readRowsHere);
  const whole = await checkMs(text, text.length, readRowsHere);
  assert.equal(whole.problems, small.problems);
  // Quadratic, the one piece would take tens of times longer than the small ones.
  assert.ok(whole.ms < small.ms * 3 + 1000, `in small pieces ${Math.round(small.ms)} ms, in one piece ${Math.round(whole.ms)} ms`);
}

test('a piece of 150,000 small object rows, each read and checked where it is found, is checked in time linear in its rows', async () => {
  await assertLinear(
    rowsText((index) => `{"row_data":"https://media.example-lab.org/${index}.jpg","global_key":"k-${index}"}`),
    true,
  );
});
