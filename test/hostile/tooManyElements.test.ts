import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInPieces, collectDiagnostics, createValidationContext, ImportDocument } from '../../service';

/**
 * Each element of a file's array is checked and kept (its row entry and problems): a file of
 * millions of two-byte elements would fill the memory. Past a million elements the text is
 * not checked at all, and the document says why instead of showing problems (or no problems).
 */

const context = createValidationContext();
const CAP = 1_000_000;
const REASON =
  /^its array has more than 1,000,000 elements, which is more than this tool checks; Labelbox takes at most 150,000 data rows per import: split the file$/;

function elements(count: number): string {
  return `[${'1,'.repeat(count - 1)}1]`;
}

function* piecesOf(text: string, length: number): Generator<string> {
  for (let offset = 0; offset < text.length; offset += length) yield text.slice(offset, offset + length);
}

test('a whole text of one element more than the cap is not checked; exactly the cap is', () => {
  const over = new ImportDocument(elements(CAP + 1), context);
  assert.match(over.notCheckedReason ?? '', REASON);
  assert.equal(over.rows.length, 0);
  assert.deepEqual(collectDiagnostics(over), []);

  const at = new ImportDocument(elements(CAP), context);
  assert.equal(at.notCheckedReason, undefined);
  assert.equal(at.rows.length, CAP);
  assert.ok(collectDiagnostics(at).some((diagnostic) => diagnostic.code === 'row-not-object'));
});

test('a text read in pieces stops being split at the cap, and is still read to its end', async () => {
  for (const readRowsHere of [true, false]) {
    const over = elements(CAP + 1);
    const { checked, pieces } = await checkInPieces(piecesOf(over, 64 * 1024), context, { readRowsHere });
    assert.equal(checked.tooManyElements, true);
    assert.equal(checked.rows.length, 0);
    assert.equal(pieces.length, over.length);
    const document = new ImportDocument(over, context, undefined, checked);
    assert.match(document.notCheckedReason ?? '', REASON);

    const { checked: atCap } = await checkInPieces(piecesOf(elements(CAP), 64 * 1024), context, { readRowsHere });
    assert.equal(atCap.tooManyElements, undefined);
    assert.equal(atCap.rows.length, CAP);
  }
});

test('edits that add elements past the cap make the text unchecked; edits that remove them check it again', () => {
  const text = elements(CAP);
  const document = new ImportDocument(text, context);
  assert.equal(document.rows.length, CAP);
  // A pasted element at the end, then one more, each checked as an edit of its rows.
  document.update([{ offset: text.length - 1, removedLength: 0, text: ',1' }]);
  assert.match(document.notCheckedReason ?? '', REASON);
  assert.equal(document.rows.length, 0);
  document.update([{ offset: 1, removedLength: 2, text: '' }]);
  assert.equal(document.notCheckedReason, undefined);
  assert.equal(document.rows.length, CAP);
});
