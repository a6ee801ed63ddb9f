import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAjv } from '../../service/schema/compileSchema';
import schema from '../../schemas/data-row-import.schema.json';

/**
 * Checks the documentation side of the data-row import schema: every titled schema is
 * described (plain and markdown, with a JSON example), every enum has per-value
 * descriptions, and every defaultSnippets body is valid against its own definition.
 */

type JsonObject = { [key: string]: unknown };
interface Snippet {
  label: unknown;
  description?: unknown;
  body: unknown;
}

const root = schema as unknown as JsonObject & { $id: string; definitions: Record<string, JsonObject> };

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Keywords whose value is a map of subschemas. */
const SCHEMA_MAPS = ['definitions', 'properties', 'patternProperties'];
/** Keywords whose value is one subschema (`items` may also be an array of them). */
const SCHEMA_SINGLES = ['items', 'additionalProperties', 'additionalItems', 'not', 'contains', 'propertyNames', 'if', 'then', 'else'];
/** Keywords whose value is an array of subschemas. */
const SCHEMA_ARRAYS = ['anyOf', 'allOf', 'oneOf'];

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Visits every schema object, following only schema keywords, so that property *names*
 * (modelOutput has a property called "title") and snippet bodies are never taken for schemas.
 */
function walkSchema(node: unknown, pointer: string, visit: (schema: JsonObject, pointer: string) => void): void {
  if (!isObject(node)) return;
  visit(node, pointer);
  for (const keyword of SCHEMA_MAPS) {
    const map = node[keyword];
    if (isObject(map)) for (const key of Object.keys(map)) walkSchema(map[key], `${pointer}/${keyword}/${escapePointer(key)}`, visit);
  }
  for (const keyword of SCHEMA_SINGLES) {
    const sub = node[keyword];
    if (isObject(sub)) walkSchema(sub, `${pointer}/${keyword}`, visit);
    else if (Array.isArray(sub)) sub.forEach((item, i) => walkSchema(item, `${pointer}/${keyword}/${i}`, visit));
  }
  for (const keyword of SCHEMA_ARRAYS) {
    const subs = node[keyword];
    if (Array.isArray(subs)) subs.forEach((item, i) => walkSchema(item, `${pointer}/${keyword}/${i}`, visit));
  }
}

function allSchemas(): Array<{ schema: JsonObject; pointer: string }> {
  const found: Array<{ schema: JsonObject; pointer: string }> = [];
  walkSchema(root, '#', (s, pointer) => found.push({ schema: s, pointer }));
  return found;
}

const JSON_EXAMPLE = /```json\n([\s\S]*?)\n```/;

/** An example may be a whole JSON value or members shown in context (`"key": value, ...`). */
function parsesAsJsonExample(text: string): boolean {
  const trimmed = text.trim().replace(/,$/, '');
  for (const candidate of [trimmed, `{${trimmed}}`]) {
    try {
      JSON.parse(candidate);
      return true;
    } catch {
      // try the next reading
    }
  }
  return false;
}

/** `${1:foo}` → `foo`, `${1|a,b|}` → `a`, `${1}` / `$1` → `x`, as a user accepting the defaults would get. */
function fillPlaceholders(value: unknown): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
      .replace(/\$\{\d+\}/g, 'x')
      .replace(/\$\d+/g, 'x');
  }
  if (Array.isArray(value)) return value.map(fillPlaceholders);
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[fillPlaceholders(key) as string] = fillPlaceholders(item);
    return out;
  }
  return value;
}

function snippetsOf(definition: string): Snippet[] {
  const snippets = root.definitions[definition]?.defaultSnippets;
  return Array.isArray(snippets) ? (snippets as Snippet[]) : [];
}

test('the whole schema compiles with the project ajv setup (strict mode, editor keywords)', () => {
  assert.doesNotThrow(() => createAjv().compile(schema));
});

test("the walk finds the schema's titled schemas (guards against a vacuous pass)", () => {
  const titled = allSchemas()
    .filter(({ schema: s }) => typeof s.title === 'string')
    .map(({ pointer }) => pointer);
  assert.ok(titled.length >= 80, `only ${titled.length} titled schemas found`);
  for (const expected of [
    '#',
    '#/definitions/globalKey',
    '#/definitions/tileBounds/items',
    '#/definitions/conversationMessage/properties/user/properties/userId',
    '#/definitions/modelOutput/properties/title',
  ]) {
    assert.ok(titled.includes(expected), `${expected} not visited`);
  }
});

