import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics, createValidationContext, ImportDocument } from '../../service';
import { getProperty, type JsonNode, type JsonValue } from '../../service/json/ast';
import { JsonParser } from '../../service/json/parser';
import { nodeOfValue } from '../../service/json/valueNodes';

/**
 * A row decides how many keys it has. Each unknown key is looked up by name to be reported
 * (and placed in the text): searched one by one among the row's keys, a row of 300,000
 * unknown keys (a 3.5 MB file) took minutes. The lookups must cost the same at any number of keys.
 */

const context = createValidationContext();

function rowWithUnknownKeys(count: number): string {
  const keys: string[] = [];
  for (let index = 0; index < count; index++) keys.push(`"unknown_${index}": ${index}`);
  return `[{ "row_data": "https://media.example-lab.org/a.jpg", "global_key": "a", ${keys.join(', ')} }]`;
}

function checkMs(count: number): number {
  const started = performance.now();
  const document = new ImportDocument(rowWithUnknownKeys(count), context);
  const unknown = collectDiagnostics(document, { maxProblems: count }).filter((diagnostic) => diagnostic.code === 'unknown-property');
  const ms = performance.now() - started;
  assert.equal(unknown.length, count);
  return ms;
}

test('a row of 40,000 unknown keys is checked in time linear in its keys, each key reported', () => {
  checkMs(10_000);
  const few = Math.min(checkMs(10_000), checkMs(10_000));
  const many = Math.min(checkMs(40_000), checkMs(40_000));
  // Four times the keys: about four times the time; searched one by one, sixteen times.
  assert.ok(many < few * 8 + 500, `10,000 keys ${Math.round(few)} ms, 40,000 keys ${Math.round(many)} ms`);
});

/** Looks up every key of an object of `count` keys by name, on the tree `treeOf` makes of its text. */
function lookupMs(count: number, treeOf: (text: string) => JsonNode | undefined): number {
  const keys: string[] = [];
  for (let index = 0; index < count; index++) keys.push(`"key_${index}": ${index}`);
  const tree = treeOf(`{ ${keys.join(', ')} }`);
  assert.equal(tree?.type, 'object');
  const started = performance.now();
  for (let index = count - 1; index >= 0; index--) assert.equal(getProperty(tree, `key_${index}`)?.key.value, `key_${index}`);
  return performance.now() - started;
}

test('keys are looked up by name in the same time at any number of keys, on both kinds of tree', () => {
  const trees: Array<[string, (text: string) => JsonNode | undefined]> = [
    ['parsed with positions', (text) => new JsonParser(text).parseRelativeValue()],
    ['over a parsed value', (text) => nodeOfValue(JSON.parse(text) as JsonValue)],
  ];
  for (const [kind, treeOf] of trees) {
    lookupMs(20_000, treeOf);
    const few = Math.min(lookupMs(20_000, treeOf), lookupMs(20_000, treeOf));
    const many = Math.min(lookupMs(80_000, treeOf), lookupMs(80_000, treeOf));
    // Four times the keys: about four times the time; searched one by one, sixteen times.
    assert.ok(many < few * 8 + 50, `${kind}: 20,000 keys ${Math.round(few)} ms, 80,000 keys ${Math.round(many)} ms`);
  }
});
