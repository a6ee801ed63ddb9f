import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getLanguageService, TextDocument, type MarkupContent } from 'vscode-json-languageservice';
import packageJson from '../../package.json';

/**
 * Editing the metadata schema file itself. VS Code's JSON support gives it diagnostics,
 * completion and hover from the schema that package.json's jsonValidation ties to it; this
 * runs the library behind that support (vscode-json-languageservice) with the same
 * association VS Code makes from the manifest.
 */

const ROOT = resolve(__dirname, '../..');
const contributions = (packageJson.contributes as unknown as { jsonValidation: Array<{ fileMatch: string | string[]; url: string }> }).jsonValidation;
const schemaUri = pathToFileURL(resolve(ROOT, 'schemas/metadata-schema.schema.json')).toString();

// As VS Code's JSON client does: "./" urls are relative to the extension; patterns get a leading "/".
const service = getLanguageService({
  schemaRequestService: async (uri) => readFileSync(new URL(uri), 'utf8'),
  // What VS Code announces: markdown in completion documentation and hovers.
  clientCapabilities: {
    textDocument: { completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } }, hover: { contentFormat: ['markdown', 'plaintext'] } },
  },
});
service.configure({
  validate: true,
  schemas: contributions.map((contribution) => ({
    uri: pathToFileURL(resolve(ROOT, contribution.url)).toString(),
    fileMatch: [contribution.fileMatch].flat().map((pattern) => (/^(\w+:\/\/|\/|!)/.test(pattern) ? pattern : `/${pattern}`)),
  })),
});

const SCHEMA_FILE = 'file:///home/me/project/.labelbox/metadata-schema.json';

function documentAt(text: string, uri = SCHEMA_FILE) {
  const offset = text.indexOf('|');
  const clean = offset >= 0 ? text.slice(0, offset) + text.slice(offset + 1) : text;
  const document = TextDocument.create(uri, 'json', 1, clean);
  return { document, json: service.parseJSONDocument(document), position: document.positionAt(Math.max(0, offset)) };
}

test('the association points at our schema', () => {
  assert.ok(contributions.some((contribution) => pathToFileURL(resolve(ROOT, contribution.url)).toString() === schemaUri));
});

test('diagnostics: a saved API answer has none; a wrong kind and a missing id are reported', async () => {
  const answer = documentAt(readFileSync(resolve(ROOT, 'test/fixtures/metadata/ontology-answer.json'), 'utf8'));
  assert.deepEqual(await service.doValidation(answer.document, answer.json), []);

  const bad = documentAt(
    '[\n  { "id": "clrw3camera0000f8l1aa2b3c", "name": "camera", "kind": "CustomMetadataText" },\n  { "name": "altitude_m", "kind": "CustomMetadataNumber" }\n]',
  );
  const problems = await service.doValidation(bad.document, bad.json);
  const messages = problems.map((problem) => `${problem.range.start.line}: ${problem.message}`);
  assert.ok(
    messages.some((message) => /^1: Value is not accepted\. Valid values: "CustomMetadataString", "CustomMetadataNumber"/.test(message)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((message) => /^2: Missing property "id"/.test(message)),
    messages.join('\n'),
  );
});

test('completion: the kinds, with their descriptions', async () => {
  const { document, json, position } = documentAt('[{ "id": "x", "name": "camera", "kind": | }]');
  const list = await service.doComplete(document, position, json);
  const labels = list!.items.map((item) => item.label);
  for (const kind of ['"CustomMetadataString"', '"CustomMetadataNumber"', '"CustomMetadataDateTime"', '"CustomMetadataEnum"'])
    assert.ok(labels.includes(kind), labels.join());
  const enumItem = list!.items.find((item) => item.label === '"CustomMetadataEnum"')!;
  assert.match((enumItem.documentation as MarkupContent).value, /with `schema_id` it must be the option's id/);
});

test('completion: the properties of a field', async () => {
  const { document, json, position } = documentAt('[{ | }]');
  const labels = (await service.doComplete(document, position, json))!.items.map((item) => item.label);
  for (const key of ['id', 'name', 'kind', 'reserved', 'options']) assert.ok(labels.includes(key), labels.join());
});

test('hover: the markdown description of a property', async () => {
  const { document, json, position } = documentAt('[{ "id": "x", "name": "camera", "ki|nd": "CustomMetadataString" }]');
  const hover = await service.doHover(document, position, json);
  const text = [hover!.contents]
    .flat()
    .map((part) => (typeof part === 'string' ? part : part.value))
    .join('\n');
  assert.match(text, /\*\*Kind\*\*: what values the field takes in import files/);
  // And the description of the value under it.
  assert.match(text, /`CustomMetadataString`: \*\*Text\*\*: a string of at most 4,096 characters/);
});

test('other JSON files are not given this schema', async () => {
  const elsewhere = documentAt('[{ "kind": 3 }]', 'file:///home/me/project/metadata-schema.json');
  assert.deepEqual(await service.doValidation(elsewhere.document, elsewhere.json), []);
});
