import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DocumentSymbol, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { GalleryResult, StatusParams } from '../../common/protocol';
import { cleanRowText, generateImportFile, rowsWithInjectedProblems } from '../../bench/generateRows';
import { TestLspClient } from '../support/lspClient';

/**
 * A generated 5,000-row file through the real server: every wrong row reported, the status
 * telling how long each check took, edits (typing, pasting rows, breaking and repairing the
 * JSON) ending with the diagnostics a fresh open of the same text gets, and the outline and
 * the gallery answering on the big file.
 */

const ROWS = 5000;
const file = generateImportFile(ROWS, 7);
const values = JSON.parse(file.text) as Array<{ global_key: string }>;
/** Line of each row's opening brace. */
const starts = file.text.split('\n').flatMap((line, index) => (line === '  {' ? [index] : []));
let client: TestLspClient;

before(async () => {
  client = await TestLspClient.start();
});
after(() => client.stop());

function statuses(uri: string): StatusParams[] {
  return client.notifications
    .filter((n) => n.method === 'labelboxImport/status' && (n.params as StatusParams).uri === uri)
    .map((n) => n.params as StatusParams);
}

async function nextStatus(uri: string, after: number): Promise<StatusParams> {
  return client.waitFor(() => statuses(uri)[after], 30_000, `status ${after + 1} of ${uri}`);
}

function key(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${start.line}:${start.character}-${end.line}:${end.character} ${String(diagnostic.code)} ${diagnostic.message}`;
}

test('a 5,000-row file: every wrong row reported, then edits end as a fresh open of the same text', async () => {
  const uri = 'file:///work/large/rows.labelbox.json';
  client.open(uri, file.text);
  const opened = await client.diagnosticsFor(uri, 60_000);
  const openStatus = await nextStatus(uri, 0);
  assert.equal(openStatus.rows, ROWS);
  assert.ok(openStatus.checkMilliseconds > 0, 'the status says how long the check took');

  // Each wrong row has a problem, and no clean row has one.
  const rowOf = (line: number) => starts.filter((start) => start <= line).length - 1;
  const reported = new Set(opened.map((diagnostic) => rowOf(diagnostic.range.start.line)));
  assert.deepEqual(
    [...reported].sort((a, b) => a - b),
    [...rowsWithInjectedProblems(file)].sort((a, b) => a - b),
  );

  // Typing in one row is checked far faster than the whole file.
  let document = TextDocument.create(uri, 'json', 1, file.text);
  const edit = async (changes: TextDocumentContentChangeEvent[]): Promise<{ diagnostics: Diagnostic[]; status: StatusParams }> => {
    const seen = statuses(uri).length;
    const version = client.change(uri, changes);
    document = TextDocument.update(document, changes, version);
    return { diagnostics: await client.diagnosticsFor(uri, 60_000), status: await nextStatus(uri, seen) };
  };
  const keyAt = (row: number) => document.positionAt(document.getText().indexOf(JSON.stringify(values[row].global_key)) + 1);
  const typed = await edit([{ range: { start: keyAt(2500), end: keyAt(2500) }, text: 'q' }]);
  assert.ok(
    typed.status.checkMilliseconds < openStatus.checkMilliseconds,
    `an edit took ${typed.status.checkMilliseconds} ms, the open ${openStatus.checkMilliseconds} ms`,
  );

  // Paste 300 rows after row 1000, break the JSON with a quote in a row and repair it.
  const pasteLine = starts[1000];
  const block = Array.from({ length: 300 }, (_, index) => `  ${cleanRowText(100 + index, 800_000 + index)},\n`).join('');
  await edit([{ range: { start: { line: pasteLine, character: 0 }, end: { line: pasteLine, character: 0 } }, text: block }]);
  const quote = keyAt(4000);
  const broken = await edit([{ range: { start: quote, end: quote }, text: '"' }]);
  assert.ok(
    broken.diagnostics.some((diagnostic) => diagnostic.code === 'json-syntax'),
    'the stray quote is reported',
  );
  await edit([{ range: { start: quote, end: { line: quote.line, character: quote.character + 1 } }, text: '' }]);
  // Two changes in one notification, one of them removing the last row's closing brace.
  const end = document.positionAt(document.getText().lastIndexOf('}'));
  const final = await edit([
    { range: { start: { line: starts[10] + 1, character: 4 }, end: { line: starts[10] + 1, character: 4 } }, text: '"colour": "red",\n    ' },
    { range: { start: end, end: { line: end.line, character: end.character + 1 } }, text: '' },
  ]);

  const freshUri = 'file:///work/large/fresh.labelbox.json';
  client.open(freshUri, document.getText());
  const fresh = await client.diagnosticsFor(freshUri, 60_000);
  assert.ok(final.diagnostics.length > opened.length, 'the edits left new problems');
  assert.deepEqual(final.diagnostics.map(key).sort(), fresh.map(key).sort());
});

test('the outline and the gallery answer on a 5,000-row file', async () => {
  const uri = 'file:///work/large/outline.labelbox.json';
  client.open(uri, file.text);
  await client.diagnosticsFor(uri, 60_000);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols.length, ROWS);
  assert.equal(symbols[0].name, values[0].global_key);
  const page = await client.request<GalleryResult>('labelboxImport/gallery', { uri, from: 2000, count: 100 });
  assert.equal(page.rowCount, ROWS);
  assert.equal(page.tiles.length, 100);
  assert.equal(page.tiles[0].index, 2000);
  assert.equal(page.tiles[0].line, starts[2000]);
  const problems = await client.request<GalleryResult>('labelboxImport/gallery', { uri, from: 0, count: 1000, filter: { problemsOnly: true } });
  assert.equal(problems.total, rowsWithInjectedProblems(file).size);
});
