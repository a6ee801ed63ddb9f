import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { WorkspaceKeysStatusParams } from '../../common/protocol';
import { TestLspClient } from '../support/lspClient';

/**
 * Global keys across the import files of a multi-root workspace, in the bundled server over
 * stdio: files that are not open are read from disk, an edit in one file re-publishes the
 * other, and renames, deletes and creations (file operations and the watcher) move, drop and
 * bring back a file's keys.
 */

const root = mkdtempSync(join(tmpdir(), 'labelbox-lsp-keys-'));
const CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};
const WATCH = { created: 1, changed: 2, deleted: 3 } as const;
const row = (n: number, key: string) => `  { "row_data": "https://example.com/${n}.jpg", "global_key": ${JSON.stringify(key)}, "media_type": "IMAGE" }`;
const FIRST = `[\n${row(1, 'plots/IMG_0001.jpg')},\n${row(2, 'plots/IMG_0002.jpg')}\n]\n`;
const SECOND = `[\n${row(3, 'PLOTS/img_0002.JPG')},\n${row(4, 'plots/IMG_0004.jpg')}\n]\n`;

const pathOf = (path: string) => join(root, path);
const uriOf = (path: string) => URI.file(pathOf(path)).toString();
function write(path: string, text: string): void {
  mkdirSync(dirname(pathOf(path)), { recursive: true });
  writeFileSync(pathOf(path), text);
}

let client: TestLspClient;
const second = uriOf('B/batch-002.labelbox.json');

before(async () => {
  write('A/batch-001.labelbox.json', FIRST);
  write('B/batch-002.labelbox.json', SECOND);
  write('A/node_modules/pkg/other.labelbox.json', FIRST);
  client = await TestLspClient.start({
    capabilities: CAPABILITIES,
    workspaceFolders: [
      { uri: uriOf('A'), name: 'A' },
      { uri: uriOf('B'), name: 'B' },
    ],
  });
});

after(async () => {
  await client?.stop();
  rmSync(root, { recursive: true, force: true });
});

const crossFile = (diagnostics: Diagnostic[] | undefined) =>
  (diagnostics ?? []).filter((d) => d.code === 'global-key-in-other-file' || d.code === 'global-key-already-imported');

/** Waits for the published problems of `uri` to satisfy `check`. */
function published(uri: string, check: (diagnostics: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  return client.waitFor(
    () => {
      const diagnostics = client.latestDiagnostics(uri);
      return diagnostics && check(diagnostics) ? diagnostics : undefined;
    },
    10_000,
    what,
  );
}

function lastKeysStatus(): WorkspaceKeysStatusParams | undefined {
  const statuses = client.notifications.filter((n) => n.method === 'labelboxImport/workspaceKeysStatus');
  return statuses.at(-1)?.params as WorkspaceKeysStatusParams | undefined;
}

function watched(changes: Array<{ path: string; type: number }>): void {
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(({ path, type }) => ({ uri: uriOf(path), type })) });
}

test('the server asks for file operations and watches the workspace; files that are not open are indexed (not under node_modules)', async () => {
  const operations = (client.capabilities.workspace as { fileOperations?: Record<string, unknown> } | undefined)?.fileOperations;
  assert.ok(operations?.didRename && operations.didDelete && operations.didCreate, JSON.stringify(client.capabilities.workspace));
  await client.waitFor(
    () => client.registrations.find((r) => JSON.stringify(r.registerOptions).includes('"**/*"')),
    10_000,
    'the watcher of the workspace files',
  );
  const status = await client.waitFor(() => (lastKeysStatus()?.state === 'ready' ? lastKeysStatus() : undefined), 10_000, 'the index to be ready');
  assert.deepEqual({ files: status.indexedFiles, total: status.totalFiles, keys: status.keys }, { files: 2, total: 2, keys: 3 });
});

