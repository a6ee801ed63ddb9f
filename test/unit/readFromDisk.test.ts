import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkInPieces, createValidationContext, ImportDocument, LineIndex, lineStartsOf, lineStartsOfPieces, TextPieces } from '../../service';
import { SparseLineIndex } from '../../service/text/sparseLineIndex';
import { CheckWorkerPool } from '../../server/node/checkWorkerPool';
import { decodeByteChunks, FileTooLargeError, NotRegularFileError, readTextChunks, type InvalidUtf8, type ReadTextOptions } from '../../common/node/readCapped';
import { generateImportFile } from '../../bench/generateRows';
import { Random } from '../../bench/random';
import { snapshot } from './helpers/randomEdits';

/**
 * Reading big files from disk: in chunks with a byte cap that holds for devices, UTF-8 split
 * between chunks, the byte order mark VS Code drops; line starts of a text in pieces; and the
 * worker threads that check rows, which must give what checking here gives.
 */

const folder = mkdtempSync(join(tmpdir(), 'lb-read-'));
test.after(() => rmSync(folder, { recursive: true, force: true }));

async function readAll(path: string, options: ReadTextOptions & { maxBytes?: number } = {}): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of readTextChunks(path, options.maxBytes ?? 500 * 1024 * 1024, options)) chunks.push(chunk);
  return chunks;
}

test('a file is read in chunks that join into its text, characters split between chunks included', async () => {
  // Four-megabyte chunks: put a three-byte character across the first boundary.
  const text = `${'a'.repeat(4 * 1024 * 1024 - 1)}€${'é'.repeat(1000)}\n`;
  const path = join(folder, 'utf8.json');
  writeFileSync(path, text);
  const chunks = await readAll(path);
  assert.ok(chunks.length >= 2, 'more than one chunk');
  assert.equal(chunks.join(''), text);
});

test('the byte cap holds for files, and for devices that never end', async () => {
  const path = join(folder, 'big.json');
  writeFileSync(path, 'x'.repeat(5000));
  await assert.rejects(readAll(path, { maxBytes: 4000 }), FileTooLargeError);
  if (existsSync('/dev/zero')) {
    await assert.rejects(readAll('/dev/zero', { maxBytes: 9 * 1024 * 1024, allowSpecialFiles: true }), FileTooLargeError);
    await assert.rejects(readAll('/dev/zero'), NotRegularFileError);
  }
});

test('a pipe is refused without waiting for a writer, unless special files are allowed', async () => {
  const fifo = join(folder, 'pipe.json');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    return; // no mkfifo here
  }
  await assert.rejects(readAll(fifo), NotRegularFileError);
  // The writer may write and exit before the reader opens the pipe a second time: what it wrote
  // must still be read (process substitution, `<(command)`, is such a pipe).
  const writer = spawn('sh', ['-c', `printf '[1]' > "$0"`, fifo]);
  const exited = once(writer, 'exit');
  assert.deepEqual(await readAll(fifo, { allowSpecialFiles: true }), ['[1]']);
  await exited;
});

test('bytes that are not UTF-8 are decoded as U+FFFD and reported once, at their byte and their place in the text', async () => {
  const path = join(folder, 'latin1.json');
  // é in Latin-1 (0xE9) after a cut three-byte character at the first chunk boundary.
  const before = `${'a'.repeat(4 * 1024 * 1024 - 1)}€`;
  writeFileSync(path, Buffer.concat([Buffer.from(`\uFEFF${before}`), Buffer.from([0xe9, 0x41]), Buffer.from([0xff])]));
  let invalid: InvalidUtf8 | undefined;
  let calls = 0;
  const text = (await readAll(path, { stripByteOrderMark: true, onInvalidUtf8: (at) => ((invalid = at), calls++) })).join('');
  assert.equal(text, `${before}\uFFFDA\uFFFD`);
  assert.equal(calls, 1);
  assert.deepEqual(invalid, { byteOffset: 3 + Buffer.byteLength(before), textOffset: before.length, byte: 0xe9 });
});

