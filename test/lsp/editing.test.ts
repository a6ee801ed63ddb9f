import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, TextEdit } from 'vscode-languageserver-protocol';
import { TestLspClient } from '../support/lspClient';

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(() => client.stop());

let counter = 0;
async function openImportFile(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///work/editing-${++counter}.labelbox.json`;
  client.open(uri, text);
  return { uri, diagnostics: await client.diagnosticsFor(uri) };
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 1, text), edits);
}

async function codeActions(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only },
  });
}

/** The text after the quick fix `title` of the first `code` diagnostic (of `severity`, when given: 1 error … 4 hint). */
async function fixText(text: string, code: string, title: string | RegExp, severity?: number): Promise<string> {
  const { uri, diagnostics } = await openImportFile(text);
  const diagnostic = diagnostics.find((d) => d.code === code && (severity === undefined || d.severity === severity));
  assert.ok(diagnostic, `no ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  const actions = await codeActions(uri, diagnostic, ['quickfix']);
  const action = actions.find((candidate) => (typeof title === 'string' ? candidate.title === title : title.test(candidate.title)));
  assert.ok(action, `no action ${title} in ${JSON.stringify(actions.map((a) => a.title))}`);
  return apply(text, action.edit!.changes![uri]);
}

test('quick fix: take the suggested property name', async () => {
  const text = '[\n  { "rowData": "https://x.com/a.jpg", "media_type": "IMAGE" }\n]';
  assert.equal(await fixText(text, 'unknown-property', 'Rename to "row_data"'), text.replace('"rowData"', '"row_data"'));
});

test('quick fix: take the suggested enum value', async () => {
  const text = '[{ "row_data": "https://x.com/a.jpg", "media_type": "IMAGE", "attachments": [{ "type": "image", "value": "https://x.com/b.png" }] }]';
  assert.equal(await fixText(text, 'invalid-value', 'Change to "IMAGE"'), text.replace('"image"', '"IMAGE"'));
});

test('quick fix: remove an unknown property with its comma, keeping the lines around it', async () => {
  const text = '[\n  {\n    "row_data": "https://x.com/a.jpg",\n    "colour": "red",\n    "media_type": "IMAGE"\n  }\n]';
  const fixed = await fixText(text, 'unknown-property', 'Remove "colour"');
  assert.equal(fixed, '[\n  {\n    "row_data": "https://x.com/a.jpg",\n    "media_type": "IMAGE"\n  }\n]');
});

test('quick fix: remove a repeated property', async () => {
  const text = '[{ "row_data": "https://x.com/a.jpg", "media_type": "IMAGE", "media_type": "IMAGE" }]';
  const fixed = await fixText(text, 'duplicate-key', 'Remove this property');
  assert.equal(fixed, '[{ "row_data": "https://x.com/a.jpg", "media_type": "IMAGE" }]');
});

test('quick fix: set media_type from the URL extension, on its own line like row_data', async () => {
  const text = '[\n  {\n    "row_data": "https://x.com/clip.mp4",\n    "global_key": "clip"\n  }\n]';
  const fixed = await fixText(text, 'missing-media-type', 'Set media_type to "VIDEO"');
  assert.equal(fixed, '[\n  {\n    "row_data": "https://x.com/clip.mp4",\n    "media_type": "VIDEO",\n    "global_key": "clip"\n  }\n]');
});

test('quick fix: change a media_type that does not fit the URL extension', async () => {
  const text = '[{ "row_data": "https://x.com/clip.mp4", "media_type": "IMAGE" }]';
  assert.equal(await fixText(text, 'media-type-extension', 'Set media_type to "VIDEO"'), text.replace('"IMAGE"', '"VIDEO"'));
});

test('quick fix: make a duplicate global key unique, on the later row (the one Labelbox fails)', async () => {
  const text =
    '[\n{ "row_data": "https://x.com/a.jpg", "global_key": "a", "media_type": "IMAGE" },\n{ "row_data": "https://x.com/b.jpg", "global_key": "A", "media_type": "IMAGE" }\n]';
  const fixed = await fixText(text, 'duplicate-global-key', 'Make this global key unique', 1);
  assert.equal(fixed, text.replace('"global_key": "A"', '"global_key": "A-2"'));
});

test('refactor: convert one legacy row, keeping its key order, its indentation and its one-line objects', async () => {
  const text =
    '[\n    {\n        "externalId": "a.jpg",\n        "imageUrl": "https://x.com/a.jpg",\n        "globalKey": "gk-a",\n        "metadataFields": [{ "schemaId": "cko8s9r5v0001h2dk9elqdidh", "value": "pilot" }]\n    }\n]';
  const { uri } = await openImportFile(text);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 3, character: 10 }, end: { line: 3, character: 10 } },
    context: { diagnostics: [] },
  });
  const convert = actions.find((action) => action.title === 'Convert this row to the current import format');
  assert.ok(convert, JSON.stringify(actions.map((a) => a.title)));
  const converted = apply(text, convert.edit!.changes![uri]);
  assert.equal(
    converted,
    '[\n    {\n        "external_id": "a.jpg",\n        "row_data": "https://x.com/a.jpg",\n        "media_type": "IMAGE",\n        "global_key": "gk-a",\n        "metadata_fields": [{ "schema_id": "cko8s9r5v0001h2dk9elqdidh", "value": "pilot" }]\n    }\n]',
  );
});

test('source action: convert the whole file to the current format', async () => {
  const text = [
    '[',
    '  { "externalId": "n1", "data": "Leaves show spots.", "attachments": [{ "type": "TEXT", "value": "note" }] },',
    '  { "externalId": "v1", "videoUrl": "https://x.com/v.mp4", "info": { "type": "TEXT", "value": "https://x.com/t.txt" } },',
    '  { "row_data": "https://x.com/a.jpg", "media_type": "IMAGE" },',
    '  { "externalId": "m1", "tileLayerUrl": "https://t.x.com/{z}/{x}/{y}.png", "bounds": [[37.87, -122.31], [37.88, -122.30]], "minZoom": 15, "maxZoom": 21, "epsg": "EPSG4326" }',
    ']',
  ].join('\n');
  const { uri } = await openImportFile(text);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.convertToCurrentFormat'] },
  });
  const convert = actions.find((action) => action.kind === 'source.convertToCurrentFormat');
  assert.ok(convert, JSON.stringify(actions));
  const converted = apply(text, convert.edit!.changes![uri]);
  // Keys stay in the user's order, and values keep their own text (-122.30 is not rewritten as -122.3).
  assert.deepEqual(converted.split('\n'), [
    '[',
    '  { "external_id": "n1", "row_data": "Leaves show spots.", "media_type": "TEXT", "attachments": [{ "type": "RAW_TEXT", "value": "note" }] },',
    '  { "external_id": "v1", "row_data": "https://x.com/v.mp4", "media_type": "VIDEO", "attachments": [{ "type": "TEXT_URL", "value": "https://x.com/t.txt" }] },',
    '  { "row_data": "https://x.com/a.jpg", "media_type": "IMAGE" },',
    '  { "external_id": "m1", "row_data": { "tileLayerUrl": "https://t.x.com/{z}/{x}/{y}.png", "bounds": [[37.87, -122.31], [37.88, -122.30]], "minZoom": 15, "maxZoom": 21, "epsg": "EPSG4326" }, "media_type": "TMS_GEO" }',
    ']',
  ]);
  // The client is told what the conversion adds: the three rows have an external_id but no global_key.
  assert.equal(convert.command?.command, 'labelboxImport.reportConversion');
  const [message, level] = convert.command?.arguments ?? [];
  assert.equal(level, 'information');
  assert.match(
    String(message),
    /^Converted 3 rows to the current import format\. The current format reports what the legacy one did not: missing-global-key \(information\) in 3 rows: This row has an external_id but no global_key\./,
  );
  // The converted file is clean in the current format.
  const check = await openImportFile(converted);
  assert.deepEqual(
    check.diagnostics.filter((d) => d.severity! <= 2).map((d) => d.code),
    [],
  );
});

test('outline: one symbol per row named by global key, else external id, else index', async () => {
  const text =
    '[\n{ "row_data": "https://x.com/a.jpg", "global_key": "gk-a", "media_type": "IMAGE" },\n{ "row_data": "hello", "external_id": "ext-b" },\n{ "row_data": "https://x.com/c.mp4" }\n]';
  const { uri } = await openImportFile(text);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    symbols.map((s) => [s.name, s.detail, s.range.start.line]),
    [
      ['gk-a', 'IMAGE', 1],
      ['ext-b', 'no media_type', 2],
      ['Row 3', 'no media_type', 3],
    ],
  );
});

test('outline is capped at 5,000 rows and the status says so', async () => {
  const rows = Array.from({ length: 5001 }, (_, i) => `{ "row_data": "https://x.com/${i}.jpg", "global_key": "k${i}", "media_type": "IMAGE" }`);
  const { uri } = await openImportFile(`[\n${rows.join(',\n')}\n]`);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols.length, 5000);
  await client.waitFor(
    () =>
      client.notifications.find(
        (n) =>
          n.method === 'labelboxImport/status' &&
          (n.params as { uri: string; outlineCapped: boolean }).uri === uri &&
          (n.params as { outlineCapped: boolean }).outlineCapped,
      ),
    5000,
    'a status with outlineCapped',
  );
});

test('document links on row_data, attachment values and tile layer URLs', async () => {
  const text =
    '[{ "row_data": { "tileLayerUrl": "https://t.x.com/{z}/{x}/{y}.png" }, "media_type": "TMS_GEO", "attachments": [{ "type": "IMAGE", "value": "https://x.com/b.png" }, { "type": "RAW_TEXT", "value": "See https://x.com/notes for more" }] },\n { "row_data": "https://x.com/a.jpg", "media_type": "IMAGE" }]';
  const { uri } = await openImportFile(text);
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.deepEqual(links.map((l) => l.target).sort(), ['https://t.x.com/{z}/{x}/{y}.png', 'https://x.com/a.jpg', 'https://x.com/b.png']);
  const rowData = links.find((l) => l.target === 'https://x.com/a.jpg')!;
  assert.deepEqual(rowData.range, { start: { line: 1, character: 16 }, end: { line: 1, character: 35 } });
});

test('folding ranges for the array, rows and nested objects; formatting like JSON', async () => {
  const text = '[\n  {\n    "row_data": "https://x.com/a.jpg",\n    "attachments": [\n      { "type": "IMAGE", "value": "https://x.com/b.png" }\n    ]\n  }\n]';
  const { uri } = await openImportFile(text);
  const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.deepEqual(
    ranges.map((r) => [r.startLine, r.endLine]),
    [
      [0, 6],
      [1, 5],
      [3, 4],
    ],
  );
  const compact = '[{"row_data":"https://x.com/a.jpg","media_type":"IMAGE"}]';
  const formatted = await openImportFile(compact);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', {
    textDocument: { uri: formatted.uri },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.equal(apply(compact, edits), '[\n  {\n    "row_data": "https://x.com/a.jpg",\n    "media_type": "IMAGE"\n  }\n]');
});
