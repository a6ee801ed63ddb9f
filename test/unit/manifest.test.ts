import { test } from 'node:test';
import assert from 'node:assert/strict';
import manifest from '../../package.json';
import { RULES } from '../../server/src/service/rules';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';

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
});

test("the manifest's defaults are the server's defaults", () => {
  assert.deepEqual(settings['labelboxImport.files'].default, DEFAULT_SETTINGS.files);
  assert.equal(settings['labelboxImport.detectByContent'].default, DEFAULT_SETTINGS.detectByContent);
  assert.equal(settings['labelboxImport.maxProblems'].default, DEFAULT_SETTINGS.maxProblems);
});

test('activates on JSON languages only (and to restore a preview panel), never on everything', () => {
  assert.ok(!manifest.activationEvents.includes('*'));
  for (const event of manifest.activationEvents) assert.match(event, /^(onLanguage:(json|jsonc|labelbox-json)|onWebviewPanel:labelboxImport\.preview)$/);
});

test('every command is in the Labelbox category', () => {
  for (const command of manifest.contributes.commands) assert.equal(command.category, 'Labelbox', command.command);
});

test('the README lists every rule code and every setting', async () => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const code of Object.keys(RULES)) assert.ok(readme.includes(`| \`${code}\` |`), `README misses rule ${code}`);
  for (const id of Object.keys(settings)) assert.ok(readme.includes(`\`${id}\``), `README misses setting ${id}`);
});
