import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectDiagnostics, createValidationContext, ImportDocument, type ImportDiagnostic } from '../../service';
import { toValue } from '../../service/json/ast';
import { rowDetails } from '../../service/features/rows';
import { convertFileEdits } from '../../service/features/convertToCurrentFormat';
import { addressesOf, describeRow } from '../../common/preview/rowModel';
import { findHostileLookups } from '../../scripts/checkHostileLookups';
import { marked, expectProblem } from './helpers/markedDocument';

/**
 * Keys and values named after Object.prototype's members. A plain object answers them with
 * what it inherits (a function for "constructor", the prototype for "__proto__"), so every
 * lookup of a string from the file must ignore inherited members.
 */

const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];
const context = createValidationContext();
const q = JSON.stringify;

/** A message a person can read: text, not a function's source or an object's default string. */
function assertReadable(diagnostic: ImportDiagnostic, where: string): void {
  assert.equal(typeof diagnostic.message, 'string', `${where}: ${diagnostic.code} has no message`);
  assert.ok(diagnostic.message.length > 0, `${where}: ${diagnostic.code} has an empty message`);
  assert.doesNotMatch(diagnostic.message, /\[native code\]|\[object \w+\]|function \w*\(|=>|undefined\b(?!")/, `${where}: ${diagnostic.message}`);
}

/** Rows with a prototype name `p` as a key or a string value in each place a rule looks at. */
const ROWS: Array<(p: string) => string> = [
  (p) => `{"row_data":"https://x.com/a.jpg","global_key":"a","media_type":${q(p)}}`,
  (p) => `{"row_data":"https://x.com/a.jpg","global_key":"a","media_type":"IMAGE","attachments":[{"type":${q(p)},"value":${q(p)}}]}`,
  (p) =>
    `{"row_data":"https://x.com/a.jpg","global_key":"a","media_type":"IMAGE","metadata_fields":[{"schema_id":${q(p)},"value":"x"},{"name":${q(p)},"value":${q(p)}}]}`,
  (p) => `{"row_data":{"tileLayerUrl":"https://t.example.com/{z}/{x}/{y}.png",${q(p)}:1,"epsg":${q(p)}},"global_key":"a","media_type":"TMS_GEO"}`,
  (p) =>
    `{"row_data":"https://x.com/a.jpg","global_key":"a","media_type":"IMAGE","attachments":[{"type":"IMAGE",${q(p)}:"x","value":"https://x.com/b.jpg"}],"metadata_fields":[{${q(p)}:1,"name":"tag","value":"x"}]}`,
  (p) => `{"imageUrl":"https://x.com/a.jpg","externalId":"a",${q(p)}:2,"metadataFields":[{"schemaId":${q(p)},"value":${q(p)}}]}`,
  (p) =>
    `{"row_data":{"type":"application/vnd.labelbox.conversational","version":1,"messages":[{${q(p)}:1,"messageId":${q(p)},"content":"x","user":{"userId":"u","name":"n"}}]},"global_key":${q(p)},"media_type":"CONVERSATIONAL"}`,
  (p) => `{"row_data":{"pdf_url":"https://x.com/a.pdf",${q(p)}:"x"},"global_key":"a","media_type":"PDF"}`,
  (p) => `{"row_data":"https://x.com/a.jpg","global_key":"a","media_type":"IMAGE","x":${p}}`,
];

test('a prototype-named key or value anywhere in a row: every problem has a readable message, the key is reported as unknown', () => {
  for (const p of PROTOTYPE_NAMES) {
    for (const [index, row] of ROWS.entries()) {
      // Clean (JSON.parse, checked without positions) and with a trailing comma (the tolerant parser's tree).
      for (const text of [`[${row(p)}]`, `[${row(p).replace(/}$/, ',}')}]`]) {
        const where = `row ${index} with ${p}: ${text}`;
        const diagnostics = collectDiagnostics(new ImportDocument(text, context));
        for (const diagnostic of diagnostics) assertReadable(diagnostic, where);
      }
    }
  }
});

test('a prototype-named key at the top of a row is an unknown property, in both formats and both parsers', () => {
  for (const p of PROTOTYPE_NAMES) {
    for (const trailing of ['', ',']) {
      const current = marked(`[{ "row_data": "https://x.com/a.jpg", "global_key": "a", "media_type": "IMAGE", ⟦${q(p)}⟧: 1${trailing} }]`);
      expectProblem(current, 'unknown-property', { range: 0, message: `Unknown property ${q(p)}` });
      const legacy = marked(`[{ "imageUrl": "https://x.com/a.jpg", "externalId": "a", ⟦${q(p)}⟧: 1${trailing} }]`);
      expectProblem(legacy, 'unknown-property', { range: 0, message: `Unknown property ${q(p)}` });
    }
  }
});

test('"__proto__" stays an ordinary key: an asset hidden under it is still missing', () => {
  for (const trailing of ['', ',']) {
    const doc = marked(`[⟦{ "global_key": "a", "media_type": "IMAGE", "__proto__": { "row_data": "https://x.com/a.jpg" }${trailing} }⟧]`);
    expectProblem(doc, 'missing-asset');
  }
  const parsed = new ImportDocument('[{ "row_data": "https://x.com/a.jpg", "__proto__": { "polluted": 1 }, }]', context);
  const tree = parsed.rowTree(0)!;
  const value = toValue(tree) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ['row_data', '__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(rowDetails(parsed, 0)?.value, JSON.parse('{ "row_data": "https://x.com/a.jpg", "__proto__": { "polluted": 1 } }'));
});

test('converting a legacy row keeps prototype-named keys as keys', () => {
  const text = '[{ "imageUrl": "https://x.com/a.jpg", "constructor": 1, "__proto__": { "a": 2 }, "toString": "x" }]';
  const document = new ImportDocument(text, context);
  let converted = text;
  for (const edit of [...convertFileEdits(document)].sort((a, b) => b.offset - a.offset)) {
    converted = converted.slice(0, edit.offset) + edit.newText + converted.slice(edit.offset + edit.length);
  }
  assert.deepEqual(
    JSON.parse(converted),
    JSON.parse('[{ "row_data": "https://x.com/a.jpg", "media_type": "IMAGE", "constructor": 1, "__proto__": { "a": 2 }, "toString": "x" }]'),
  );
});

test('the preview model of rows with prototype-named media types, attachment types and schema ids', () => {
  for (const p of PROTOTYPE_NAMES) {
    const row = JSON.parse(
      `{"row_data":"https://x.com/a.jpg","media_type":${q(p)},"attachments":[{"type":${q(p)},"value":"https://x.com/b.jpg"}],"metadata_fields":[{"schema_id":${q(p)},"value":${q(p)}}]}`,
    );
    const model = describeRow(row, p, JSON.parse('{"cl0000000000000000000000a":"weather"}'));
    // A media type Labelbox does not know, on a URL that is plainly an image: shown as the image, with the problem named.
    assert.equal(model.asset.kind, 'image', p);
    assert.match(
      String((model.asset as { note?: string }).note),
      new RegExp(`media_type "${p.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}" is not a media type Labelbox knows`),
      p,
    );
    assert.deepEqual(model.attachments, [{ type: p, kind: 'unknown', value: 'https://x.com/b.jpg', problem: `Unknown attachment type ${p}.` }], p);
    assert.deepEqual(model.metadata, [{ schemaId: p, value: p }], p);
    assert.deepEqual(addressesOf(model), { load: ['https://x.com/a.jpg'], fetch: [], link: [] }, p);
    const tiled = describeRow(JSON.parse(`{"row_data":{"tileLayerUrl":"https://t/{z}/{x}/{y}.png",${q(p)}:5},"media_type":"TMS_GEO"}`), 'TMS_GEO');
    assert.equal(tiled.asset.kind, 'tiled', p);
  }
});

test('no lookup of a string key in a plain object in the product code (scripts/checkHostileLookups.ts)', () => {
  assert.deepEqual(
    findHostileLookups().map((finding) => `${finding.file}:${finding.line}: ${finding.why}: ${finding.text}`),
    [],
  );
});

test('the lookup check finds each kind of hostile lookup', () => {
  const folder = mkdtempSync(join(tmpdir(), 'hostile-lookups-'));
  try {
    writeFileSync(
      join(folder, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2022'], noEmit: true, types: [] }, include: ['*.ts'] }),
    );
    writeFileSync(
      join(folder, 'sample.ts'),
      [
        'const table: Record<string, string> = { a: "b" };',
        'export function lookups(key: string, row: { [key: string]: unknown }, known: "a" | "b", list: string[]): unknown[] {',
        '  const found: unknown[] = [table[key], key in row, table[known], list[0], "a" in row];',
        '  for (const name in row) found.push(name);',
        '  row[key] = 1;',
        '  found.push(row.hasOwnProperty(key), Object.assign({}, row), Object.assign({}, { a: 1 }));',
        '  return found;',
        '}',
      ].join('\n'),
    );
    const findings = findHostileLookups([join(folder, 'tsconfig.json')], () => true);
    assert.deepEqual(
      findings.map((finding) => [finding.line, finding.text]),
      [
        [3, 'table[key]'],
        [3, 'key in row'],
        [4, 'for (const name in row) found.push(name);'],
        [5, 'row[key]'],
        [6, 'row.hasOwnProperty(key)'],
        [6, 'Object.assign({}, row)'],
      ],
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
