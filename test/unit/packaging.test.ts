import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import manifest from '../../package.json';

const ROOT = path.resolve(__dirname, '..', '..');

/** What the VSIX may hold besides the files every build has: the preview's webview bundle. */
const OPTIONAL = [/^dist\/webview[\w-]*\.(js|css)$/, /^dist\/webview-assets\//, /^media\//];
const REQUIRED = [
  'package.json',
  'dist/extension.js',
  'dist/server.js',
  // The server checks rows of big files on worker threads that load it.
  'dist/checkWorker.js',
  'language-configuration.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'images/icon.png',
];

async function packagedFiles(): Promise<string[]> {
  assert.ok(existsSync(path.join(ROOT, 'dist', 'server.js')), 'run "npm run build" first');
  // @vscode/vsce has no type declarations; packageManager 2 is None (everything is bundled).
  const { listFiles } = require('@vscode/vsce') as { listFiles(options: Record<string, unknown>): Promise<string[]> };
  return (await listFiles({ cwd: ROOT, packageManager: 2 })).map((file) => file.replace(/\\/g, '/'));
}

test('the VSIX holds the bundles, schemas, grammar, docs and icon, and nothing else', async () => {
  const files = await packagedFiles();
  for (const file of REQUIRED) assert.ok(files.includes(file), `${file} is packaged`);
  assert.ok(
    files.some((file) => /^schemas\/.+\.json$/.test(file)),
    'the schemas are packaged',
  );
  for (const file of files) {
    const allowed = REQUIRED.includes(file) || /^(schemas|syntaxes)\/[^/]+\.json$/.test(file) || OPTIONAL.some((pattern) => pattern.test(file));
    assert.ok(allowed, `${file} should not be in the VSIX (add it to .vscodeignore's whitelist if it must be)`);
  }
});

test('every file the manifest points at is packaged', async () => {
  const files = await packagedFiles();
  const referenced = [
    manifest.main,
    manifest.icon,
    ...manifest.contributes.languages.map((language) => language.configuration),
    ...manifest.contributes.grammars.map((grammar) => grammar.path),
  ];
  for (const reference of referenced) assert.ok(files.includes(path.posix.normalize(reference)), `${reference} is packaged`);
});

test('the manifest has what the marketplace shows', () => {
  for (const field of ['publisher', 'displayName', 'description', 'icon', 'license', 'categories', 'keywords', 'repository'] as const) {
    assert.ok(manifest[field], `package.json has ${field}`);
  }
  assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
  assert.ok(existsSync(path.join(ROOT, 'CHANGELOG.md')) && existsSync(path.join(ROOT, 'LICENSE')));
});

test('the icon is a 128×128 PNG', () => {
  const png = readFileSync(path.join(ROOT, manifest.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  // The IHDR chunk holds the width and height right after the signature and chunk header.
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
});
