/**
 * Hostile import files and edits, made from a seed so that a failure can be replayed: real
 * rows (bench/generateRows.ts, shaped after the format's documented examples) taken apart and
 * put together wrong: keys and values named after Object.prototype's members in every place,
 * deep nesting, huge strings and lines, numbers no reader holds, lone surrogates, control
 * characters, cut and spliced text.
 */
import { generateImportFile } from '../../bench/generateRows';
import { Random } from '../../bench/random';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every name Object.prototype answers, and __proto__. */
export const PROTOTYPE_NAMES: readonly string[] = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u001b[31mred',
  '\u2028\u2029',
  '\ufeff',
  '\ud800',
  '\udfff\ud800',
  '💥',
  'e\u0301',
  '[object Object]',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://127.0.0.1/admin',
  'file:///etc/passwd',
  '../../../../etc/passwd',
  '${1:x}',
  '%zz',
  '*'.repeat(40),
];

/** Values no reader expects; as text, since some (1e400, -0) do not survive JSON.stringify. */
const ODD_VALUE_TEXTS = ['1e400', '-1e400', '-0', '0.1e-400', '123456789012345678901234567890', 'true', 'null', '[]', '{}', '[[[[[[[[]]]]]]]]', '{"":{"":{}}}'];

const BASE = generateImportFile(400, 1717, 8);
const BASE_ROWS = JSON.parse(BASE.text) as Json[];

function clone(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** Every path to a value in `value`, with the key or index that leads to it. */
function paths(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...prefix, index], out));
  else if (value && typeof value === 'object') for (const key of Object.keys(value)) paths(value[key], [...prefix, key], out);
  return out;
}

function at(value: Json, path: ReadonlyArray<string | number>): Json {
  let current = value;
  for (const segment of path) current = (current as Record<string | number, Json>)[segment];
  return current;
}

/** Sets a value as JSON.parse would have made it: a "__proto__" key stays a key. */
function define(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function hugeString(random: Random): string {
  // Mostly long, now and then huge: a line of a megabyte is what a minified file has.
  return random.pick(['a', ' ', ', ', '\\"', '🌿', '[', '{"a":']).repeat(random.chance(0.05) ? random.int(100_000, 400_000) : random.int(1000, 20_000));
}

function deep(random: Random, depth = random.chance(0.2) ? random.int(200, 400) : random.int(10, 60)): Json {
  let value: Json = random.pick<Json>([1, 'x', null, {}]);
  for (let i = 0; i < depth; i++) value = random.chance(0.5) ? [value] : { [random.pick(PROTOTYPE_NAMES)]: value };
  return value;
}

/** A value meant to break whatever reads it. */
function hostileValue(random: Random): Json {
  switch (random.int(0, 6)) {
    case 0:
      return random.pick(PROTOTYPE_NAMES);
    case 1:
      return random.pick(ODD_STRINGS);
    case 2:
      return hugeString(random);
    case 3:
      return deep(random);
    case 4:
      return Array.from({ length: random.chance(0.1) ? random.int(1000, 3000) : random.int(0, 100) }, () =>
        random.pick<Json>([random.pick(PROTOTYPE_NAMES), 1, null, {}]),
      );
    case 5: {
      const object: { [key: string]: Json } = {};
      for (let i = random.int(1, 6); i > 0; i--)
        define(object, random.pick(PROTOTYPE_NAMES), random.pick<Json>([random.pick(PROTOTYPE_NAMES), 1, { value: 'x' }]));
      return object;
    }
    default:
      return random.pick<Json>([Number.MAX_SAFE_INTEGER + 2, -1, 0.5, true, null, []]);
  }
}

/** A real row with one to four of its keys or values replaced by hostile ones. */
function hostileRow(random: Random): Json {
  const row = clone(random.pick(BASE_ROWS));
  for (let changes = random.int(1, 4); changes > 0; changes--) {
    const all = paths(row).filter((path) => path.length > 0);
    const path = random.pick(all);
    const parent = at(row, path.slice(0, -1));
    const last = path[path.length - 1];
    if (Array.isArray(parent)) {
      parent[last as number] = hostileValue(random);
    } else if (parent && typeof parent === 'object') {
      const object = parent as { [key: string]: Json };
      if (random.chance(0.5)) {
        // Rename the key (to a prototype name, mostly), keeping its value.
        const value = object[last as string];
        delete object[last as string];
        define(object, random.chance(0.8) ? random.pick(PROTOTYPE_NAMES) : random.pick(ODD_STRINGS), value);
      } else {
        define(object, last as string, hostileValue(random));
      }
    }
  }
  if (random.chance(0.3)) define(row as { [key: string]: Json }, random.pick(PROTOTYPE_NAMES), hostileValue(random));
  return row;
}

/** JSON text of a value, with now and then a number or literal only text can hold put in place of a value. */
function textOf(random: Random, rows: Json[], indent: boolean): string {
  let text = JSON.stringify(rows, null, indent ? 2 : undefined) ?? 'null';
  if (random.chance(0.3))
    text = text.replace(/: (-?\d+(\.\d+)?)/, `: ${random.pick(ODD_VALUE_TEXTS)}`).replace(/:(-?\d+(\.\d+)?)(?=[,}])/, `:${random.pick(ODD_VALUE_TEXTS)}`);
  return text;
}

