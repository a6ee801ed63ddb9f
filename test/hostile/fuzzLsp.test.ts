import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import { Random } from '../../bench/random';
import { TestLspClient } from '../support/lspClient';
import { applyEdit, hostileDocument, hostileEdits, unreadable } from './hostileDocuments';
import { peakMemoryMegabytes } from './memory';

/**
 * The bundled server over stdio LSP with hostile documents and edits, as an editor sends them:
 * every request is answered within a bound, every published problem reads, the server's
 * memory stays bounded, and a document edited change by change ends with the problems a fresh
 * open of its final text gets.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_917) + 3;
const DOCUMENTS = Number(process.env.FUZZ_LSP_DOCUMENTS ?? 300);
const EDITED = Math.round(DOCUMENTS / 4);
/** A generous guard per answer (they take milliseconds), not a measure. */
const BOUND_MS = 15_000;
const MAX_MEMORY_MB = 1536;

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(() => client.stop());

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer to ${what} within ${BOUND_MS} ms. Server stderr: ${client.stderr.slice(-2000)}`)), BOUND_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function checkDiagnostics(diagnostics: readonly Diagnostic[], document: TextDocument, where: string): void {
  const lines = document.lineCount;
  for (const diagnostic of diagnostics) {
    assert.equal(
      unreadable(diagnostic.message, document.getText()),
      undefined,
      `${where}: ${String(diagnostic.code)}: ${unreadable(diagnostic.message, document.getText())}`,
    );
    assert.equal(typeof diagnostic.code, 'string', where);
    assert.ok(
      diagnostic.range.start.line < lines + 1 && diagnostic.range.end.line < lines + 1,
      `${where}: range ${JSON.stringify(diagnostic.range)} in ${lines} lines`,
    );
  }
}

function randomPosition(random: Random, document: TextDocument): Position {
  return document.positionAt(random.int(0, document.getText().length));
}

/** Every request an editor makes about an open document, at random places; all must answer. */
async function exercise(uri: string, document: TextDocument, diagnostics: Diagnostic[], random: Random, where: string): Promise<void> {
  const at = () => randomPosition(random, document);
  const range = (): Range => {
    const [a, b] = [random.int(0, document.getText().length), random.int(0, document.getText().length)].sort((x, y) => x - y);
    return { start: document.positionAt(a), end: document.positionAt(b) };
  };
  const textDocument = { uri };
  const requests: Array<[string, unknown]> = [
    ['textDocument/hover', { textDocument, position: at() }],
    ['textDocument/hover', { textDocument, position: at() }],
    ['textDocument/completion', { textDocument, position: at() }],
    ['textDocument/completion', { textDocument, position: at() }],
    ['textDocument/codeAction', { textDocument, range: range(), context: { diagnostics: diagnostics.slice(0, 20) } }],
    ['textDocument/codeAction', { textDocument, range: range(), context: { diagnostics: [], only: ['source.convertToCurrentFormat'] } }],
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/documentLink', { textDocument }],
    ['textDocument/foldingRange', { textDocument }],
    ['textDocument/formatting', { textDocument, options: { tabSize: random.pick([2, 4, 1e9]), insertSpaces: random.chance(0.7) } }],
    ['textDocument/rangeFormatting', { textDocument, range: range(), options: { tabSize: 2, insertSpaces: true } }],
    ['labelboxImport/rowAt', { uri, position: at() }],
    ['labelboxImport/rowAt', { uri, index: random.int(0, 5) }],
    [
      'labelboxImport/gallery',
      { uri, from: 0, count: 100, filter: { text: random.pick(['constructor', '__proto__', '', 'k']), problemsOnly: random.chance(0.5) } },
    ],
  ];
  await Promise.all(requests.map(([method, params]) => within(client.request(method, params), `${method} on ${where}`)));
}

test(`${DOCUMENTS} hostile documents over LSP: every request answered, every problem readable (seed ${SEED})`, async () => {
  const random = new Random(SEED);
  for (let n = 0; n < DOCUMENTS; n++) {
    const text = hostileDocument(random);
    const uri = `file:///hostile/lsp-${n}.labelbox.json`;
    const where = `document ${n} of seed ${SEED}`;
    const document = TextDocument.create(uri, 'json', 1, text);
    client.open(uri, text);
    const diagnostics = await within(client.diagnosticsFor(uri, BOUND_MS), `the diagnostics of ${where}`);
    checkDiagnostics(diagnostics, document, where);
    await exercise(uri, document, diagnostics, random, where);
    client.close(uri);
  }
  assert.equal(client.exitCode, undefined, client.stderr);
  assert.ok(peakMemoryMegabytes(client.pid) < MAX_MEMORY_MB, `the server used ${peakMemoryMegabytes(client.pid)} MB`);
});

test(`${EDITED} hostile edit sequences over LSP end as a fresh open of their text (seed ${SEED + 1})`, async () => {
  const random = new Random(SEED + 1);
  for (let n = 0; n < EDITED; n++) {
    const where = `edited document ${n} of seed ${SEED + 1}`;
    const uri = `file:///hostile/edited-${n}.labelbox.json`;
    let document = TextDocument.create(uri, 'json', 1, hostileDocument(random));
    client.open(uri, document.getText());
    await within(client.diagnosticsFor(uri, BOUND_MS), `the first diagnostics of ${where}`);
    let text = document.getText();
    for (const edit of hostileEdits(random, text, random.int(3, 12))) {
      // Sent as the editor would, in positions; the model applies it the way the server must.
      const change = { range: { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.removedLength) }, text: edit.text };
      const version = client.change(uri, [change]);
      document = TextDocument.update(document, [change], version);
      text = applyEdit(text, edit);
      if (random.chance(0.3)) await within(client.completion(uri, randomPosition(random, document)), `completion while editing ${where}`);
    }
    const edited = await within(client.diagnosticsFor(uri, BOUND_MS), `the diagnostics after editing ${where}`);
    checkDiagnostics(edited, document, where);
    const freshUri = `file:///hostile/fresh-${n}.labelbox.json`;
    client.open(freshUri, document.getText());
    const fresh = await within(client.diagnosticsFor(freshUri, BOUND_MS), `the diagnostics of a fresh open of ${where}`);
    const comparable = (list: Diagnostic[]) => list.map(({ range, severity, code, message }) => ({ range, severity, code, message: String(message) }));
    assert.deepEqual(comparable(edited), comparable(fresh), `${where}: edited and fresh differ`);
    client.close(uri);
    client.close(freshUri);
  }
  assert.equal(client.exitCode, undefined, client.stderr);
  assert.ok(peakMemoryMegabytes(client.pid) < MAX_MEMORY_MB, `the server used ${peakMemoryMegabytes(client.pid)} MB`);
});
