import { collectDiagnostics, type ImportDocument, type TextChange } from '../../../service';
import { cleanRowText, generateImportFile } from '../../../bench/generateRows';
import { Random } from '../../../bench/random';

/**
 * Random texts and edits for property tests: realistic generated import files, and edits
 * that type, delete across rows, paste many rows, break the syntax with brackets, quotes and
 * commas, and repair it.
 */

/** Snippets typed or pasted over the text: structure, strings, values that are wrong. */
const SNIPPETS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  ' ',
  '\n',
  '},',
  '},{',
  '{}',
  '[]',
  '""',
  'x',
  '7',
  'null',
  'tru',
  '/* c */',
  '//',
  '"row_data": "s3://bucket/a.jpg"',
  '"global_key": "dup"',
  '"media_type": "IMAGE"',
  '"media_type": "image"',
  '"imageUrl": "https://x.org/a.jpg"',
  '{ "row_data": "https://x.org/a.jpg", "global_key": "DUP" },',
  '"metadata_fields": [{ "name": "split", "value": "train" }]',
  '"attachments": [{ "type": "TEXT", "value": "" }]',
];

export type Edit = { change: TextChange; via: 'update' | 'applyChange' | 'settle' };

export function apply(text: string, change: TextChange): string {
  return text.slice(0, change.offset) + change.text + text.slice(change.offset + change.removedLength);
}

/** A starting document: a realistic generated file, sometimes compact, sometimes with mistakes every few rows. */
export function startText(random: Random): string {
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

export function randomEdit(random: Random, text: string): Edit {
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

/** The moment signed URLs are judged at in snapshots: fixed, so that two snapshots never straddle an expiry. */
const SNAPSHOT_NOW = Date.parse('2026-12-05T12:00:00Z');

/** Everything a fresh parse determines, in plain data (facts located, so that positions compare). */
export function snapshot(document: ImportDocument) {
  return {
    diagnostics: collectDiagnostics(document, { maxProblems: 100_000, now: SNAPSHOT_NOW }),
    capped: collectDiagnostics(document, { maxProblems: 3, now: SNAPSHOT_NOW }),
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

export function clamp(change: TextChange, length: number): TextChange {
  const offset = Math.min(change.offset, length);
  return { offset, removedLength: Math.min(change.removedLength, length - offset), text: change.text };
}
