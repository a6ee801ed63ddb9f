import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestLspClient } from '../support/lspClient';

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(() => client.stop());

test('publishes diagnostics with source, code and a docs link for an import file', async () => {
  const uri = 'file:///work/data/rows.labelbox.json';
  client.open(uri, '[\n  { "rowData": "https://x.com/a.jpg" }\n]');
  const diagnostics = await client.diagnosticsFor(uri);
  const unknown = diagnostics.find((d) => d.code === 'unknown-property');
  assert.ok(unknown, JSON.stringify(diagnostics));
  assert.equal(unknown.source, 'labelbox-import');
  assert.deepEqual(unknown.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 13 } });
  assert.match(String(unknown.message), /Did you mean "row_data"/);
  assert.ok(unknown.codeDescription?.href.startsWith('https://docs.labelbox.com/'));
});

test('a JSON file that is not an import file gets no diagnostics', async () => {
  const uri = 'file:///work/package.json';
  client.open(uri, '{ "name": "x", "version": 1 ');
  // Open an import file after it and wait for that: the server handles messages in order.
  const probe = 'file:///work/probe.labelbox.json';
  client.open(probe, '[]');
  await client.diagnosticsFor(probe);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((client as unknown as { diagnostics: Map<string, unknown> }).diagnostics.has(uri), false);
});

test('content sniffing: a plain .json file whose first row has row_data is checked, and the client is told', async () => {
  const uri = 'file:///work/export/rows.json';
  client.open(uri, '[{ "row_data": "s3://bucket/a.jpg", "media_type": "IMAGE" }]');
  const diagnostics = await client.diagnosticsFor(uri);
  assert.ok(diagnostics.some((d) => d.code === 's3-url'));
  assert.ok(client.notifications.some((n) => n.method === 'labelboxImport/importFileDetected' && (n.params as { uri: string }).uri === uri));
});

test('incremental edits update the diagnostics of the edited row', async () => {
  const uri = 'file:///work/edit.labelbox.json';
  client.open(uri, '[\n  { "row_data": "https://x.com/a.jpg", "media_type": "IMAGE" },\n  { "row_data": "https://x.com/b.jpg", "media_type": "IMAGE" }\n]');
  assert.deepEqual(
    (await client.diagnosticsFor(uri)).filter((d) => d.severity === 1),
    [],
  );
  // Replace IMAGE in the second row with IMG.
  client.change(uri, [{ range: { start: { line: 2, character: 54 }, end: { line: 2, character: 59 } }, text: 'IMG' }]);
  const after = await client.diagnosticsFor(uri);
  const invalid = after.find((d) => d.code === 'invalid-value');
  assert.ok(invalid, JSON.stringify(after));
  assert.equal(invalid.range.start.line, 2);
  assert.match(String(invalid.message), /Unknown media type "IMG"\. Did you mean "IMAGE"\?/);
});
