import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAjv } from '../../service/schema/compileSchema';
import { parseMetadataSchema } from '../../service';
import schema from '../../schemas/metadata-schema.schema.json';
import packageJson from '../../package.json';
import { DEFAULT_SETTINGS } from '../../server/lsp/settings';
import { DEFAULT_METADATA_SCHEMA_PATH } from '../../server/node/metadataSchemaFile';
import { DEFAULT_API_ENDPOINT } from '../../client/metadata/fetchMetadataSchema';

/**
 * The JSON Schema of the metadata schema file (schemas/metadata-schema.schema.json), which
 * VS Code's JSON support uses for that file's diagnostics, completion and hover.
 */

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

const validate = createAjv().compile(schema);
const ANSWER = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/metadata/ontology-answer.json'), 'utf8')) as {
  data: { customMetadataOntology: unknown[] };
};
const FIELDS = ANSWER.data.customMetadataOntology;

function accepts(value: unknown): boolean {
  const valid = validate(value) as boolean;
  return valid;
}

test('compiles with the project ajv in strict mode', () => {
  assert.equal(typeof validate, 'function');
});

test('a saved API answer validates: whole, its data, and the bare list', () => {
  assert.ok(accepts(ANSWER), JSON.stringify(validate.errors));
  assert.ok(accepts(ANSWER.data), JSON.stringify(validate.errors));
  assert.ok(accepts(FIELDS), JSON.stringify(validate.errors));
  assert.ok(accepts([]), 'an organization without custom fields');
});

/** Files the JSON Schema rejects; the loader must reject them too, so the editor and the checker agree. */
const INVALID: Array<[string, unknown]> = [
  ['a string', 'fields'],
  ['an object without the ontology', { fields: [] }],
  ['an error answer', { errors: [{ message: 'Invalid API key', extensions: { code: 'AUTHENTICATION_ERROR' } }], data: null }],
  ['a null ontology', { data: { customMetadataOntology: null } }],
  ['a field that is not an object', ['camera']],
  ['a field without id', [{ name: 'camera', kind: 'CustomMetadataString' }]],
  ['a field without name', [{ id: 'clrw3camera0000f8l1aa2b3c', kind: 'CustomMetadataString' }]],
  ['a blank name', [{ id: 'clrw3camera0000f8l1aa2b3c', name: '  ', kind: 'CustomMetadataString' }]],
  ['a field without kind', [{ id: 'clrw3camera0000f8l1aa2b3c', name: 'camera' }]],
  ['a number id', [{ id: 12, name: 'camera', kind: 'CustomMetadataString' }]],
  ['reserved as a string', [{ id: 'clrw3camera0000f8l1aa2b3c', name: 'camera', kind: 'CustomMetadataString', reserved: 'no' }]],
  ['options on a number field', [{ id: 'a', name: 'n', kind: 'CustomMetadataNumber', options: [{ id: 'o', name: 'one' }] }]],
  ['options that are not a list', [{ id: 'a', name: 'w', kind: 'CustomMetadataEnum', options: { id: 'o', name: 'one' } }]],
  ['an option without name', [{ id: 'a', name: 'w', kind: 'CustomMetadataEnum', options: [{ id: 'o' }] }]],
  ['an option without id', [{ id: 'a', name: 'w', kind: 'CustomMetadataEnum', options: [{ name: 'one' }] }]],
];

for (const [label, value] of INVALID) {
  test(`rejected by the schema and by the loader alike: ${label}`, () => {
    assert.equal(accepts(value), false, 'the JSON Schema accepts it');
    assert.equal(parseMetadataSchema(JSON.stringify(value)).ok, false, 'the loader accepts it');
  });
}

test('an unknown kind is flagged in the editor; the loader leaves the field out with a warning', () => {
  const value = [{ id: 'a', name: 'f', kind: 'CustomMetadataHologram' }];
  assert.equal(accepts(value), false);
  const loaded = parseMetadataSchema(JSON.stringify(value));
  assert.ok(loaded.ok && loaded.fields.length === 0 && loaded.warnings.length === 1);
});

