import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compareImportFiles,
  createValidationContext,
  extractFileKeys,
  fileKeysOfDocument,
  globalKeyOfRowValue,
  ImportDocument,
  LineIndex,
  WorkspaceKeyIndex,
  documentKeySource,
  type FileOrderKey,
} from '../../service';
import { quickFixEdits } from '../../service/features/quickFixes';
import { Random } from '../../bench/random';
import { expectNoProblem, expectProblem, expectProblemCount, marked, stripMarkers } from './helpers/markedDocument';
import { randomEdit, startText, apply, clamp } from './helpers/randomEdits';

const context = createValidationContext();
const order = (relativePath: string, folderIndex = 0, imported = false): FileOrderKey => ({ imported, folderIndex, relativePath });

function fileKeysOf(text: string) {
  const lines = new LineIndex(text);
  return fileKeysOfDocument(new ImportDocument(text, context), (offset) => lines.positionAt(offset));
}

const rows = (...keys: string[]) =>
  `[\n${keys.map((key) => `  { "row_data": "https://example.com/${keys.indexOf(key)}.jpg", "global_key": ${JSON.stringify(key)} }`).join(',\n')}\n]`;

test('files are ordered: imported first, then by workspace folder, then by path in UTF-16 code units', () => {
  const sorted = [
    order('b.json', 1),
    order('z.json', 0),
    order('batch-010.json'),
    order('batch-009.json'),
    order('B.json'),
    order('y.json', 2, true),
    order('/abs/x.json', Infinity),
  ].sort(compareImportFiles);
  assert.deepEqual(
    sorted.map((key) => key.relativePath),
    ['y.json', 'B.json', 'batch-009.json', 'batch-010.json', 'z.json', 'b.json', '/abs/x.json'],
  );
});

test('the index: the earliest file owns a key, compared without regard to case; removing the owner makes the next one owner', () => {
  const index = new WorkspaceKeyIndex();
  index.setFile(1, order('b.json'), fileKeysOf(rows('Shared', 'only-b')));
  index.setFile(2, order('a.json'), fileKeysOf(rows('shared')));
  index.setFile(3, order('c.json'), fileKeysOf(rows('SHARED', 'only-c')));
  assert.equal(index.ownerOf('shared'), 2);
  assert.deepEqual([...index.findingsOf(1)], ['shared']);
  assert.deepEqual([...index.findingsOf(2)], []);
  assert.deepEqual([...index.findingsOf(3)], ['shared']);
  assert.deepEqual(index.removeFile(2), new Set([1, 3]));
  assert.equal(index.ownerOf('shared'), 1);
  assert.deepEqual([...index.findingsOf(1)], []);
  // Marked as imported, c.json comes first.
  index.moveFile(3, order('c.json', 0, true));
  assert.equal(index.ownerOf('shared'), 3);
  assert.deepEqual([...index.findingsOf(1)], ['shared']);
  assert.equal(index.keyCount, 3);
});

test('a key another file uses first is a warning at the first row of the later file, naming the file and row, with a quick fix', () => {
  const index = new WorkspaceKeyIndex();
  index.setFile(1, order('batch-001.labelbox.json'), fileKeysOf(rows('first', 'a/b.jpg')));
  const later = stripMarkers(
    `[\n  { "row_data": "https://example.com/1.jpg", "global_key": ⟦"A/B.jpg"⟧ },\n  { "row_data": "https://example.com/2.jpg", "global_key": "a/b.JPG" }\n]`,
  );
  const laterDocument = new ImportDocument(later.text, context);
  const lines = new LineIndex(later.text);
  index.setFile(
    2,
    order('batch-002.labelbox.json'),
    documentKeySource(laterDocument, (offset) => lines.positionAt(offset)),
  );
  const names = (id: number) => ({ uri: `file:///w/batch-00${id}.labelbox.json`, label: `batch-00${id}.labelbox.json` });
  const doc = marked(later.text.replace('"A/B.jpg"', '⟦"A/B.jpg"⟧'), { crossFile: index.crossFileKeys(2, names) });
  const problem = expectProblem(doc, 'global-key-in-other-file', {
    range: 0,
    severity: 'warning',
    message:
      /already used as "a\/b\.jpg" \(global keys are compared without regard to case\) in batch-001\.labelbox\.json \(row 2\), which comes before this file \(by path\)/,
  });
  // Only the first row: the second already gets the in-file error.
  expectProblemCount(doc, 'global-key-in-other-file', 1);
  expectProblem(doc, 'duplicate-global-key', { severity: 'error' });
  assert.deepEqual(problem.relatedElsewhere, [
    {
      uri: 'file:///w/batch-001.labelbox.json',
      label: 'batch-001.labelbox.json',
      line: 2,
      character: rows('first', 'a/b.jpg').split('\n')[2].indexOf('"a/b.jpg"'),
      length: 9,
      message: 'Row 2 of batch-001.labelbox.json uses this global key first',
    },
  ]);
  assert.deepEqual(problem.fixes, [{ kind: 'uniqueGlobalKey', title: 'Make this global key unique' }]);
  // The fix picks a suffix no file uses: "a/b.jpg-2" is taken by a third file.
  index.setFile(3, order('batch-003.labelbox.json'), fileKeysOf(rows('a/b.jpg-2')));
  const edits = quickFixEdits(laterDocument, problem.offset, problem.length, problem.fixes![0], (key) => index.usedElsewhere(key, 2));
  assert.deepEqual(edits, [{ offset: problem.offset, length: problem.length, newText: '"A/B.jpg-3"' }]);
  // The earlier file reports nothing.
  const earlier = marked(rows('first', 'a/b.jpg'), { crossFile: index.crossFileKeys(1, names) });
  expectNoProblem(earlier, 'global-key-in-other-file');
  expectNoProblem(earlier, 'global-key-already-imported');
});

