/**
 * What each part of checking a row costs once the compiler has warmed up, on the rows of a
 * generated file: `node --import tsx bench/measureRules.ts [rows] [passes]`. Prints one time
 * per pass (ms for all rows): JSON.parse of each row's text, the whole row check, the schema
 * alone, and each rule alone (each on a fresh tree over the row's parsed value, as the check
 * makes). For comparing a change to a rule before and after, in one machine state.
 */
import { setFlagsFromString } from 'node:v8';
import { createValidationContext } from '../service';
import type { JsonValue } from '../service/json/ast';
import { nodeOfValue } from '../service/json/valueNodes';
import { dialectOfKeys } from '../service/validation/dialect';
import { RowCheck } from '../service/validation/rowCheck';
import { KEY_RULES, ROW_RULES, validateParsedRow } from '../service/validation/validateRow';
import type { ObjectNode } from '../service/json/ast';
import { generateImportFile } from './generateRows';

// As the CLI and the server set it (server/node/compilerTuning.ts).
setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');

const rowCount = Number(process.argv[2] ?? 50_000);
const passes = Number(process.argv[3] ?? 5);
const rows = JSON.parse(generateImportFile(rowCount, 1).text) as Array<{ [key: string]: JsonValue }>;
const texts = rows.map((row) => JSON.stringify(row, null, 2));
const context = createValidationContext();

function time(name: string, checkOne: (index: number) => void): void {
  const times: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    for (let index = 0; index < rows.length; index++) checkOne(index);
    times.push(performance.now() - started);
  }
  console.log(`${name.padEnd(26)} ${times.map((ms) => String(Math.round(ms)).padStart(5)).join(' ')}`);
}

// As validateParsedRow makes it: the dialect from the key names.
const checkOf = (index: number) => {
  const keys = Object.keys(rows[index]);
  return new RowCheck(nodeOfValue(rows[index]) as ObjectNode, rows[index], dialectOfKeys(keys), context, keys);
};

console.log(`${rowCount.toLocaleString('en-US')} generated rows; ms per pass over all of them (the first passes warm up the compiler):`);
time('JSON.parse of the row', (index) => JSON.parse(texts[index]));
time('whole row check', (index) => validateParsedRow(rows[index], texts[index], context));
const currentRow = context.schema.definition('currentDataRow');
time('schema (ajv)', (index) => currentRow(rows[index]));
time('tree and dialect', (index) => checkOf(index));
for (const rule of [...KEY_RULES, ...ROW_RULES]) time(rule.name, (index) => rule(checkOf(index)));
