import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics, createValidationContext, ImportDocument, type TextChange } from '../../server/src/service';
import { cleanRowText, generateImportFile } from '../../bench/generateRows';
import { Random } from '../../bench/random';

/**
 * Random sequences of edits — typing, deleting across rows, pasting many rows, breaking the
 * syntax with brackets, quotes and commas and repairing it, edits at the very start and end —
 * applied incrementally to an ImportDocument must leave it exactly as a fresh parse of the
 * resulting text: the same diagnostics, the same rows and the same facts about each row.
 */

const SEQUENCES = Number(process.env.INCREMENTAL_SEQUENCES ?? 300);
const FIRST_SEED = Number(process.env.INCREMENTAL_SEED ?? 1);
const context = createValidationContext();

/** Snippets typed or pasted over the text: structure, strings, values that are wrong. */
const SNIPPETS = [
  '{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '},', '},{', '{}', '[]', '""', 'x', '7', 'null', 'tru', '/* c */', '//',
  '"row_data": "s3://bucket/a.jpg"', '"global_key": "dup"', '"media_type": "IMAGE"', '"media_type": "image"', '"imageUrl": "https://x.org/a.jpg"',
  '{ "row_data": "https://x.org/a.jpg", "global_key": "DUP" },', '"metadata_fields": [{ "name": "split", "value": "train" }]', '"attachments": [{ "type": "TEXT", "value": "" }]',
];

type Edit = { change: TextChange; via: 'update' | 'applyChange' | 'settle' };

function apply(text: string, change: TextChange): string {
  return text.slice(0, change.offset) + change.text + text.slice(change.offset + change.removedLength);
}

/** A starting document: a realistic generated file, sometimes compact, sometimes with mistakes every few rows. */
function startText(random: Random): string {
  const rows = random.chance(0.1) ? random.int(20, 40) : random.int(0, 12);
  const file = generateImportFile(rows, random.int(1, 1_000_000), random.pick([3, 5, 100]));
  if (random.chance(0.25)) return JSON.stringify(JSON.parse(file.text));
  if (random.chance(0.1)) return file.text.replace(/"row_data"/g, '"imageUrl"').replace(/"global_key"/g, '"globalKey"');
  return file.text;
}

/** Offsets where rows begin or end in pretty-printed and compact text, for pastes between rows. */
function rowBoundary(random: Random, text: string): number {
  const boundaries: number[] = [];
  const pattern = /\n {2}\{|\},\s*\{|\[\s*\{|\}\s*\]/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) boundaries.push(match.index + 1);
  return boundaries.length ? random.pick(boundaries) : random.int(0, text.length);
}

function randomEdit(random: Random, text: string): Edit {
  const via = random.chance(0.1) ? 'settle' : random.chance(0.5) ? 'update' : 'applyChange';
  const at = () => (random.chance(0.08) ? random.pick([0, text.length, Math.max(0, text.length - 1), 1]) : random.int(0, text.length));
  const kind = random.int(0, 9);
  let change: TextChange;
  switch (kind) {
    case 0:
    case 1: {
      // Typing one character or a short snippet.
      change = { offset: at(), removedLength: 0, text: random.pick(SNIPPETS) };
      break;
    }
    case 2: {
      // Deleting a few characters.
      const offset = at();
      change = { offset, removedLength: Math.min(text.length - offset, random.int(1, 6)), text: '' };
      break;
    }
    case 3: {
      // Deleting a range that may span rows.
      const offset = at();
      change = { offset, removedLength: Math.min(text.length - offset, random.int(1, 3000)), text: '' };
      break;
    }
    case 4: {
      // Pasting rows between rows (sometimes many).
      const count = random.chance(0.15) ? random.int(30, 120) : random.int(1, 5);
      const rows = Array.from({ length: count }, (_, index) => cleanRowText(random.int(1, 1_000_000), index)).join(',\n  ');
      change = { offset: rowBoundary(random, text), removedLength: 0, text: random.chance(0.7) ? `${rows},\n  ` : `,\n  ${rows}` };
      break;
    }
    case 5: {
      // Replacing a range with a snippet.
      const offset = at();
      change = { offset, removedLength: Math.min(text.length - offset, random.int(0, 40)), text: random.pick(SNIPPETS) };
      break;
    }
    case 6: {
      // Copying part of the text elsewhere (duplicates global keys, splits rows).
      const from = random.int(0, text.length);
      const piece = text.slice(from, from + random.int(1, 1500));
      change = { offset: at(), removedLength: 0, text: piece };
      break;
    }
    case 7: {
      // Quotes and brackets at row boundaries, where they change the most.
      change = { offset: rowBoundary(random, text), removedLength: random.int(0, 1), text: random.pick(['"', '{', '}', '[', ']', ',', '']) };
      break;
    }
    case 8: {
      // Rare: replace or clear the whole text.
      change = random.chance(0.5) ? { offset: 0, removedLength: text.length, text: '' } : { offset: 0, removedLength: text.length, text: startText(random) };
      if (random.chance(0.8)) change = { offset: at(), removedLength: 0, text: ' ' };
      break;
    }
    default: {
      // Changing one character inside a value or key.
      const offset = Math.max(0, at() - 1);
      change = { offset, removedLength: Math.min(1, text.length - offset), text: random.pick(['a', 'Z', '0', '-', '/', '.', ' ']) };
    }
  }
  return { change, via };
}

/** Everything a fresh parse determines, in plain data (facts located, so that positions compare). */
function snapshot(document: ImportDocument) {
  return {
    diagnostics: collectDiagnostics(document, { maxProblems: 100_000 }),
    capped: collectDiagnostics(document, { maxProblems: 3 }),
    layout: { ...document.layout },
    legacyRows: document.legacyRows,
    prefix: document.filePrefixProblems,
    suffix: document.fileSuffixProblems,
    globalKeys: document.globalKeys.size,
    problemRows: [...document.rowsWithProblems].map((entry) => entry.start).sort((a, b) => a - b),
    rows: document.rows.map((entry) => ({
      start: entry.start,
      valueLength: entry.valueLength,
      syntax: entry.syntax,
      checks: entry.checks,
      facts: { ...document.locate(entry) },
      links: document.links(entry),
    })),
  };
}

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

function clamp(change: TextChange, length: number): TextChange {
  const offset = Math.min(change.offset, length);
  return { offset, removedLength: Math.min(change.removedLength, length - offset), text: change.text };
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