test('a key a file marked as imported uses is an error; rows inside one file keep the in-file rule', () => {
  const index = new WorkspaceKeyIndex();
  index.setFile(1, order('z-imported.json', 0, true), fileKeysOf(rows('k1')));
  const text = rows('k1', 'k2', 'k2');
  index.setFile(2, order('a.json'), fileKeysOf(text));
  const doc = marked(text, { crossFile: index.crossFileKeys(2, () => ({ uri: 'file:///w/z-imported.json', label: 'z-imported.json' })) });
  expectProblem(doc, 'global-key-already-imported', {
    severity: 'error',
    message: /which is marked as imported \(labelboxImport\.globalKeys\.importedFiles\)/,
  });
  expectNoProblem(doc, 'global-key-in-other-file');
  expectProblemCount(doc, 'duplicate-global-key', 2);
});

test('the quick fix keeps a global key within 200 characters', () => {
  const key = 'k'.repeat(200);
  const text = rows(key, key);
  const document = new ImportDocument(text, context);
  const offset = text.lastIndexOf(`"${key}"`);
  const [edit] = quickFixEdits(document, offset, key.length + 2, { kind: 'uniqueGlobalKey', title: '' });
  assert.equal(JSON.parse(edit.newText).length, 200);
  assert.ok((JSON.parse(edit.newText) as string).endsWith('-2'));
});

test('globalKeyOfRowValue decides as the row check does, on every real-world fixture', () => {
  const folder = join(import.meta.dirname, '../fixtures/real-world');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.json') && file !== 'expected.json')) {
    const text = readFileSync(join(folder, name), 'utf8');
    let values: unknown;
    try {
      values = JSON.parse(text);
    } catch {
      continue;
    }
    if (!Array.isArray(values)) continue;
    const document = new ImportDocument(text, context);
    assert.deepEqual(
      values.map((value) => globalKeyOfRowValue(value as never)),
      document.rows.map((entry) => entry.facts.globalKey?.value),
      name,
    );
  }
});

/** Cuts a text into random pieces, as a file read in chunks arrives. */
function randomPieces(random: Random, text: string): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length;) {
    const length = random.int(1, Math.max(1, Math.floor(text.length / 3)));
    pieces.push(text.slice(at, at + length));
    at += length;
  }
  return pieces;
}

test('extracting the keys of a text read in pieces gives the keys of its document (random files and edits, legacy rows, repeated keys, escapes)', async () => {
  for (let seed = 1; seed <= 150; seed++) {
    const random = new Random(seed);
    let text = startText(random);
    for (let step = random.int(0, 6); step > 0; step--) text = apply(text, clamp(randomEdit(random, text).change, text.length));
    if (random.chance(0.3)) text = text.replace('"global_key": "', '"global_key": "\\u0041\\"');
    if (random.chance(0.2)) text = text.replace('"global_key"', '"global_key": "dup", "global_key"');
    if (random.chance(0.2)) text = text.replace(/\n/g, random.pick(['\r\n', '\r']));
    const extracted = await extractFileKeys(randomPieces(random, text), context);
    assert.deepEqual(extracted.places(), fileKeysOf(text).places(), `seed ${seed}`);
    // Gathered in slices, with pauses between them, as the server does.
    const paused = await extractFileKeys(randomPieces(random, text), context, { pause: () => Promise.resolve() });
    assert.deepEqual(paused.places(), extracted.places(), `seed ${seed}, with pauses`);
  }
});

test("a document's changed keys: all of them at first, then what edits add and remove", () => {
  const row = (key: string) => `  {"row_data": "https://example.com/${key}.jpg", "global_key": "${key}"}`;
  const text = `[\n${[row('A-1'), row('b-2'), row('c-3')].join(',\n')}\n]`;
  const document = new ImportDocument(text, createValidationContext());
  assert.deepEqual([...document.globalKeys.takeChangedKeys()].sort(), ['a-1', 'b-2', 'c-3'], 'every key of a new document, in lower case');
  assert.deepEqual([...document.globalKeys.takeChangedKeys()], [], 'nothing since');
  const at = text.indexOf('b-2"');
  document.applyChange({ offset: at, removedLength: 3, text: 'B-9' });
  // Rows next to an edit are checked again, so their keys may be listed too (still in the file).
  const changed = document.globalKeys.takeChangedKeys();
  assert.ok(changed.has('b-2') && changed.has('b-9'), `the key that left and the one that came: ${[...changed].join(', ')}`);
  const fresh = new ImportDocument(text, createValidationContext());
  fresh.globalKeys.clearChangedKeys();
  assert.deepEqual([...fresh.globalKeys.takeChangedKeys()], [], 'cleared without listing');
});