test('every property and definition is documented, with a JSON example in its markdown', () => {
  const missing: string[] = [];
  const visit = (node: unknown, pointer: string) => {
    if (!isObject(node)) return;
    const documented = typeof node.title === 'string' || pointer === '';
    if (documented) {
      if (typeof node.description !== 'string' || !node.description) missing.push(`${pointer}: description`);
      if (typeof node.markdownDescription !== 'string' || !/```json\n[\s\S]+\n```/.test(node.markdownDescription))
        missing.push(`${pointer}: markdownDescription with a JSON example`);
    }
    for (const key of ['definitions', 'properties'] as const) {
      const map = node[key];
      if (!isObject(map)) continue;
      for (const [name, sub] of Object.entries(map)) {
        // A property that is only a $ref is documented where it points.
        if (isObject(sub) && !('$ref' in sub) && typeof sub.title !== 'string') missing.push(`${pointer}/${key}/${name}: title`);
        visit(sub, `${pointer}/${key}/${name}`);
      }
    }
  };
  visit(schema, '');
  assert.deepEqual(missing, []);
});

test('every snippet body, its placeholders filled, is valid against its own schema', () => {
  const definitions = schema.definitions as Record<string, JsonObject>;
  const fill = (body: unknown): unknown =>
    JSON.parse(
      JSON.stringify(body)
        .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1'),
    );
  const check = (snippets: unknown, validator: (value: unknown) => boolean, asFile: (body: unknown) => unknown, where: string) => {
    assert.ok(Array.isArray(snippets) && snippets.length, `${where} has snippets`);
    for (const snippet of snippets as Array<{ label: string; body: unknown }>) {
      const body = fill(snippet.body);
      assert.doesNotMatch(JSON.stringify(body), /\$\{/, 'every placeholder filled');
      assert.ok(validator(body), `${where} snippet "${snippet.label}": ${JSON.stringify(validate.errors)}`);
      assert.equal(parseMetadataSchema(JSON.stringify(asFile(body))).ok, true, `the loader reads ${where} snippet "${snippet.label}"`);
    }
  };
  check(schema.defaultSnippets, accepts, (body) => body, 'root');
  const field = createAjv().addSchema(schema).getSchema(`${schema.$id}#/definitions/field`)!;
  check(
    definitions.field.defaultSnippets,
    (value) => field(value) as boolean,
    (body) => [body],
    'field',
  );
});

test('package.json ties the schema to the default file and contributes the setting', () => {
  const contributes = packageJson.contributes as unknown as {
    jsonValidation: Array<{ fileMatch: string | string[]; url: string }>;
    configuration: { properties: Record<string, { scope?: string; markdownDescription?: string; default?: unknown }> };
  };
  const entry = contributes.jsonValidation.find((item) => item.url === './schemas/metadata-schema.schema.json');
  assert.ok(entry, 'jsonValidation entry');
  assert.deepEqual([entry.fileMatch].flat(), ['**/.labelbox/metadata-schema.json']);
  const setting = contributes.configuration.properties['labelboxImport.metadataSchema'];
  assert.equal(setting.scope, 'resource');
  assert.equal(setting.default, DEFAULT_SETTINGS.metadataSchema);
  assert.equal(setting.default, DEFAULT_METADATA_SCHEMA_PATH);
  assert.ok(setting.markdownDescription);
});

test('the API endpoint setting: the default is Labelbox, and untrusted workspaces cannot set it (it receives the key)', () => {
  const endpoint = packageJson.contributes.configuration.properties['labelboxImport.apiEndpoint'] as { default: string; scope: string };
  assert.equal(endpoint.default, DEFAULT_API_ENDPOINT);
  assert.equal(DEFAULT_API_ENDPOINT, 'https://api.labelbox.com/graphql');
  assert.ok(packageJson.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('labelboxImport.apiEndpoint'));
  const commands = packageJson.contributes.commands.map((command) => `${command.category}: ${command.title}`);
  assert.ok(commands.includes('Labelbox: Fetch Metadata Schema from Labelbox'));
  assert.ok(commands.includes('Labelbox: Forget the Labelbox API Key'));
});
