import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext, ImportDocument, type TextChange } from '../../service';
import { Random } from '../../bench/random';
import { apply, clamp, randomEdit, snapshot, startText, type Edit } from './helpers/randomEdits';

/**
 * Random sequences of edits — typing, deleting across rows, pasting many rows, breaking the
 * syntax with brackets, quotes and commas and repairing it, edits at the very start and end —
 * applied incrementally to an ImportDocument must leave it exactly as a fresh parse of the
 * resulting text: the same diagnostics, the same rows and the same facts about each row.
 */

const SEQUENCES = Number(process.env.INCREMENTAL_SEQUENCES ?? 300);
const FIRST_SEED = Number(process.env.INCREMENTAL_SEED ?? 1);
const context = createValidationContext();

/**
 * Applies the edits one by one and returns the first step (1-based) after which the document
 * differs from a fresh one (0 when none does), and how many edits were applied incrementally.
 */
function firstDivergence(initial: string, edits: readonly Edit[]): { step: number; message: string; incremental: number } {
  const document = new ImportDocument(initial, context);
  let text = initial;
  let incremental = 0;
  for (let step = 0; step < edits.length; step++) {
    const { change, via } = edits[step];
    const clamped = clamp(change, text.length);
    text = apply(text, clamped);
    if (via === 'update') {
      document.update([clamped]);
    } else {
      document.applyChange(clamped, text);
      if (via === 'settle') document.settle();
    }
    if (document.lastUpdate.mode === 'incremental') incremental++;
    assert.equal(document.text, text, 'the document text');
    try {
      assert.deepStrictEqual(snapshot(document), snapshot(new ImportDocument(text, context)));
    } catch (error) {
      return { step: step + 1, message: error instanceof Error ? error.message.slice(0, 3000) : String(error), incremental };
    }
  }
  return { step: 0, message: '', incremental };
}

/** Drops edits (and shortens the text) while the divergence remains, for a small reproduction. */
function shrink(initial: string, edits: Edit[]): { initial: string; edits: Edit[] } {
  let current = edits;
  for (let index = current.length - 2; index >= 0; index--) {
    const candidate = current.filter((_, position) => position !== index);
    if (firstDivergence(initial, candidate).step) current = candidate;
  }
  return { initial, edits: current };
}

test(`incremental updates equal a fresh parse over ${SEQUENCES} random edit sequences`, () => {
  let editsApplied = 0;
  let incremental = 0;
  for (let seed = FIRST_SEED; seed < FIRST_SEED + SEQUENCES; seed++) {
    const random = new Random(seed);
    const initial = startText(random);
    const edits: Edit[] = [];
    let text = initial;
    for (let count = random.int(1, 20); count > 0; count--) {
      const edit = randomEdit(random, text);
      const change = clamp(edit.change, text.length);
      edits.push(edit);
      const before = text;
      text = apply(text, change);
      if (random.chance(0.3)) {
        // Break and repair: the edit is undone right away, as when a typo is deleted again.
        const repair = { offset: change.offset, removedLength: change.text.length, text: before.slice(change.offset, change.offset + change.removedLength) };
        edits.push({ change: repair, via: edit.via });
        text = apply(text, repair);
      }
    }
    const divergence = firstDivergence(initial, edits);
    if (divergence.step) {
      const small = shrink(initial, edits.slice(0, divergence.step));
      assert.fail(
        `Seed ${seed} (INCREMENTAL_SEED=${seed} INCREMENTAL_SEQUENCES=1): after edit ${divergence.step} the incrementally updated document differs from a fresh parse.\n` +
          `Reproduction: new ImportDocument(initial, context), then these changes in order (${small.edits.length} of ${divergence.step}):\n` +
          `${JSON.stringify(small.edits.map((edit) => edit.change))}\n` +
          `initial text (${small.initial.length} characters): ${JSON.stringify(small.initial.length > 4000 ? small.initial.slice(0, 4000) + '…' : small.initial)}\n${divergence.message}`,
      );
    }
    editsApplied += edits.length;
    incremental += divergence.incremental;
  }
  // Most edits must have taken the incremental path (the rest break the root array itself), or this test would prove little.
  assert.ok(incremental > editsApplied * 0.6, `only ${incremental} of ${editsApplied} edits were applied incrementally`);
});

test('several changes in one update, in the coordinates left by the previous one', () => {
  for (let seed = 5000; seed < 5040; seed++) {
    const random = new Random(seed);
    const initial = startText(random);
    let text = initial;
    const changes: TextChange[] = [];
    for (let count = random.int(2, 6); count > 0; count--) {
      const change = clamp(randomEdit(random, text).change, text.length);
      changes.push(change);
      text = apply(text, change);
    }
    const document = new ImportDocument(initial, context);
    document.update(changes);
    assert.equal(document.text, text);
    assert.deepStrictEqual(snapshot(document), snapshot(new ImportDocument(text, context)), `seed ${seed}`);
  }
});
