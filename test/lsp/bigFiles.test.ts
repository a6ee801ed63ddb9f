import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { CheckFromDiskResult, GalleryResult, RowAtResult, StatusParams } from '../../common/protocol';
import { createValidationContext, collectDiagnostics, ImportDocument, LineIndex } from '../../service';
import { generateImportFile } from '../../bench/generateRows';
import { TestLspClient } from '../support/lspClient';

/**
 * Big files through the real server: a synced text over 4 MB is checked on worker threads
 * while the server goes on (edits that come meanwhile are applied after), and files VS Code
 * does not hand over are checked from disk on request, again when asked after a change,
 * and cleared when closed. Whatever the way, the problems are those of a fresh check.
 */

const file = generateImportFile(8000, 21);
/** Over CHECK_APART_FROM_LENGTH (16 million characters): checked apart from answering requests. */
const bigFile = generateImportFile(26_000, 22);
const folder = mkdtempSync(join(tmpdir(), 'lb-big-'));
let client: TestLspClient;

before(async () => {
  client = await TestLspClient.start();
});
after(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

function key(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${start.line}:${start.character}-${end.line}:${end.character} ${String(diagnostic.code)} ${diagnostic.message}`;
}

/** The diagnostics a fresh check of `text` gives, as the server would publish their ranges. */
function expected(text: string): string[] {
  const document = new ImportDocument(text, createValidationContext());
  const lines = new LineIndex(text);
  return collectDiagnostics(document).map((diagnostic) => {
    const start = lines.positionAt(diagnostic.offset);
    const end = lines.positionAt(diagnostic.offset + diagnostic.length);
    return `${start.line}:${start.character}-${end.line}:${end.character} ${diagnostic.code} ${diagnostic.message}`;
  });
}

function statuses(uri: string): StatusParams[] {
  return client.notifications
    .filter((n) => n.method === 'labelboxImport/status' && (n.params as StatusParams).uri === uri)
    .map((n) => n.params as StatusParams);
}

test('a synced file over 16 MB is checked apart, and edits that come during the check are applied after it', async () => {
  assert.ok(bigFile.text.length > 16 * 1024 * 1024, `the file has ${bigFile.text.length} characters`);
  const uri = 'file:///work/big/synced.labelbox.json';
  client.open(uri, bigFile.text);
  // Right away, while the first check runs: break a row's media type, and add a row's worth of text at the end of another.
  let document = TextDocument.create(uri, 'json', 1, bigFile.text);
  const target = bigFile.text.indexOf('"media_type": "IMAGE"', bigFile.text.length >> 1) + '"media_type": "IMA'.length;
  const changes = [{ range: { start: document.positionAt(target), end: document.positionAt(target) }, text: 'X' }];
  const version = client.change(uri, changes);
  document = TextDocument.update(document, changes, version);
  // A request during the check waits for it instead of answering nothing.
  const gallery = await client.request<GalleryResult | null>('labelboxImport/gallery', { uri, from: 0, count: 10 });
  assert.equal(gallery?.rowCount, 26_000);

  const diagnostics = await client.diagnosticsFor(uri, 120_000);
  assert.deepEqual(diagnostics.map(key).sort(), expected(document.getText()).sort());
  assert.ok(
    diagnostics.some((diagnostic) => diagnostic.range.start.line === document.positionAt(target).line && diagnostic.code === 'invalid-value'),
    'the edit made during the check is checked',
  );
  const seen = statuses(uri);
  assert.ok(
    seen.some((status) => status.checking !== undefined),
    'the status told that the file was being checked',
  );
  assert.equal(seen[seen.length - 1].rows, 26_000);
  assert.equal(seen[seen.length - 1].origin, 'editor');
});

test('a file checked from disk: problems of a fresh check, again after a change on disk, cleared when closed', async () => {
  const path = join(folder, 'unsynced.labelbox.json');
  writeFileSync(path, `\uFEFF${file.text}`);
  const uri = pathToFileURL(path).href;
  const result = await client.request<CheckFromDiskResult>('labelboxImport/checkFromDisk', { uri });
  assert.deepEqual(result, { isImportFile: true });
  // The problems come first, then the status that ends the check.
  const status = await client.waitFor(() => statuses(uri).find((next) => next.checking === undefined), 120_000, 'the status after the check from disk');
  assert.ok(statuses(uri)[0].checking !== undefined, 'the status told that the file was being checked');
  // VS Code drops the byte order mark from the editor's text; positions are counted without it.
  assert.deepEqual(client.latestDiagnostics(uri)!.map(key).sort(), expected(file.text).sort());
  assert.equal(status.origin, 'disk');
  assert.equal(status.rows, 8000);

  // The preview's requests are answered from the text read from disk.
  const row = await client.request<RowAtResult | null>('labelboxImport/rowAt', { uri, index: 1 });
  assert.equal((row?.value as { global_key: string }).global_key, (JSON.parse(file.text) as Array<{ global_key: string }>)[1].global_key);

  // Changed on disk (a save), checked again when asked.
  const changed = file.text.replace('"media_type": "IMAGE"', '"media_type": "image"');
  writeFileSync(path, changed);
  const before = statuses(uri).length;
  await client.request<CheckFromDiskResult>('labelboxImport/checkFromDisk', { uri });
  await client.waitFor(
    () =>
      statuses(uri)
        .slice(before)
        .find((next) => next.checking === undefined),
    120_000,
    'the status after the second check',
  );
  assert.deepEqual(client.latestDiagnostics(uri)!.map(key).sort(), expected(changed).sort());

  client.connection.sendNotification('labelboxImport/closeFromDisk', { uri });
  await client.waitFor(() => (client.latestDiagnostics(uri)!.length === 0 ? true : undefined), 10_000, 'the problems to be cleared');
});

test('a file that cannot be read from disk is reported as not checked, never as clean', async () => {
  const uri = pathToFileURL(join(folder, 'missing.labelbox.json')).href;
  const result = await client.request<CheckFromDiskResult>('labelboxImport/checkFromDisk', { uri });
  assert.equal(result.isImportFile, true);
  const status = await client.waitFor(() => statuses(uri).find((next) => next.notChecked), 10_000, 'a status saying the file was not checked');
  assert.match(status.notChecked!, /does not exist/);

  const notImport = pathToFileURL(join(folder, 'notes.json')).href;
  writeFileSync(join(folder, 'notes.json'), '{ "title": "not an import file" }');
  assert.deepEqual(await client.request<CheckFromDiskResult>('labelboxImport/checkFromDisk', { uri: notImport }), { isImportFile: false });
});

test('a text of more elements than are checked is reported as not checked, synced and from disk; removing some checks it', async () => {
  const over = `[${'1,'.repeat(1_000_000)}1]`;
  const reason = /more than 1,000,000 elements, which is more than this tool checks/;
  const uri = 'file:///work/big/tiny-elements.labelbox.json';
  client.open(uri, over);
  const status = await client.waitFor(() => statuses(uri).find((next) => next.notChecked), 60_000, 'a status saying the synced file was not checked');
  assert.match(status.notChecked!, reason);
  assert.equal(status.rows, 0);
  assert.deepEqual(client.latestDiagnostics(uri), []);
  // The output channel says it too (a synced file checked at once, not apart: no "check ended" to log it).
  const logged = client.notifications.filter(
    (n) =>
      n.method === 'window/logMessage' &&
      /tiny-elements\.labelbox\.json was not checked: its array has more than 1,000,000 elements/.test((n.params as { message: string }).message),
  );
  assert.equal(logged.length, 1);

  // One element fewer: exactly as many as are checked.
  const before = statuses(uri).length;
  client.change(uri, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } }, text: '' }]);
  const checked = await client.waitFor(
    () =>
      statuses(uri)
        .slice(before)
        .find((next) => next.rows === 1_000_000),
    60_000,
    'the status of the checked file',
  );
  assert.equal(checked.notChecked, undefined);
  assert.ok(checked.errors > 0);

  const path = join(folder, 'tiny-elements.labelbox.json');
  writeFileSync(path, over);
  const diskUri = pathToFileURL(path).href;
  await client.request<CheckFromDiskResult>('labelboxImport/checkFromDisk', { uri: diskUri });
  const fromDisk = await client.waitFor(() => statuses(diskUri).find((next) => next.checking === undefined), 60_000, 'the status after the check from disk');
  assert.match(fromDisk.notChecked ?? '', reason);
  assert.equal(fromDisk.origin, 'disk');
});
