import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../service';
import { KEY_RULES, ROW_RULES } from '../../service/validation/validateRow';

/**
 * Every row check exported by a file of `service/validation/rules/` (a function named
 * `check…` that takes only the row's check) runs on every row: it is in `KEY_RULES` or
 * `ROW_RULES` (validateRow.ts). A check written but never registered would pass its own file's
 * tests through a direct call and never run in the editor or the CLI.
 */
const rulesFolder = join(import.meta.dirname, '../../service/validation/rules');

test('every exported row check in service/validation/rules/ is registered in validateRow.ts', async () => {
  const registered = new Set<unknown>([...KEY_RULES, ...ROW_RULES]);
  const unregistered: string[] = [];
  let found = 0;
  for (const file of readdirSync(rulesFolder).filter((name) => name.endsWith('.ts'))) {
    const module = (await import(join(rulesFolder, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      // A helper that other rules call (checkMetadataValue) takes more than the row's check.
      if (!name.startsWith('check') || typeof value !== 'function' || value.length !== 1) continue;
      found++;
      if (!registered.has(value)) unregistered.push(`${file}: ${name}`);
    }
  }
  assert.deepEqual(unregistered, []);
  assert.equal(found, registered.size, 'every registered rule is an exported check of rules/');
});

test("every source a rule's evidence names (docs page, SDK module) is in docs/import-format.md with the facts it gives", () => {
  const facts = readFileSync(join(import.meta.dirname, '../../docs/import-format.md'), 'utf8');
  const missing: string[] = [];
  for (const [code, rule] of Object.entries(RULES)) {
    const evidence = rule.evidence as { docs?: readonly string[]; sdk?: ReadonlyArray<{ module: string }>; storage?: readonly string[] };
    for (const url of [...(evidence.docs ?? []), ...(evidence.storage ?? [])]) if (!facts.includes(url.replace(/#.*$/, ''))) missing.push(`${code}: ${url}`);
    for (const { module } of evidence.sdk ?? []) if (!facts.includes(module)) missing.push(`${code}: ${module}`);
  }
  assert.deepEqual(missing, []);
});