test('a file no bigger than wholeUpToBytes comes as one text, decoded as the chunks are', async () => {
  const path = join(folder, 'whole.json');
  const before = `${'a'.repeat(4 * 1024 * 1024 - 1)}€`;
  writeFileSync(path, Buffer.concat([Buffer.from(`\uFEFF${before}`), Buffer.from([0xe9, 0x41]), Buffer.from([0xff]), Buffer.from('é\n')]));
  const seen: InvalidUtf8[] = [];
  const options = { stripByteOrderMark: true, onInvalidUtf8: (at: InvalidUtf8) => seen.push(at) };
  const chunked = await readAll(path, options);
  const whole = await readAll(path, { ...options, wholeUpToBytes: 8 * 1024 * 1024 });
  assert.ok(chunked.length >= 2);
  assert.equal(whole.length, 1, 'one text');
  assert.equal(whole[0], chunked.join(''));
  assert.deepEqual(seen[1], seen[0], 'the same first byte that is not UTF-8');
  // Bigger than the limit: chunks as before; and the cap still holds.
  assert.ok((await readAll(path, { wholeUpToBytes: 1024 })).length >= 2);
  await assert.rejects(readAll(path, { wholeUpToBytes: 8 * 1024 * 1024, maxBytes: 1024 }), FileTooLargeError);
});

test('byte chunks (standard input) decode as a file does, with the cap', async () => {
  const text = `[${'"é€😀", '.repeat(1000)}1]`;
  const bytes = Buffer.from(text);
  async function* cut(size: number) {
    for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
  }
  for (const size of [1, 3, 7, 4096]) {
    const chunks: string[] = [];
    for await (const chunk of decodeByteChunks(cut(size), bytes.length)) chunks.push(chunk);
    assert.equal(chunks.join(''), text);
  }
  await assert.rejects(async () => {
    for await (const chunk of decodeByteChunks(cut(100), bytes.length - 1)) assert.ok(chunk);
  }, FileTooLargeError);
});

test('a UTF-8 byte order mark is dropped when asked, as VS Code drops it', async () => {
  const path = join(folder, 'bom.json');
  writeFileSync(path, '\uFEFF[]');
  assert.equal((await readAll(path, { stripByteOrderMark: true })).join(''), '[]');
  assert.equal((await readAll(path)).join(''), '\uFEFF[]');
});

test('line starts of a text in pieces are those of the whole text, \\r\\n split between pieces included', () => {
  const random = new Random(3);
  for (let round = 0; round < 300; round++) {
    let text = '';
    for (let index = random.int(0, 60); index > 0; index--) text += random.pick(['a', 'bc', '\n', '\r', '\r\n', ' ']);
    const pieces: string[] = [];
    for (let offset = 0; offset < text.length;) {
      const length = random.int(1, 5);
      pieces.push(text.slice(offset, offset + length));
      offset += length;
    }
    assert.deepEqual(lineStartsOfPieces(pieces), lineStartsOf(text), JSON.stringify(pieces));
  }
});

test('rows checked on worker threads give what checking here gives; without the worker script, rows are checked here', async () => {
  const context = createValidationContext();
  const text = generateImportFile(1500, 4, 20).text.replace('"media_type": "IMAGE"', '"media_type": tru');
  const pieces = Array.from({ length: Math.ceil(text.length / 100_000) }, (_, index) => text.slice(index * 100_000, (index + 1) * 100_000));
  const expected = snapshot(new ImportDocument(text, context));
  // The TypeScript source, loaded by tsx's require hook (a worker does not take --import loaders here).
  const bootstrap = join(folder, 'checkWorker.cjs');
  writeFileSync(
    bootstrap,
    `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(resolve(__dirname, '../../server/node/checkWorker.ts'))});\n`,
  );
  const pool = new CheckWorkerPool(bootstrap, 2);
  const missing = new CheckWorkerPool(join(folder, 'no-such-worker.js'), 2);
  try {
    for (const checker of [pool, missing]) {
      const { checked } = await checkInPieces(pieces, context, { checker, batchLength: 20_000 });
      assert.deepStrictEqual(snapshot(new ImportDocument(text, context, undefined, checked)), expected);
    }
    assert.ok(pool.batchesOnWorkers > 0, 'the workers checked batches');
    assert.equal(missing.batchesOnWorkers, 0);
  } finally {
    pool.close();
    missing.close();
  }
});

test('the sparse line index of a text in pieces gives the positions of the full line index', () => {
  const random = new Random(8);
  for (let round = 0; round < 200; round++) {
    let text = '';
    // Every other text has no \r at all, as most files: line starts are then found without looking for one.
    const parts = round % 2 ? ['a', 'bc', '\n', '\n', '\r', '\r\n', ' '] : ['a', 'bc', '\n', '\n', ' '];
    for (let index = random.int(0, 400); index > 0; index--) text += random.pick(parts);
    const pieces = new TextPieces();
    for (let offset = 0; offset < text.length;) {
      const length = random.int(1, 30);
      pieces.add(text.slice(offset, offset + length));
      offset += length;
    }
    const sparse = new SparseLineIndex(pieces);
    const full = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++)
      assert.deepEqual(sparse.positionAt(offset), full.positionAt(offset), `offset ${offset} of ${JSON.stringify(text)}`);
  }
});