test('an open file names the key an earlier file of the other folder uses (never opened), with a related place there, in another case', async () => {
  client.open(second, SECOND, 'labelbox-json');
  const [problem] = crossFile(await published(second, (d) => crossFile(d).length === 1, 'the cross-file warning'));
  assert.equal(problem.severity, 2);
  assert.equal(problem.range.start.line, 1);
  assert.match(
    String(problem.message),
    /already used as "plots\/IMG_0002\.jpg" \(global keys are compared without regard to case\) in A\/batch-001\.labelbox\.json \(row 2\), which comes before this file \(its workspace folder comes first\)/,
  );
  assert.deepEqual(problem.relatedInformation?.[0].location, {
    uri: uriOf('A/batch-001.labelbox.json'),
    range: { start: { line: 2, character: 59 }, end: { line: 2, character: 79 } },
  });
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: second },
    range: problem.range,
    context: { diagnostics: [problem], only: ['quickfix'] },
  });
  const fix = actions.find((action) => action.title === 'Make this global key unique');
  assert.equal(fix?.edit?.changes?.[second]?.[0].newText, '"PLOTS/img_0002.JPG-2"');
});

test('a file opened outside the workspace folders is checked alone', async () => {
  const outside = uriOf('outside.labelbox.json');
  write('outside.labelbox.json', FIRST);
  client.open(outside, FIRST, 'labelbox-json');
  const diagnostics = await client.diagnosticsFor(outside);
  assert.deepEqual(crossFile(diagnostics), []);
  assert.equal(crossFile(client.latestDiagnostics(second)).length, 1);
  client.close(outside);
});

test('an edit in the earlier file re-publishes the later one, with no edit to it', async () => {
  const first = uriOf('A/batch-001.labelbox.json');
  client.open(first, FIRST, 'labelbox-json');
  await client.diagnosticsFor(first);
  const line = FIRST.split('\n')[2];
  const at = line.indexOf('IMG_0002');
  client.change(first, [{ range: { start: { line: 2, character: at }, end: { line: 2, character: at + 8 } }, text: 'IMG_0099' }]);
  await published(second, (d) => crossFile(d).length === 0, 'the warning to go after the edit in the other file');
  client.change(first, [{ range: { start: { line: 2, character: at }, end: { line: 2, character: at + 8 } }, text: 'IMG_0002' }]);
  await published(second, (d) => crossFile(d).length === 1, 'the warning to come back');
  client.close(first);
});

test('a rename (file operation) moves the earlier file after the later one; the watcher brings it back; deleting its folder drops it; creating it again restores it', async () => {
  renameSync(pathOf('A/batch-001.labelbox.json'), pathOf('B/batch-003.labelbox.json'));
  void client.connection.sendNotification('workspace/didRenameFiles', {
    files: [{ oldUri: uriOf('A/batch-001.labelbox.json'), newUri: uriOf('B/batch-003.labelbox.json') }],
  });
  await published(second, (d) => crossFile(d).length === 0, 'the warning to go: batch-002 now comes first');

  // Moved back by another program: only the watcher tells.
  renameSync(pathOf('B/batch-003.labelbox.json'), pathOf('A/batch-001.labelbox.json'));
  watched([
    { path: 'B/batch-003.labelbox.json', type: WATCH.deleted },
    { path: 'A/batch-001.labelbox.json', type: WATCH.created },
  ]);
  await published(second, (d) => crossFile(d).length === 1, 'the warning to come back after the watcher events');

  // The watcher reports a deleted folder alone, not its files.
  rmSync(pathOf('A'), { recursive: true });
  watched([{ path: 'A', type: WATCH.deleted }]);
  await published(second, (d) => crossFile(d).length === 0, 'the warning to go with the deleted folder');

  write('A/batch-001.labelbox.json', FIRST);
  void client.connection.sendNotification('workspace/didCreateFiles', { files: [{ uri: uriOf('A') }] });
  await published(second, (d) => crossFile(d).length === 1, 'the warning to come back with the created folder');
});

test('a file marked as imported (labelboxImport.globalKeys.importedFiles) makes it an error', async () => {
  client.useSettings({ globalKeys: { importedFiles: ['batch-001.labelbox.json'] } });
  void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const [problem] = crossFile(await published(second, (d) => crossFile(d)[0]?.code === 'global-key-already-imported', 'the error'));
  assert.equal(problem.severity, 1);
  assert.match(String(problem.message), /which is marked as imported/);
  client.useSettings({ globalKeys: { acrossFiles: false } });
  void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await published(second, (d) => crossFile(d).length === 0, 'no cross-file problem with the setting off');
  await client.waitFor(() => (lastKeysStatus()?.state === 'off' ? true : undefined), 10_000, 'the status to say off');
});
