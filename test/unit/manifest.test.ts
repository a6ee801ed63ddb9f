import { test } from 'node:test';
import assert from 'node:assert/strict';
import manifest from '../../package.json';
import { RULES } from '../../service/rules';
import { DEFAULT_SETTINGS } from '../../server/lsp/settings';
import { SETTING_DEFAULTS, SETTINGS_SECTION } from '../../common/settings';
import { DEFAULT_MAX_PROBLEMS } from '../../service';
import { rulesTable, settingDescription } from '../../scripts/ruleDocs';

const settings = manifest.contributes.configuration.properties;

test('every setting has a scope and a markdown description', () => {
  for (const [id, setting] of Object.entries(settings)) {
    assert.ok((setting as { scope?: string }).scope, `${id} has no scope`);
    assert.ok((setting as { markdownDescription?: string }).markdownDescription, `${id} has no markdownDescription`);
  }
});

test('the severity setting lists every rule code with its default', () => {
  const properties = (settings['labelboxImport.severity'] as unknown as { properties: Record<string, { markdownDescription: string }> }).properties;
  const codes = Object.keys(RULES).filter((code) => code !== 'too-many-problems');
  assert.deepEqual(Object.keys(properties).sort(), codes.sort());
  for (const code of codes) assert.match(properties[code].markdownDescription, new RegExp(`Default: \`${RULES[code as keyof typeof RULES].severity}\``));
  for (const code of codes)
    assert.equal(
      properties[code].markdownDescription,
      settingDescription(RULES[code as keyof typeof RULES]),
      `${code}: run npx tsx scripts/syncSeveritySetting.ts`,
    );
});

test("the manifest's defaults are the server's defaults", () => {
  assert.deepEqual(settings['labelboxImport.files'].default, DEFAULT_SETTINGS.files);
  assert.equal(settings['labelboxImport.detectByContent'].default, DEFAULT_SETTINGS.detectByContent);
  assert.equal(settings['labelboxImport.maxProblems'].default, DEFAULT_SETTINGS.maxProblems);
});

test('every setting of the manifest is in common/settings.ts with the same default, and nothing else is', () => {
  const table = new Map<string, unknown>(Object.entries(SETTING_DEFAULTS).map(([id, value]) => [`${SETTINGS_SECTION}.${id}`, value]));
  assert.deepEqual([...table.keys()].sort(), Object.keys(settings).sort());
  for (const [id, setting] of Object.entries(settings)) assert.deepEqual((setting as { default?: unknown }).default, table.get(id), id);
  // The server's defaults come from the same table; the CLI's cap on problems is the same number.
  assert.equal(DEFAULT_SETTINGS.metadataSchema, SETTING_DEFAULTS.metadataSchema);
  assert.equal(DEFAULT_MAX_PROBLEMS, SETTING_DEFAULTS.maxProblems);
});

test('activates on JSON languages only (and to restore a preview panel), never on everything', () => {
  assert.ok(!manifest.activationEvents.includes('*'));
  for (const event of manifest.activationEvents) assert.match(event, /^(onLanguage:(json|jsonc|labelbox-json)|onWebviewPanel:labelboxImport\.preview)$/);
});

test('every command is in the Labelbox category', () => {
  for (const command of manifest.contributes.commands) assert.equal(command.category, 'Labelbox', command.command);
});

test("the README's rules table is the one the registry makes, with each rule's evidence (run npx tsx scripts/syncSeveritySetting.ts)", async () => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(rulesTable()), 'README.md has the generated rules table');
});

/** Rules about this tool or about JSON itself, not about Labelbox: their evidence needs no Labelbox source. */
const NOT_ABOUT_LABELBOX = new Set(['json-syntax', 'duplicate-key', 'too-many-problems']);

test('every rule records its evidence: why its severity, and a docs page or an SDK place with versions', () => {
  for (const [code, rule] of Object.entries(RULES) as Array<[string, (typeof RULES)[keyof typeof RULES]]>) {
    const evidence = rule.evidence as {
      basis: string;
      docs?: readonly string[];
      sdk?: ReadonlyArray<{ module: string; symbol: string; versions: string }>;
      storage?: readonly string[];
    };
    assert.ok(evidence.basis.length > 20, `${code} says why it has its severity`);
    if (NOT_ABOUT_LABELBOX.has(code)) continue;
    assert.ok((evidence.docs?.length ?? 0) + (evidence.sdk?.length ?? 0) > 0, `${code} names a docs page or an SDK place`);
    for (const url of evidence.docs ?? []) assert.match(url, /^https:\/\/(docs\.)?labelbox\.com\//, `${code}: ${url}`);
    // The storage services' own pages, for rules about their signed URLs.
    for (const url of evidence.storage ?? [])
      assert.match(url, /^https:\/\/(docs\.aws\.amazon\.com|cloud\.google\.com|learn\.microsoft\.com)\//, `${code}: ${url}`);
    for (const sdk of evidence.sdk ?? []) {
      assert.match(sdk.module, /^(src\/labelbox|tests)\/.+\.py$/, `${code}: ${sdk.module}`);
      assert.ok(sdk.symbol && sdk.versions, `${code}: ${sdk.module} names a function and versions`);
    }
  }
});

test('the README lists every rule code and every setting', async () => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const code of Object.keys(RULES)) assert.ok(readme.includes(`| \`${code}\` |`), `README misses rule ${code}`);
  for (const id of Object.keys(settings)) assert.ok(readme.includes(`\`${id}\``), `README misses setting ${id}`);
});
