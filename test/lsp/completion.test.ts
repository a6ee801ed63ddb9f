import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, type CompletionItem, type MarkupContent } from 'vscode-languageserver-protocol';
import { TestLspClient } from '../support/lspClient';
import { withCursor } from './cursor';

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(() => client.stop());

let count = 0;
/** Opens the text (cursor written as |) as a new import file and asks for completion at the cursor. */
async function complete(textWithCursor: string, target = client): Promise<CompletionItem[]> {
  const { text, position } = withCursor(textWithCursor);
  const uri = `file:///work/completion-${++count}.labelbox.json`;
  target.open(uri, text);
  // The server decides it is an import file once it has read the settings: diagnostics say it has.
  await target.diagnosticsFor(uri);
  const items = await target.completion(uri, position);
  assert.ok(items, 'the server answered null');
  return items;
}

function find(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((item) => item.label === label);
  assert.ok(found, `no "${label}" among ${items.map((item) => item.label).join(', ')}`);
  return found;
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);

test('property names: the keys not yet in the row, as snippets replacing the typed key, with markdown docs', async () => {
  const items = await complete('[\n  { "row_data": "https://x.com/a.jpg", "media_t|" }\n]');
  assert.ok(!labels(items).includes('row_data'));
  const mediaType = find(items, 'media_type');
  assert.equal(mediaType.kind, CompletionItemKind.Property);
  assert.equal(mediaType.insertTextFormat, InsertTextFormat.Snippet);
  assert.deepEqual(mediaType.textEdit, { range: { start: { line: 1, character: 39 }, end: { line: 1, character: 48 } }, newText: '"media_type": "$1"' });
  assert.equal((mediaType.documentation as MarkupContent).kind, 'markdown');
  assert.match((mediaType.documentation as MarkupContent).value, /^\*\*Media type\*\*/);
  assert.deepEqual(mediaType.command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
});

test('legacy rows get legacy keys, current rows current keys', async () => {
  const legacy = labels(await complete('[{ "imageUrl": "https://x.com/a.jpg", | }]'));
  assert.ok(legacy.includes('externalId') && legacy.includes('metadataFields'));
  assert.ok(!legacy.includes('row_data') && !legacy.includes('global_key'));
  const current = labels(await complete('[{ "row_data": "https://x.com/a.jpg", | }]'));
  assert.ok(current.includes('external_id') && current.includes('metadata_fields'));
  assert.ok(!current.includes('imageUrl') && !current.includes('externalId'));
});

test('row keys that raise a problem as soon as they are written (server-managed keys, "metadata") are not offered', async () => {
  const current = labels(await complete('[{ "row_data": "https://x.com/a.jpg", | }]'));
  for (const key of ['uid', 'created_at', 'updated_at', 'dataset_id', 'media_attributes', 'metadata']) assert.ok(!current.includes(key), key);
  assert.ok(current.includes('metadata_fields') && current.includes('global_key'));
  assert.ok(!labels(await complete('[{ "imageUrl": "https://x.com/a.jpg", | }]')).includes('mediaAttributes'));
});

test('enum values with their descriptions: media_type and attachment type', async () => {
  const items = await complete('[{ "row_data": "x", "media_type": "|" }]');
  const image = find(items, 'IMAGE');
  assert.equal(image.kind, CompletionItemKind.EnumMember);
  assert.equal(image.textEdit?.newText, '"IMAGE"');
  assert.match((image.documentation as MarkupContent).value, /URL of an image/);
  const types = await complete('[{ "row_data": "x", "attachments": [{ "type": "|" }] }]');
  assert.deepEqual(labels(types), ['IMAGE', 'VIDEO', 'RAW_TEXT', 'TEXT_URL', 'HTML', 'IMAGE_OVERLAY', 'PDF_URL', 'CAMERA_IMAGE']);
});

test('metadata: field names, ids labelled with the field, options of an enum by name and by id', async () => {
  const names = await complete('[{ "row_data": "x", "metadata_fields": [{ "name": "|" }] }]');
  assert.deepEqual(labels(names), ['captureDateTime', 'skipNFrames', 'split', 'tag', 'embedding']);
  assert.deepEqual(find(names, 'embedding').tags, [CompletionItemTag.Deprecated]);
  const ids = await complete('[{ "row_data": "x", "metadata_fields": [{ "schema_id": "|" }] }]');
  const split = find(ids, 'cko8sbczn0002h2dkdaxb5kal');
  assert.deepEqual(split.labelDetails, { description: 'split' });
  assert.equal(split.detail, 'split (Enum)');
  assert.deepEqual(labels(await complete('[{ "row_data": "x", "metadata_fields": [{ "name": "split", "value": "|" }] }]')), ['train', 'valid', 'test']);
  const byId = await complete('[{ "row_data": "x", "metadata_fields": [{ "schema_id": "cko8sbczn0002h2dkdaxb5kal", "value": "|" }] }]');
  assert.deepEqual(find(byId, 'cko8sbscr0003h2dk04w86hof').labelDetails, { description: 'train' });
});

test('global_key: a key made from the row URL', async () => {
  const items = await complete('[{ "row_data": "https://survey.s3.eu-west-1.amazonaws.com/2024/plot-12/IMG_0412.jpg", "global_key": | }]');
  assert.deepEqual(labels(items), ['survey/2024/plot-12/IMG_0412.jpg', 'IMG_0412.jpg']);
  assert.equal(items[0].textEdit?.newText, '"survey/2024/plot-12/IMG_0412.jpg"');
});

test('between rows: data-row snippets, with the comma the next row needs', async () => {
  const items = await complete('[\n  |\n  { "row_data": "https://x.com/a.jpg" }\n]');
  const video = find(items, 'Video data row');
  assert.equal(video.kind, CompletionItemKind.Snippet);
  assert.match(video.textEdit?.newText ?? '', /^\{\n\t"row_data": "\$\{1:https:\/\/example\.com\/video\/clip_001\.mp4\}",[\s\S]*\n\},$/);
});

test('a client without snippet support gets plain text and plain documentation', async () => {
  const plain = await TestLspClient.start({
    capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: false } } } },
  });
  try {
    const items = await complete('[{ "row_data": "x", | }]', plain);
    const globalKey = find(items, 'global_key');
    assert.equal(globalKey.insertTextFormat, InsertTextFormat.PlainText);
    assert.equal(globalKey.textEdit?.newText, '"global_key": ""');
    assert.equal(typeof globalKey.documentation, 'string');
    assert.equal(globalKey.command, undefined);
  } finally {
    await plain.stop();
  }
});

