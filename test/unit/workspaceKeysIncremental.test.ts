import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  collectDiagnostics,
  createValidationContext,
  documentKeySource,
  fileKeysOfDocument,
  ImportDocument,
  LineIndex,
  WorkspaceKeyIndex,
  type FileOrderKey,
} from '../../service';
import { Random } from '../../bench/random';
import { apply, clamp, randomEdit, startText } from './helpers/randomEdits';

/**
 * The workspace index, kept up to date step by step — edits in open files (random edits, and
 * keys changed to another file's key in another case), files opened and closed, renamed (also
 * to the other folder), deleted, created, marked as imported — must equal an index built from
 * scratch over the files' current texts: the same files per key, the same findings per file,
 * and the same problems in every open file.
 */

const SEEDS = Number(process.env.WORKSPACE_KEYS_SEEDS ?? 6);
const STEPS = Number(process.env.WORKSPACE_KEYS_STEPS ?? 120);
const context = createValidationContext();

interface SimFile {
  text: string;
  order: FileOrderKey;
  document?: ImportDocument;
}

const positionsOf = (text: () => string) => (offset: number) => new LineIndex(text()).positionAt(offset);

function closedKeys(text: string) {
  return fileKeysOfDocument(
    new ImportDocument(text, context),
    positionsOf(() => text),
  );
}

function sourceOf(file: SimFile) {
  const document = file.document;
  return document
    ? documentKeySource(
        document,
        positionsOf(() => document.text),
      )
    : closedKeys(file.text);
}

function freshIndex(files: ReadonlyMap<number, SimFile>): WorkspaceKeyIndex {
  const index = new WorkspaceKeyIndex();
  for (const [id, file] of files) index.setFile(id, file.order, closedKeys(file.text));
  return index;
}

const names = (id: number) => ({ uri: `file:///f${id}.json`, label: `f${id}.json` });

/** How many findings the steps met, so that the test is known to exercise keys shared across files. */
let findingsSeen = 0;

function compare(incremental: WorkspaceKeyIndex, files: ReadonlyMap<number, SimFile>, where: string): void {
  const fresh = freshIndex(files);
  assert.deepEqual(incremental.fileIds.sort(), fresh.fileIds.sort(), `${where}: files`);
  const keys = new Set<string>();
  for (const id of fresh.fileIds) for (const key of closedKeys(files.get(id)!.text).lowerKeys()) keys.add(key);
  assert.equal(incremental.keyCount, keys.size, `${where}: distinct keys`);
  for (const key of keys) assert.deepEqual(incremental.filesWithKey(key), fresh.filesWithKey(key), `${where}: files with ${key}`);
  for (const [id, file] of files) {
    assert.deepEqual([...incremental.findingsOf(id)].sort(), [...fresh.findingsOf(id)].sort(), `${where}: findings of ${id}`);
    findingsSeen += fresh.findingsOf(id).size;
    if (!file.document) continue;
    const options = { maxProblems: 100_000 };
    const mine = collectDiagnostics(file.document, { ...options, crossFile: incremental.crossFileKeys(id, names) });
    const theirs = collectDiagnostics(new ImportDocument(file.text, context), { ...options, crossFile: fresh.crossFileKeys(id, names) });
    assert.deepEqual(mine, theirs, `${where}: problems of open file ${id}`);
  }
}

/** Changes a global key of the file to one another file uses, in another case. */
function borrowKey(random: Random, file: SimFile, others: SimFile[]): { offset: number; removedLength: number; text: string } | undefined {
  const donor = others.length ? random.pick(others) : undefined;
  const donorKeys = donor ? [...donor.text.matchAll(/"global_?[kK]ey": ("[^"\\]+")/g)] : [];
  const mine = [...file.text.matchAll(/"global_?[kK]ey": ("[^"\\]*")/g)];
  if (!donorKeys.length || !mine.length) return undefined;
  const target = random.pick(mine);
  const value = JSON.parse(random.pick(donorKeys)[1]) as string;
  const spelled = random.chance(0.5) ? value.toUpperCase() : value;
  const offset = target.index + target[0].length - target[1].length;
  return { offset, removedLength: target[1].length, text: JSON.stringify(spelled) };
}

function step(random: Random, index: WorkspaceKeyIndex, files: Map<number, SimFile>, nextId: () => number): string {
  const ids = [...files.keys()];
  const id = random.pick(ids);
  const file = files.get(id)!;
  const kind = random.int(0, 9);
  if (kind <= 3 && file.document) {
    const others = ids.filter((other) => other !== id).map((other) => files.get(other)!);
    const change = (random.chance(0.4) ? borrowKey(random, file, others) : undefined) ?? clamp(randomEdit(random, file.text).change, file.text.length);
    file.text = apply(file.text, change);
    file.document.update([change]);
    index.keysChanged(id, file.document.globalKeys.takeChangedKeys());
    return `edit ${id}`;
  }
  if (kind === 4) {
    if (file.document) file.document = undefined;
    else {
      file.document = new ImportDocument(file.text, context);
      file.document.globalKeys.takeChangedKeys();
    }
    index.setFile(id, file.order, sourceOf(file));
    return `${file.document ? 'open' : 'close'} ${id}`;
  }
  if (kind === 5 || kind === 6) {
    file.order = { ...file.order, folderIndex: random.int(0, 1), relativePath: `p${random.int(0, 20)}.json` };
    index.moveFile(id, file.order);
    return `rename ${id}`;
  }
  if (kind === 7 && ids.length > 2) {
    files.delete(id);
    index.removeFile(id);
    return `delete ${id}`;
  }
  if (kind === 8 && ids.length < 7) {
    const created: SimFile = { text: startText(random), order: { imported: false, folderIndex: random.int(0, 1), relativePath: `n${random.int(0, 20)}.json` } };
    const newId = nextId();
    files.set(newId, created);
    index.setFile(newId, created.order, sourceOf(created));
    return `create ${newId}`;
  }
  file.order = { ...file.order, imported: !file.order.imported };
  index.moveFile(id, file.order);
  return `imported ${id}`;
}

test('the incremental workspace index equals one built from scratch after random steps across files', () => {
  for (let seed = 1; seed <= SEEDS; seed++) {
    const random = new Random(seed);
    const files = new Map<number, SimFile>();
    let lastId = 0;
    const index = new WorkspaceKeyIndex();
    for (let count = random.int(4, 6); count > 0; count--) {
      const file: SimFile = { text: startText(random), order: { imported: false, folderIndex: random.int(0, 1), relativePath: `f${count}.json` } };
      if (random.chance(0.5)) {
        file.document = new ImportDocument(file.text, context);
        file.document.globalKeys.takeChangedKeys();
      }
      files.set(++lastId, file);
      index.setFile(lastId, file.order, sourceOf(file));
    }
    for (let n = 1; n <= STEPS; n++) {
      const what = step(random, index, files, () => ++lastId);
      compare(index, files, `seed ${seed}, step ${n} (${what})`);
    }
  }
  assert.ok(findingsSeen > 100, `only ${findingsSeen} findings met`);
});