test('every titled schema has a description and a markdownDescription with a ```json example', () => {
  const offenders: string[] = [];
  for (const { schema: s, pointer } of allSchemas()) {
    if (typeof s.title !== 'string') continue;
    if (typeof s.description !== 'string' || s.description.trim() === '') offenders.push(`${pointer}: description missing or empty`);
    const markdown = s.markdownDescription;
    if (typeof markdown !== 'string' || markdown.trim() === '') {
      offenders.push(`${pointer}: markdownDescription missing or empty`);
      continue;
    }
    const example = JSON_EXAMPLE.exec(markdown);
    if (!example) offenders.push(`${pointer}: markdownDescription has no \`\`\`json example`);
    else if (!parsesAsJsonExample(example[1])) offenders.push(`${pointer}: the \`\`\`json example is not valid JSON`);
  }
  assert.deepEqual(offenders, [], `Schemas lacking documentation:\n  ${offenders.join('\n  ')}`);
});

test('every enum has markdownEnumDescriptions of the same length', () => {
  const offenders: string[] = [];
  for (const { schema: s, pointer } of allSchemas()) {
    if (!Array.isArray(s.enum)) continue;
    const descriptions = s.markdownEnumDescriptions;
    if (!Array.isArray(descriptions)) offenders.push(`${pointer}: markdownEnumDescriptions missing`);
    else if (descriptions.length !== s.enum.length) {
      offenders.push(`${pointer}: ${descriptions.length} markdownEnumDescriptions for ${s.enum.length} enum values`);
    } else if (descriptions.some((d) => typeof d !== 'string' || d.trim() === '')) {
      offenders.push(`${pointer}: empty markdownEnumDescriptions entry`);
    }
  }
  assert.deepEqual(offenders, [], `Enums lacking value descriptions:\n  ${offenders.join('\n  ')}`);
});

test('defaultSnippets exist where the editor offers them', () => {
  for (const definition of ['currentDataRow', 'legacyDataRow', 'metadataEntry', 'attachment', 'embedding', 'conversationMessage']) {
    assert.ok(snippetsOf(definition).length > 0, `no defaultSnippets on #/definitions/${definition}`);
  }
  for (const definition of Object.keys(root.definitions)) {
    for (const [i, snippet] of snippetsOf(definition).entries()) {
      assert.ok(typeof snippet.label === 'string' && snippet.label !== '', `#/definitions/${definition}/defaultSnippets/${i}: label`);
      assert.ok(typeof snippet.description === 'string' && snippet.description !== '', `#/definitions/${definition}/defaultSnippets/${i}: description`);
      assert.ok(snippet.body !== undefined, `#/definitions/${definition}/defaultSnippets/${i}: body`);
    }
  }
});

test('attachment has one snippet per attachment type', () => {
  const attachment = root.definitions.attachment as { properties: { type: { enum: string[] } } };
  const snippetTypes = new Set(snippetsOf('attachment').map((s) => (isObject(s.body) ? s.body.type : undefined)));
  const missing = attachment.properties.type.enum.filter((type) => !snippetTypes.has(type));
  assert.deepEqual(missing, [], `attachment types without a snippet: ${missing.join(', ')}`);
});

test('currentDataRow has a snippet for each common row kind', () => {
  const mediaTypes = new Set(snippetsOf('currentDataRow').map((s) => (isObject(s.body) ? s.body.media_type : undefined)));
  const expected = ['IMAGE', 'VIDEO', 'TEXT', 'CONVERSATIONAL', 'PDF', 'TMS_GEO', 'AUDIO', 'HTML', 'DICOM'];
  const missing = expected.filter((type) => !mediaTypes.has(type));
  assert.deepEqual(missing, [], `row kinds without a snippet: ${missing.join(', ')}`);
});

test('every snippet body, with its placeholders filled, is valid against its definition', () => {
  const ajv = createAjv();
  ajv.addSchema(schema);
  const failures: string[] = [];
  let checked = 0;
  for (const definition of Object.keys(root.definitions)) {
    const snippets = snippetsOf(definition);
    if (snippets.length === 0) continue;
    const validate = ajv.getSchema(`${root.$id}#/definitions/${definition}`);
    assert.ok(validate, `could not compile #/definitions/${definition}`);
    for (const [i, snippet] of snippets.entries()) {
      const body = fillPlaceholders(snippet.body);
      checked++;
      if (!validate(body)) {
        const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
        failures.push(`#/definitions/${definition}/defaultSnippets/${i} ("${String(snippet.label)}"):\n      ${errors.join('\n      ')}`);
      }
    }
  }
  assert.ok(checked >= 25, `only ${checked} snippets checked`);
  assert.deepEqual(failures, [], `Invalid snippet bodies:\n  ${failures.join('\n  ')}`);
});