test('a JSON file that is not an import file gets no completion', async () => {
  const uri = 'file:///work/tsconfig.json';
  client.open(uri, '{ "compilerOptions": {} }');
  // Requests are answered in order: once an import file opened after it is checked, this one has been looked at.
  await complete('[{|}]');
  assert.equal(await client.completion(uri, { line: 0, character: 2 }), null);
});

function bigFile(rows: number, middleRow: string): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(`  { "row_data": "https://h.com/img_${i}.jpg", "global_key": "img_${i}", "media_type": "IMAGE" }`);
  lines[rows / 2] = middleRow;
  return `[\n${lines.join(',\n')}\n]`;
}

test('in the middle of a 50,000-row file: the keys of the row under the cursor', async () => {
  const { text, position } = withCursor(bigFile(50_000, '  { "row_data": "https://h.com/mid.jpg", "external_id": "mid.jpg", | }'));
  assert.equal(position.line, 25_001);
  const uri = 'file:///work/big-completion.labelbox.json';
  client.open(uri, text);
  await client.diagnosticsFor(uri, 120_000);
  const items = await client.completion(uri, position);
  assert.ok(items);
  const names = labels(items);
  assert.ok(names.includes('global_key') && names.includes('media_type'), names.join());
  assert.ok(!names.includes('row_data') && !names.includes('external_id'));
  client.close(uri);
});

test('a request cancelled before the server reaches it answers "cancelled"', async () => {
  const uri = 'file:///work/big-cancel.labelbox.json';
  const text = bigFile(50_000, '  { "row_data": "x" }');
  client.open(uri, text);
  await client.diagnosticsFor(uri, 120_000);
  // Replacing the whole text makes the server parse it all again: it is busy when the request and its cancellation arrive.
  client.change(uri, [{ text: text.replace('"x"', '"y"') }]);
  const source = new CancellationTokenSource();
  const request = client.completion(uri, { line: 3, character: 4 }, source.token);
  source.cancel();
  await assert.rejects(request, (error: { code?: number }) => error.code === -32800);
  // The server is still there and answers the next request.
  assert.ok(await client.completion(uri, { line: 1, character: 4 }));
  client.close(uri);
});
