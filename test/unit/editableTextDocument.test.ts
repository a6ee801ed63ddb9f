import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { EditableTextDocument } from '../../server/lsp/editableTextDocument';
import { Random } from '../../bench/random';

/**
 * The server's text document must give the same positions as a fresh standard TextDocument
 * of the same text after any edits: line breaks \n, \r\n and a lone \r, edits that split or
 * join a \r\n, pastes of many lines, and several changes in one notification.
 */

const PIECES = ['\n', '\r\n', '\r', 'a', 'bc', '{ "k": 1 }', '\n\n', '\r\r\n', 'x\ny\rz\r\n', ''];

function randomText(random: Random, parts: number): string {
  let text = '';
  for (let i = 0; i < parts; i++) text += random.pick(PIECES);
  return text;
}

function expectSame(actual: EditableTextDocument, text: string, context: string): void {
  const expected = TextDocument.create('file:///x', 'json', 1, text);
  assert.equal(actual.getText(), text, context);
  assert.equal(actual.lineCount, expected.lineCount, `${context}: line count`);
  for (let offset = -1; offset <= text.length + 1; offset++) {
    assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset), `${context}: positionAt(${offset}) of ${JSON.stringify(text)}`);
  }
  for (let line = -1; line <= expected.lineCount; line++) {
    for (let character = -1; character < 8; character++) {
      const position = { line, character };
      assert.equal(actual.offsetAt(position), expected.offsetAt(position), `${context}: offsetAt(${line}:${character}) of ${JSON.stringify(text)}`);
    }
    assert.deepEqual(actual.getLineRange(line), expected.getLineRange(line), `${context}: getLineRange(${line})`);
    assert.equal(actual.getEOLCharacters(line), expected.getEOLCharacters(line), `${context}: getEOLCharacters(${line})`);
  }
}

test('positions after random edits equal those of a fresh TextDocument', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const random = new Random(seed);
    let text = randomText(random, random.int(0, 12));
    const document = new EditableTextDocument('file:///x', 'json', 1, text);
    // Positions are first needed at a random moment: before that, edits do not keep line starts.
    let asked = random.chance(0.5);
    if (asked) document.positionAt(0);
    for (let step = 0; step < 12; step++) {
      const changes: TextDocumentContentChangeEvent[] = [];
      const count = random.chance(0.2) ? random.int(2, 4) : 1;
      let expected = text;
      for (let index = 0; index < count; index++) {
        if (random.chance(0.03)) {
          const full = randomText(random, random.int(0, 8));
          changes.push({ text: full });
          expected = full;
          continue;
        }
        const current = TextDocument.create('file:///x', 'json', 1, expected);
        const a = random.int(0, expected.length);
        const b = Math.min(expected.length, a + (random.chance(0.5) ? 0 : random.int(0, 6)));
        const inserted = random.chance(0.3) ? '' : random.chance(0.1) ? randomText(random, 40) : randomText(random, random.int(1, 3));
        const range = random.chance(0.5)
          ? { start: current.positionAt(a), end: current.positionAt(b) }
          : { start: current.positionAt(b), end: current.positionAt(a) };
        changes.push({ range, text: inserted });
        expected = TextDocument.applyEdits(current, [{ range, newText: inserted }]);
      }
      const seen: string[] = [];
      document.update(changes, step + 2, (change, after, sliceBefore) => {
        seen.push(after);
        if (change) assert.equal(sliceBefore(0, change.offset).length, change.offset);
      });
      text = expected;
      assert.equal(seen.length, changes.length);
      if (random.chance(0.3)) document.settle();
      if (!asked && random.chance(0.3)) asked = true;
      if (asked) expectSame(document, text, `seed ${seed} step ${step}`);
      assert.equal(document.version, step + 2);
    }
    expectSame(document, text, `seed ${seed} at the end`);
  }
});

test('each change is reported in offsets of the text before it, with a reader of that text', () => {
  const document = new EditableTextDocument('file:///x', 'json', 1, 'abc\ndef\r\nghi');
  const reported: Array<{ offset: number; removedLength: number; text: string; before: string; after: string }> = [];
  document.update(
    [
      { range: { start: { line: 1, character: 1 }, end: { line: 2, character: 1 } }, text: 'X\nY' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '[' },
    ],
    2,
    (change, after, sliceBefore) => reported.push({ ...change!, before: sliceBefore(0, 20), after }),
  );
  assert.deepEqual(reported, [
    { offset: 5, removedLength: 5, text: 'X\nY', before: 'abc\ndef\r\nghi', after: 'abc\ndX\nYhi' },
    { offset: 0, removedLength: 0, text: '[', before: 'abc\ndX\nYhi', after: '[abc\ndX\nYhi' },
  ]);
  assert.deepEqual(document.positionAt(document.getText().length), { line: 2, character: 3 });
});

test('a document over a text in pieces (read from disk) gives the positions and offsets of a flat one', () => {
  const random = new Random(12);
  for (let round = 0; round < 150; round++) {
    let text = '';
    for (let index = random.int(0, 500); index > 0; index--) text += random.pick(['a', 'bc', '\n', '\n', '\r', '\r\n', ' ']);
    const pieces: string[] = [];
    for (let offset = 0; offset < text.length;) {
      const length = random.int(1, 40);
      pieces.push(text.slice(offset, offset + length));
      offset += length;
    }
    const flat = new EditableTextDocument('file:///a.json', 'json', 1, text);
    const inPieces = EditableTextDocument.fromPieces('file:///a.json', 'json', 1, pieces);
    for (let offset = -1; offset <= text.length + 1; offset++)
      assert.deepEqual(inPieces.positionAt(offset), flat.positionAt(offset), `offset ${offset} of ${JSON.stringify(text)}`);
    for (let line = -1; line <= flat.lineCount + 1; line++) {
      for (const character of [-1, 0, 1, 2, 5, 1000])
        assert.equal(inPieces.offsetAt({ line, character }), flat.offsetAt({ line, character }), `${line}:${character} of ${JSON.stringify(text)}`);
    }
  }
});
