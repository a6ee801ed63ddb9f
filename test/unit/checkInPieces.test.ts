import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext, ImportDocument } from '../../service';
import { checkInPieces, checkBatchHere, type RowBatchChecker } from '../../service/document/checkInPieces';
import { generateImportFile } from '../../bench/generateRows';
import { Random } from '../../bench/random';
import { apply, clamp, randomEdit, snapshot, startText } from './helpers/randomEdits';

/**
 * Checking a text that arrives in pieces (as a file is read in chunks), with ordinary rows
 * read and checked in batches apart from the parse, must give exactly what a whole parse of
 * the text gives: the same rows, facts, syntax problems and diagnostics, for valid files and
 * for files broken in every way the edit generator breaks them.
 */

const context = createValidationContext();
const SEQUENCES = Number(process.env.PIECES_SEQUENCES ?? 250);

/** The text cut at random places, sometimes into very small pieces. */
function cut(random: Random, text: string): string[] {
  const pieces: string[] = [];
  const small = random.chance(0.4);
  for (let offset = 0; offset < text.length;) {
    const length = small ? random.int(1, 40) : random.int(1, Math.max(1, Math.floor(text.length / random.int(1, 6))));
    pieces.push(text.slice(offset, offset + length));
    offset += length;
  }
  return pieces;
}

/** Broken or valid texts: a generated file after a few random edits. */
function randomText(random: Random): string {
  let text = startText(random);
  for (let count = random.int(0, 4); count > 0; count--) text = apply(text, clamp(randomEdit(random, text).change, text.length));
  if (random.chance(0.05)) text = `\uFEFF${text}`;
  if (random.chance(0.05)) text = `// a comment\n/* another */ ${text} // after`;
  return text;
}

async function assembled(
  text: string,
  pieces: readonly string[],
  checker: RowBatchChecker,
  batchLength: number,
  readRowsHere = false,
): Promise<ImportDocument> {
  const { checked, pieces: kept } = await checkInPieces(pieces, context, { checker, batchLength, maxPending: 2, readRowsHere });
  assert.equal(kept.length, text.length, 'every character is kept');
  assert.equal(kept.slice(0, text.length), text, 'the pieces make up the text');
  return new ImportDocument(text, context, undefined, checked);
}

test(`a text checked in pieces equals a whole parse, over ${SEQUENCES} random texts`, async () => {
  for (let seed = 1; seed <= SEQUENCES; seed++) {
    const random = new Random(seed);
    const text = randomText(random);
    // Rows read where they are found (readRowsHere) or deferred to the checker in batches.
    const readRowsHere = random.chance(0.5);
    const document = await assembled(text, cut(random, text), checkBatchHere, random.int(1, 4000), readRowsHere);
    assert.deepStrictEqual(
      snapshot(document),
      snapshot(new ImportDocument(text, context)),
      `seed ${seed} (${readRowsHere ? 'read here' : 'deferred'}): ${JSON.stringify(text.slice(0, 300))}`,
    );
  }
});

test('a row that looked valid to the scan but is not JSON is parsed again, and the rows after it are found again', async () => {
  const file = generateImportFile(40, 3).text;
  // Each of these passes the quick scan (balanced brackets, closed strings) but not JSON.parse.
  const breakages = ['"media_type": tru', '"media_type": "IMAGE",}', "'media_type': 'IMAGE'", '"media_type": "IMAGE" "x": 1'];
  for (const broken of breakages) {
    const text = file.replace('"media_type": "IMAGE"', broken);
    assert.notEqual(text, file);
    const checks: number[] = [];
    const counting: RowBatchChecker = {
      check: (batch, batchContext) => {
        checks.push(batch.rows.length / 3);
        return checkBatchHere.check(batch, batchContext);
      },
    };
    const document = await assembled(text, cut(new Random(7), text), counting, 2000);
    assert.deepStrictEqual(snapshot(document), snapshot(new ImportDocument(text, context)), broken);
    assert.ok(document.rowsWithProblems.size > 0, `${broken}: problems found`);
  }
});

test('a checker that answers out of order still gives the rows in text order', async () => {
  const text = generateImportFile(300, 11).text;
  const delays = new Random(5);
  const shuffled: RowBatchChecker = {
    check: (batch, batchContext) => new Promise((resolve) => setTimeout(() => resolve(checkBatchHere.check(batch, batchContext)), delays.int(0, 8))),
  };
  const document = await assembled(text, cut(new Random(9), text), shuffled, 3000);
  assert.deepStrictEqual(snapshot(document), snapshot(new ImportDocument(text, context)));
  assert.equal(document.rows.length, 300);
});
