import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ValidateFunction } from 'ajv';
import schema from '../../schemas/data-row-import.schema.json';
import { compileSchema } from '../../service/schema/compileSchema';
import type { JsonValue } from '../../service/json/ast';
import { precompiledSchemaCode, withCheapStringLengths } from '../../scripts/precompiledSchemaCode';
import { generateImportFile, generateRichImportFile } from '../../bench/generateRows';
import { repositoryElements } from './helpers/repositoryRows';
import { loadPrecompiledValidators } from './helpers/precompiledValidators';

/**
 * The bundled server and CLI check rows with validators generated at build time
 * (scripts/precompileSchema.ts), with ajv's code point counts made cheap; the tests and the
 * service elsewhere compile the schema at run time. Both must give the same errors, on every
 * definition, in particular for strings around minLength 1 and the global key's maxLength 200,
 * with and without characters outside the Basic Multilingual Plane (two UTF-16 units each).
 */

const code = precompiledSchemaCode();
const precompiled = loadPrecompiledValidators(code);
const runtime = compileSchema(schema);
const NAMES = Object.keys(schema.definitions);

const EMOJI = '\u{1F4F7}';
/** Around minLength 1 and maxLength 200, counted in code points, not UTF-16 units. */
const STRINGS = [
  '',
  'a',
  EMOJI,
  'a'.repeat(200),
  'a'.repeat(201),
  EMOJI.repeat(100),
  EMOJI.repeat(150),
  EMOJI.repeat(200),
  EMOJI.repeat(201),
  `${'a'.repeat(199)}${EMOJI}`,
  `${'a'.repeat(200)}${EMOJI}`,
  '\uD83D', // a lone surrogate: one code point
  `${'a'.repeat(200)}\uD83D`,
];

function errorsOf(validate: ValidateFunction, value: unknown): unknown {
  const valid = validate(value);
  return { valid, errors: validate.errors ?? null };
}

function assertSame(name: string, value: unknown): void {
  assert.deepEqual(errorsOf(precompiled[name], value), errorsOf(runtime.definition(name), value), `${name}: ${JSON.stringify(value).slice(0, 300)}`);
}

/** The value with one string leaf replaced, for each string leaf and each replacement. */
function* withStringsReplaced(value: JsonValue, replacements: readonly string[]): Generator<JsonValue> {
  if (typeof value === 'string') {
    yield* replacements;
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      for (const item of withStringsReplaced(value[index], replacements)) yield value.map((old, at) => (at === index ? item : old));
    }
    return;
  }
  for (const key of Object.keys(value)) {
    for (const item of withStringsReplaced(value[key], replacements)) {
      const copy: { [key: string]: JsonValue } = {};
      for (const [other, old] of Object.entries(value))
        Object.defineProperty(copy, other, { value: other === key ? item : old, enumerable: true, writable: true, configurable: true });
      yield copy;
    }
  }
}

test('the precompiled code counts code points only past a maximum', () => {
  assert.doesNotMatch(code, /\bfunc\d+\(\w+\) < 1\b/);
  assert.match(code, /\((\w+)\.length > 200 && (func\d+)\(\1\) > 200\)/);
});

test('precompiled and run-time validators give the same errors on strings around the length limits', () => {
  for (const name of NAMES) {
    for (const value of [...STRINGS, null, 5, {}, []]) assertSame(name, value);
  }
  const row = { row_data: 'https://example.com/a.jpg', global_key: 'a', media_type: 'IMAGE', external_id: 'e' };
  for (const variant of withStringsReplaced(row, STRINGS)) assertSame('currentDataRow', variant);
});

test('the global key may have 200 code points, whatever their UTF-16 length', () => {
  const keywordsFor = (globalKey: string) => {
    precompiled.currentDataRow({ row_data: 'https://example.com/a.jpg', global_key: globalKey });
    return (precompiled.currentDataRow.errors ?? []).filter((error) => error.instancePath === '/global_key').map((error) => error.keyword);
  };
  assert.deepEqual(keywordsFor('a'.repeat(200)), []);
  assert.deepEqual(keywordsFor(EMOJI.repeat(150)), []);
  assert.deepEqual(keywordsFor(EMOJI.repeat(200)), []);
  assert.deepEqual(keywordsFor('a'.repeat(201)), ['maxLength']);
  assert.deepEqual(keywordsFor(EMOJI.repeat(201)), ['maxLength']);
});

test('precompiled and run-time validators give the same errors on the repository rows and generated rows', () => {
  const rows = [
    ...repositoryElements(),
    ...(JSON.parse(generateImportFile(300, 2, 5).text) as JsonValue[]),
    ...(JSON.parse(generateRichImportFile(100, 3, 5).text) as JsonValue[]),
  ];
  for (const row of rows) for (const name of ['currentDataRow', 'legacyDataRow']) assertSame(name, row);
  for (const row of repositoryElements())
    for (const variant of withStringsReplaced(row, ['', 'a', EMOJI.repeat(150), 'a'.repeat(201)])) assertSame('currentDataRow', variant);
});

test('the rewrite fails loudly when ajv writes its code another way', () => {
  assert.throws(() => withCheapStringLengths('const x = 1;'), /no longer imports ucs2length/);
  const header = 'const func3 = require("ajv/dist/runtime/ucs2length").default;';
  assert.throws(() => withCheapStringLengths(`${header}if(func3(data) < 1){}if(func3(data) > 200){}if(func3(data) < 2){}`), /"< 1" and "> N"/);
  assert.throws(() => withCheapStringLengths(`${header}if(func3(data) < 1){}`), /found 1 and 0/);
  assert.equal(
    withCheapStringLengths(`${header}if(func3(data0) < 1){}if(func3(data1) > 200){}`),
    `${header}if(data0.length < 1){}if((data1.length > 200 && func3(data1) > 200)){}`,
  );
});