const SYNTAX = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  ' ',
  '\n',
  '\r\n',
  'true',
  'nul',
  '1e',
  '-',
  '"__proto__":',
  '"constructor":',
  '\u2028',
  '\ud83d',
  '/*',
  '\t',
];

/** Text-level damage: cuts, splices, stray syntax, repeated pieces. */
function damage(random: Random, text: string): string {
  let result = text;
  for (let changes = random.int(1, 5); changes > 0; changes--) {
    const position = random.int(0, result.length);
    switch (random.int(0, 4)) {
      case 0:
        result = result.slice(0, position);
        break;
      case 1:
        result = result.slice(0, position) + random.pick(SYNTAX).repeat(random.int(1, 20)) + result.slice(position);
        break;
      case 2:
        result = result.slice(0, position) + result.slice(position + random.int(1, 200));
        break;
      case 3: {
        const from = random.int(0, result.length);
        result = result.slice(0, position) + result.slice(from, from + random.int(1, 300)) + result.slice(position);
        break;
      }
      default:
        result = result.slice(0, position) + random.pick(SYNTAX) + result.slice(position + 1);
    }
  }
  return result;
}

/** Whole files of one odd shape. */
function oddFile(random: Random): string {
  switch (random.int(0, 9)) {
    case 0:
      return '['.repeat(random.int(100, 12_000)) + ']'.repeat(random.int(0, 12_000));
    case 1:
      return `[${'{"a":'.repeat(random.int(100, 5000))}1${'}'.repeat(random.int(0, 5000))}]`;
    case 2:
      return `[${JSON.stringify(BASE_ROWS.slice(0, 40))}${', '.repeat(random.int(1000, 60_000))}]`;
    case 3:
      return `[{"row_data":"${'\\u0041'.repeat(random.int(1000, 40_000))}","global_key":"${'x'.repeat(random.int(0, 500))}"}]`;
    case 4:
      return '\ufeff' + ' '.repeat(random.int(0, 100_000)) + '[' + ' \t\r\n'.repeat(random.int(0, 20_000)) + ']';
    case 5:
      return `[${Array.from({ length: random.int(1, 2000) }, () => `{"global_key":"k","${random.pick(PROTOTYPE_NAMES)}":${random.int(0, 9)}}`).join(',')}]`;
    case 6:
      return Array.from({ length: random.int(10, 3000) }, () => String.fromCharCode(random.int(0, 0xffff))).join('');
    case 7:
      return `{"${random.pick(PROTOTYPE_NAMES)}": [${JSON.stringify(BASE_ROWS[0])}]}`;
    case 8:
      return `[${'"'.repeat(random.int(1, 9999))}]`;
    default:
      return '';
  }
}

/** One hostile document: mostly real rows made hostile, some damaged as text, some odd as a whole. */
export function hostileDocument(random: Random): string {
  const roll = random.next();
  if (roll < 0.12) return oddFile(random);
  const rows: Json[] = [];
  for (let count = random.int(1, 8); count > 0; count--) rows.push(random.chance(0.7) ? hostileRow(random) : clone(random.pick(BASE_ROWS)));
  if (random.chance(0.05)) rows.push(random.pick<Json>([[], 'row', 7, null, [[BASE_ROWS[0]]]]));
  const text = textOf(random, rows, random.chance(0.6));
  return roll < 0.5 ? damage(random, text) : text;
}

export interface Edit {
  offset: number;
  removedLength: number;
  text: string;
}

/** Edits as an editor sends them: typing, deleting, pasting, replacing, anywhere in the text. */
export function hostileEdits(random: Random, text: string, count: number): Edit[] {
  const edits: Edit[] = [];
  let length = text.length;
  for (let i = 0; i < count; i++) {
    const offset = random.int(0, length);
    const removedLength = random.chance(0.4) ? Math.min(length - offset, random.int(0, random.chance(0.1) ? 5000 : 40)) : 0;
    const inserted = random.chance(0.2)
      ? JSON.stringify(hostileRow(random)) + random.pick([',', '', ',\n'])
      : random.chance(0.1)
        ? random.pick(PROTOTYPE_NAMES)
        : Array.from({ length: random.int(0, 6) }, () => random.pick(SYNTAX)).join('');
    edits.push({ offset, removedLength, text: inserted });
    length += inserted.length - removedLength;
  }
  return edits;
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.removedLength);
}

const UNREADABLE = /\[native code\]|\[object \w+\]|function \w*\(\)|\bundefined\b(?!")|\bNaN\b/g;

/**
 * What is wrong with a message, or undefined when it reads as text: not empty, and no piece
 * of a function's source or of an object's default string, unless the file itself holds that
 * piece (a key written "[object Object]" is quoted as it is).
 */
export function unreadable(message: unknown, fileText = ''): string | undefined {
  if (typeof message !== 'string') return `a message of type ${typeof message}`;
  if (!message.trim()) return 'an empty message';
  for (const match of message.matchAll(UNREADABLE)) {
    if (!fileText.includes(match[0])) return `an unreadable message: ${message.slice(0, 200)}`;
  }
  return undefined;
}
