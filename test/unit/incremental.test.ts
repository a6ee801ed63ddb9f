import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics, createValidationContext, ImportDocument, type TextChange } from '../../service';

/**
 * ImportDocument.update re-parses only the rows an edit touches. Whatever the edit, the
 * result must be exactly what a fresh parse of the final text gives.
 */

const context = createValidationContext();

function row(i: number, extra = ''): string {
  return `  { "row_data": "https://media.example-lab.org/img/${i}.jpg", "global_key": "img/${i}", "media_type": "IMAGE"${extra} }`;
}

function file(count: number, make: (i: number) => string = (i) => row(i)): string {
  return `[\n${Array.from({ length: count }, (_, i) => make(i)).join(',\n')}\n]\n`;
}

/** A varied file: problems of many kinds, so that moved offsets and cross-row rules show. */
const VARIED = `[
${row(0)},
  { "row_data": "s3://lab-bucket/1.jpg", "global_key": "dup", "media_type": "IMAGE" },
  { "row_data": "https://media.example-lab.org/2.mp4", "global_key": "DUP", "media_type": "IMAGE", "attachments": [{ "type": "TEXT", "value": "note" }] },
  { "externalId": "legacy-3", "imageUrl": "http://media.example-lab.org/3.jpg" },
  { "row_data": { "tileLayerUrl": "https://tiles.example-lab.org/a/{z}/{y}/{x}.png" }, "global_key": "map", "media_type": "TMS_GEO", "global_key": "map2" },
${row(5, ', "metadata_fields": [{ "name": "tag", "value": 5 }, { "name": "tag", "value": "x" }]')}
]
`;

function applyText(text: string, change: TextChange): string {
  return text.slice(0, change.offset) + change.text + text.slice(change.offset + change.removedLength);
}

/** Applies the changes one update at a time and compares with a fresh document after each. */
function expectSameAsFresh(initial: string, updates: TextChange[][], label = ''): ImportDocument {
  const document = new ImportDocument(initial, context);
  let text = initial;
  updates.forEach((changes, step) => {
    document.update(changes);
    for (const change of changes) text = applyText(text, change);
    assert.equal(document.text, text, `${label} step ${step}: text`);
    const fresh = new ImportDocument(text, context);
    assert.deepEqual(
      collectDiagnostics(document),
      collectDiagnostics(fresh),
      `${label} step ${step}: diagnostics after ${JSON.stringify(changes).slice(0, 200)}`,
    );
    assert.equal(document.rows.length, fresh.rows.length, `${label} step ${step}: row count`);
    assert.deepEqual(
      document.rows.map((entry) => entry.start),
      fresh.rows.map((entry) => entry.start),
      `${label} step ${step}: row starts`,
    );
  });
  return document;
}

/** One change per keystroke, typing `typed` at `offset`. */
function typing(offset: number, typed: string): TextChange[][] {
  return [...typed].map((ch, i) => [{ offset: offset + i, removedLength: 0, text: ch }]);
}

test('typing inside a row, one keystroke at a time', () => {
  const at = VARIED.indexOf('"global_key": "dup"') + '"global_key": "'.length;
  expectSameAsFresh(VARIED, typing(at, '-renamed'), 'typing');
});

test('typing a new key into a row, through every invalid state on the way', () => {
  const at = VARIED.indexOf('"media_type": "IMAGE" },') + '"media_type": "IMAGE"'.length;
  expectSameAsFresh(VARIED, typing(at, ', "external_id": "e-1"'), 'new key');
});

test('backspacing a value away and typing a different one', () => {
  const start = VARIED.indexOf('s3://lab-bucket/1.jpg');
  const length = 's3://lab-bucket/1.jpg'.length;
  const deletes: TextChange[][] = Array.from({ length }, (_, i) => [{ offset: start + length - 1 - i, removedLength: 1, text: '' }]);
  expectSameAsFresh(VARIED, [...deletes, ...typing(start, 'https://media.example-lab.org/1.jpg')], 'backspace');
});

test('inserting, deleting and replacing whole rows', () => {
  const second = VARIED.indexOf('  { "row_data": "s3://');
  const inserted = `${row(42)},\n`;
  const insert: TextChange = { offset: second, removedLength: 0, text: inserted };
  const deleteIt: TextChange = { offset: second, removedLength: inserted.length, text: '' };
  const fourth = VARIED.indexOf('  { "externalId"');
  const lineEnd = VARIED.indexOf('\n', fourth) + 1;
  const deleteLegacy: TextChange = { offset: fourth, removedLength: lineEnd - fourth, text: '' };
  const replaceLegacy: TextChange = { offset: fourth, removedLength: 0, text: `${row(43, ', "global_key": "dup"')},\n` };
  expectSameAsFresh(VARIED, [[insert], [deleteIt], [deleteLegacy], [replaceLegacy]], 'rows');
});

test('pasting many rows at once, then undoing the paste', () => {
  const at = VARIED.indexOf('  { "row_data": "s3://');
  const pasted = Array.from({ length: 300 }, (_, i) => `${row(1000 + i, i % 7 === 0 ? ', "global_key": "dup"' : '')},\n`).join('');
  expectSameAsFresh(VARIED, [[{ offset: at, removedLength: 0, text: pasted }], [{ offset: at, removedLength: pasted.length, text: '' }]], 'paste');
});

