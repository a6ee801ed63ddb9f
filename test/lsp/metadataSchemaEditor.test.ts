import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { TestLspClient } from '../support/lspClient';
import { withCursor } from './cursor';

/**
 * Completion and hover in import files use the organization's metadata schema of the file's
 * workspace folder: custom field names, ids labelled with their names, and enum options.
 */

const root = mkdtempSync(join(tmpdir(), 'labelbox-lsp-metadata-editor-'));
mkdirSync(join(root, 'org/.labelbox'), { recursive: true });
cpSync(resolve(__dirname, '../fixtures/metadata/ontology-answer.json'), join(root, 'org/.labelbox/metadata-schema.json'));
mkdirSync(join(root, 'plain'), { recursive: true });

const WEATHER = 'clrw3weather0000f8l1hh8i9';

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start({
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: {
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], labelDetailsSupport: true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
    workspaceFolders: [
      { uri: URI.file(join(root, 'org')).toString(), name: 'org' },
      { uri: URI.file(join(root, 'plain')).toString(), name: 'plain' },
    ],
  });
});
after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

let count = 0;
/** Opens an import file and waits until it has been checked (the server decides once its settings are read). */
async function open(folder: string, textWithCursor: string) {
  const { text, position } = withCursor(textWithCursor);
  const uri = URI.file(join(root, folder, `rows-${++count}.labelbox.json`)).toString();
  client.open(uri, text);
  await client.diagnosticsFor(uri);
  return { uri, position };
}

async function complete(folder: string, textWithCursor: string): Promise<CompletionItem[]> {
  const { uri, position } = await open(folder, textWithCursor);
  const items = await client.completion(uri, position);
  assert.ok(items, 'the server answered null');
  return items;
}

async function hoverText(folder: string, textWithCursor: string): Promise<string> {
  const { uri, position } = await open(folder, textWithCursor);
  const hover = await client.hover(uri, position);
  assert.ok(hover, 'no hover');
  return (hover.contents as MarkupContent).value;
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);
function find(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((item) => item.label === label);
  assert.ok(found, `no "${label}" among ${labels(items).join(', ')}`);
  return found;
}

test("field names: the custom fields of the folder's schema after the reserved ones; none without a schema", async () => {
  const names = labels(await complete('org', '[{ "row_data": "x", "metadata_fields": [{ "name": "|" }] }]'));
  for (const name of ['camera', 'altitude_m', 'flown_at', 'weather', 'precomputedImageEmbedding']) assert.ok(names.includes(name), names.join());
  assert.ok(names.indexOf('split') < names.indexOf('weather'));
  const plain = labels(await complete('plain', '[{ "row_data": "x", "metadata_fields": [{ "name": "|" }] }]'));
  assert.ok(!plain.includes('weather') && plain.includes('split'), plain.join());
});

test('schema ids are labelled with the field name and kind', async () => {
  const ids = await complete('org', '[{ "row_data": "x", "metadata_fields": [{ "schema_id": "|" }] }]');
  const weather = find(ids, WEATHER);
  assert.deepEqual(weather.labelDetails, { description: 'weather' });
  assert.equal(weather.detail, 'weather (Enum)');
  assert.equal(find(ids, 'clrw3altitude000f8l1dd4e5').detail, 'altitude_m (Number)');
});

test('enum values: option names with the field given by name, option ids with the field given by id', async () => {
  assert.deepEqual(labels(await complete('org', '[{ "row_data": "x", "metadata_fields": [{ "name": "weather", "value": "|" }] }]')), [
    'sunny',
    'cloudy',
    'rain',
  ]);
  const byId = await complete('org', `[{ "row_data": "x", "metadata_fields": [{ "schema_id": "${WEATHER}", "value": "|" }] }]`);
  assert.deepEqual(labels(byId), ['clrw3sunny000000f8l1jj0k1', 'clrw3cloudy00000f8l1ll2m3', 'clrw3rain0000000f8l1nn4o5']);
  assert.deepEqual(find(byId, 'clrw3rain0000000f8l1nn4o5').labelDetails, { description: 'rain' });
});

test('hover on a custom field, its id and an option id', async () => {
  const byName = await hoverText('org', '[{ "row_data": "x", "metadata_fields": [{ "name": "weat|her", "value": "sunny" }] }]');
  assert.match(byName, /^\*\*weather\*\*: Enum metadata field, from your organization's metadata schema/);
  assert.match(byName, new RegExp(`Schema id: \`${WEATHER}\``));
  assert.match(byName, /- `sunny`: `clrw3sunny000000f8l1jj0k1`/);
  assert.match(
    await hoverText('org', '[{ "row_data": "x", "metadata_fields": [{ "schema_id": "clrw3altitude|000f8l1dd4e5", "value": 3 }] }]'),
    /^\*\*altitude\\_m\*\*: Number metadata field, from your organization.s metadata schema\.\n\nSchema id: `clrw3altitude000f8l1dd4e5`/,
  );
  assert.match(
    await hoverText('org', `[{ "row_data": "x", "metadata_fields": [{ "schema_id": "${WEATHER}", "value": "clrw3rain|0000000f8l1nn4o5" }] }]`),
    /^\*\*rain\*\*: option of the Enum field \*\*weather\*\*/,
  );
  // Without the schema the same name is unknown, and the hover says how to fix that.
  assert.match(await hoverText('plain', '[{ "row_data": "x", "metadata_fields": [{ "name": "weat|her", "value": "sunny" }] }]'), /metadata schema/);
});
