import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER_PATH, TestLspClient } from '../support/lspClient';

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(() => client.stop());

const ROW = '[{ "row_data": "http://x.com/a.jpg", "media_type": "IMAGE" }]';

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

test('what the server does does not depend on the languageId the client sent', async () => {
  const results: string[][] = [];
  for (const languageId of ['json', 'jsonc', 'labelbox-json', 'plaintext']) {
    const uri = `file:///work/lang/${languageId}.labelbox.json`;
    client.open(uri, ROW, languageId);
    results.push(codes(await client.diagnosticsFor(uri)));
  }
  assert.ok(results[0].includes('insecure-url'));
  for (const result of results) assert.deepEqual(result, results[0]);
});

test('files under a labelbox/ folder are import files by name, whatever their content', async () => {
  const uri = 'file:///work/project/labelbox/batch-1.json';
  client.open(uri, '{ "not": "an array" }');
  assert.equal(codes(await client.diagnosticsFor(uri))[0], 'root-not-array');
});

test('"Check this file as an import file" forces a file that neither its name nor its content marks', async () => {
  const uri = 'file:///work/misc/data.json';
  client.open(uri, '[{ "imageUrl": 5 }]'.replace('imageUrl', 'image_url'));
  await client.request('labelboxImport/checkAsImportFile', { uri });
  const diagnostics = await client.diagnosticsFor(uri);
  assert.ok(codes(diagnostics).includes('unknown-property'), JSON.stringify(diagnostics));
});

test('an import file stays checked while its content briefly stops looking like one', async () => {
  const uri = 'file:///work/misc/sniffed.json';
  client.open(uri, ROW);
  assert.ok(codes(await client.diagnosticsFor(uri)).includes('insecure-url'));
  client.change(uri, [{ text: '' }]);
  assert.deepEqual(codes(await client.diagnosticsFor(uri)), ['root-not-array']);
});

test('bad input never crashes the server', async () => {
  const inputs = [
    '['.repeat(100_000),
    `[${'{"a":'.repeat(5000)}`,
    '\u0000\u0001\uffff\ud800 binary',
    '[{"row_data": "\\u12", "media_type": "IMAGE"}, {"row_data": 1e999}]',
    `[${'{"row_data": "https://x.com/a.jpg"},'.repeat(2000)}`,
  ];
  for (const [index, text] of inputs.entries()) {
    const uri = `file:///work/bad/${index}.labelbox.json`;
    client.open(uri, text);
    const diagnostics = await client.diagnosticsFor(uri);
    assert.ok(diagnostics.length > 0, `input ${index} should have problems`);
  }
  // Still answering.
  const uri = 'file:///work/bad/after.labelbox.json';
  client.open(uri, ROW);
  assert.ok(codes(await client.diagnosticsFor(uri)).includes('insecure-url'));
  assert.equal(client.exitCode, undefined);
});

test('labelboxImport.detectByContent false: only the globs decide', async () => {
  const other = await TestLspClient.start({ settings: { detectByContent: false } });
  try {
    const sniffable = 'file:///work/nodetect/rows.json';
    other.open(sniffable, ROW);
    const named = 'file:///work/nodetect/rows.labelbox.json';
    other.open(named, ROW);
    assert.ok(codes(await other.diagnosticsFor(named)).includes('insecure-url'));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(
      other.notifications.some(
        (n) =>
          n.method === 'labelboxImport/status' &&
          (n.params as { uri: string; isImportFile: boolean }).uri === sniffable &&
          (n.params as { isImportFile: boolean }).isImportFile,
      ),
      false,
    );
  } finally {
    await other.stop();
  }
});

test('settings change severities and turn rules off', async () => {
  const other = await TestLspClient.start({ settings: { severity: { 'insecure-url': 'error', 'missing-media-type': 'off' }, maxProblems: 1 } });
  try {
    const uri = 'file:///work/settings/rows.labelbox.json';
    other.open(uri, '[{ "row_data": "http://x.com/a.jpg" }, { "row_data": "http://x.com/b.jpg" }]');
    const diagnostics = await other.diagnosticsFor(uri);
    assert.deepEqual(codes(diagnostics), ['insecure-url', 'too-many-problems']);
    assert.equal(diagnostics[0].severity, 1);
  } finally {
    await other.stop();
  }
});

test('the server also runs over node IPC', async () => {
  const child = fork(SERVER_PATH, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
  connection.listen();
  try {
    const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as {
      capabilities: { textDocumentSync: { change: number } };
    };
    assert.equal(result.capabilities.textDocumentSync.change, 2, 'incremental sync');
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///ipc.labelbox.json', languageId: 'json', version: 1, text: ROW },
    });
    const diagnostics = await published;
    assert.ok(codes(diagnostics.diagnostics).includes('insecure-url'));
  } finally {
    connection.dispose();
    child.kill();
  }
});

test('a request cancelled while it waits is answered as cancelled', async () => {
  const uri = 'file:///work/cancel.labelbox.json';
  // Keep the server busy with a big file, so the request waits in its queue when cancelled.
  const rows = Array.from({ length: 20_000 }, (_, i) => `{"row_data": "https://x.com/${i}.jpg", "global_key": "k${i}", "media_type": "IMAGE"}`);
  client.open(uri, `[${rows.join(',\n')}]`);
  const { CancellationTokenSource } = await import('vscode-jsonrpc');
  const source = new CancellationTokenSource();
  const request = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, source.token);
  source.cancel();
  await assert.rejects(request, (error: { code?: number }) => error.code === -32800);
});