test('breaking the JSON and repairing it', () => {
  const brace = VARIED.indexOf('"media_type": "IMAGE" },') + '"media_type": "IMAGE" '.length;
  const comma = VARIED.indexOf('},\n  { "externalId"') + 1;
  const quote = VARIED.indexOf('"https://media.example-lab.org/2.mp4"');
  expectSameAsFresh(
    VARIED,
    [
      [{ offset: brace, removedLength: 1, text: '' }], // remove a "}"
      [{ offset: brace, removedLength: 0, text: '}' }], // put it back
      [{ offset: comma, removedLength: 1, text: '' }], // remove a row separator
      [{ offset: comma, removedLength: 0, text: ',' }],
      [{ offset: quote, removedLength: 1, text: '' }], // open a string
      [{ offset: quote, removedLength: 0, text: '"' }],
      [{ offset: quote, removedLength: 0, text: '/* */' }], // a comment
      [{ offset: quote, removedLength: 5, text: '' }],
    ],
    'break and repair',
  );
});

test('a problem found at the closing bracket belongs to the last row and is not doubled by editing it', () => {
  // The last row is cut short: its parse reports "Expected a value" at the "]".
  const text = `[\n${row(0)},\n  { "row_data": \n]\n`;
  const at = text.lastIndexOf('{') + 1;
  const document = expectSameAsFresh(text, typing(at, ' "global_key": "k",'), 'at bracket');
  assert.equal(collectDiagnostics(document).filter((d) => d.message.startsWith('Expected a value before "]"')).length, 1);
});

test('edits at the very start and the very end of the file', () => {
  const end = VARIED.length;
  const close = VARIED.lastIndexOf(']');
  expectSameAsFresh(
    VARIED,
    [
      [{ offset: 0, removedLength: 0, text: '\n\n' }],
      [{ offset: 0, removedLength: 3, text: '' }], // removes the "[": no longer an array
      [{ offset: 0, removedLength: 0, text: '[' }],
      [{ offset: end - 1, removedLength: 0, text: '\n// trailing comment' }],
      [{ offset: end - 1, removedLength: '\n// trailing comment'.length, text: '' }],
      [{ offset: close, removedLength: 1, text: '' }], // removes the "]"
      [{ offset: close, removedLength: 0, text: ']' }],
      [{ offset: close, removedLength: 0, text: `,\n${row(77)}\n` }], // a row appended before "]"
      [{ offset: 1, removedLength: 0, text: `\n${row(78)},` }], // a row inserted right after "["
    ],
    'start and end',
  );
});

test('several changes in one update, each in the coordinates left by the previous one', () => {
  const a = VARIED.indexOf('"dup"') + 1;
  const b = VARIED.indexOf('"DUP"') + 1;
  expectSameAsFresh(
    VARIED,
    [
      [
        { offset: a, removedLength: 3, text: 'first' },
        { offset: b + 2, removedLength: 3, text: 'second' },
        { offset: 0, removedLength: 0, text: ' ' },
      ],
    ],
    'multi',
  );
});

test('an empty file becoming an import file, and back', () => {
  const text = file(3);
  expectSameAsFresh('', [[{ offset: 0, removedLength: 0, text }], [{ offset: 0, removedLength: text.length, text: '' }]], 'empty');
});

test('random edits give the same result as a fresh parse', () => {
  // A small deterministic generator, so that a failure can be replayed.
  let seed = 20240502;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const snippets = ['{', '}', '[', ']', ',', '"', ':', ' ', '\n', '"global_key": "dup"', `${row(9)},`, 'null', '"s3://x/y.jpg"', '', ''];
  let text = VARIED;
  const updates: TextChange[][] = [];
  for (let i = 0; i < 300; i++) {
    const offset = Math.floor(random() * (text.length + 1));
    const removedLength = Math.min(text.length - offset, Math.floor(random() * 4));
    const change = { offset, removedLength, text: snippets[Math.floor(random() * snippets.length)] };
    updates.push([change]);
    text = applyText(text, change);
  }
  expectSameAsFresh(VARIED, updates, 'random');
});

test('typing inside one row of a 1,000-row file re-parses only a few rows', () => {
  const text = file(1000);
  const document = new ImportDocument(text, context);
  const at = text.indexOf('"img/500"') + 5;
  document.update([{ offset: at, removedLength: 0, text: 'x' }]);
  assert.equal(document.lastUpdate.mode, 'incremental');
  assert.ok(document.lastUpdate.rowsParsed >= 1 && document.lastUpdate.rowsParsed <= 3, `rowsParsed = ${document.lastUpdate.rowsParsed}`);
  assert.equal(document.rows.length, 1000);
  assert.equal(document.rows[500].facts.globalKey?.value, 'img/x500');

  // A structural edit (the root bracket) falls back to a full parse.
  document.update([{ offset: 0, removedLength: 1, text: '' }]);
  assert.equal(document.lastUpdate.mode, 'full');
});

test('a duplicate global key appears and disappears as the other row is edited', () => {
  const text = file(50);
  const document = new ImportDocument(text, context);
  const at = text.indexOf('"img/40"') + 1;
  document.update([{ offset: at, removedLength: 6, text: 'img/10' }]);
  assert.equal(document.lastUpdate.mode, 'incremental');
  const duplicates = collectDiagnostics(document).filter((d) => d.code === 'duplicate-global-key');
  assert.equal(duplicates.length, 2);
  assert.match(duplicates[0].message, /is used again by row 41/);
  assert.match(duplicates[1].message, /row 11 already uses it/);
  document.update([{ offset: at, removedLength: 6, text: 'img/40' }]);
  assert.deepEqual(collectDiagnostics(document), []);
});
