import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TestLspClient } from '../support/lspClient';
import { withCursor } from './cursor';

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(() => client.stop());

let count = 0;
/** Opens the text (cursor written as |) as a new import file and hovers at the cursor. */
async function hover(textWithCursor: string): Promise<Hover | null> {
  const { text, position } = withCursor(textWithCursor);
  const uri = `file:///work/hover-${++count}.labelbox.json`;
  client.open(uri, text);
  // The server decides it is an import file once it has read the settings: diagnostics say it has.
  await client.diagnosticsFor(uri, 120_000);
  return client.hover(uri, position);
}

async function markdown(textWithCursor: string): Promise<string> {
  const result = await hover(textWithCursor);
  assert.ok(result, `no hover for ${textWithCursor}`);
  const contents = result.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

test("on a key: its documentation and allowed values, over the key's range", async () => {
  const result = await hover('[\n  { "row_data": "x", "media_ty|pe": "IMAGE" }\n]');
  assert.ok(result);
  assert.deepEqual(result.range, { start: { line: 1, character: 21 }, end: { line: 1, character: 33 } });
  const value = (result.contents as MarkupContent).value;
  assert.match(value, /^\*\*Media type\*\*/);
  assert.match(value, /Allowed values:\n- `"IMAGE"`/);
});

test("on an enum value: that value's description", async () => {
  assert.match(await markdown('[{ "row_data": "x", "attachments": [{ "type": "PDF_|URL", "value": "https://x.com/a.pdf" }] }]'), /^`"PDF_URL"`: .*PDF/);
});

test('on a schema_id and on an option id: the field with its kind, the option with its field', async () => {
  assert.match(
    await markdown('[{ "row_data": "x", "metadata_fields": [{ "schema_id": "cko8sbczn00|02h2dkdaxb5kal", "value": "cko8sc2yr0004h2dk69aj5x63" }] }]'),
    /^\*\*split\*\*: Enum metadata field/,
  );
  assert.match(
    await markdown('[{ "row_data": "x", "metadata_fields": [{ "schema_id": "cko8sbczn0002h2dkdaxb5kal", "value": "cko8sc2yr|0004h2dk69aj5x63" }] }]'),
    /^\*\*valid\*\*: option of the Enum field \*\*split\*\*/,
  );
  assert.match(
    await markdown('[{ "imageUrl": "x", "metadataFields": [{ "schemaId": "cko8s9r5v|0001h2dk9elqdidh", "value": "a" }] }]'),
    /^\*\*tag\*\*: String metadata field/,
  );
});

test('on an image URL: a thumbnail and the host', async () => {
  const value = await markdown('[{ "row_data": "https://cdn.example.org/photos/|cat.jpg", "media_type": "IMAGE" }]');
  assert.match(value, /^!\[Image preview\]\(https:\/\/cdn\.example\.org\/photos\/cat\.jpg\|width=240\)/);
  assert.match(value, /Host: `cdn\.example\.org`/);
});

test('nothing between rows', async () => {
  assert.equal(await hover('[{ "row_data": "x" },| { "row_data": "y" }]'), null);
});

test("in the middle of a 50,000-row file: the hovered row's value", async () => {
  const lines: string[] = [];
  for (let i = 0; i < 50_000; i++) lines.push(`  { "row_data": "https://h.com/img_${i}.jpg", "media_type": "VIDEO" }`);
  lines[25_000] = '  { "row_data": "https://h.com/mid.jpg", "media_type": "IMA|GE" }';
  const value = await markdown(`[\n${lines.join(',\n')}\n]`);
  assert.match(value, /^`"IMAGE"`: `row_data` is the URL of an image/);
});
