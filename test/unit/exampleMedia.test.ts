import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { addressesOf, describeRow } from '../../common/preview/rowModel';
import { parseRewrites, resolveAddress, type ResolveContext } from '../../common/node/urlResolver';

/**
 * examples/.vscode/settings.json maps the made-up hosts of the examples to examples/media/
 * (made by scripts/makeExampleMedia.ts), so that the preview of `npm start` shows every asset
 * of the clean examples. Resolved here with the preview's own resolver.
 */

const examples = join(import.meta.dirname, '..', '..', 'examples');
const media = join(examples, 'media');
const CLEAN = ['current-format.labelbox.json', 'mixed-media.labelbox.json', 'legacy-format.labelbox.json'];

function context(): ResolveContext {
  const settings = parseJsonc(readFileSync(join(examples, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
  const folders = [{ name: 'examples', path: examples }];
  const { rules, problems } = parseRewrites(settings['labelboxImport.preview.urlRewrites'], folders);
  assert.deepEqual(problems, []);
  assert.ok(rules.length > 0, 'the examples map their hosts');
  return { rules, workspaceFolders: folders, documentFolder: examples };
}

function sizeOf(folder: string): number {
  return readdirSync(folder, { withFileTypes: true }).reduce(
    (sum, entry) => sum + (entry.isDirectory() ? sizeOf(join(folder, entry.name)) : statSync(join(folder, entry.name)).size),
    0,
  );
}

for (const name of CLEAN) {
  test(`every asset the preview loads for ${name} is in examples/media`, () => {
    const resolveContext = context();
    const rows = JSON.parse(readFileSync(join(examples, name), 'utf8')) as unknown[];
    let checked = 0;
    for (const [index, row] of rows.entries()) {
      const { load, fetch } = addressesOf(describeRow(row, undefined));
      for (const url of [...load, ...fetch]) {
        const resolution = resolveAddress(url, resolveContext);
        assert.equal(resolution.kind, 'local', `row ${index + 1}: ${url} is mapped to a local file`);
        if (resolution.kind !== 'local') continue;
        assert.ok(resolution.path.startsWith(media + sep), `${url} → ${resolution.path} is in examples/media`);
        const brace = resolution.path.indexOf('{');
        if (brace < 0) {
          assert.ok(existsSync(resolution.path), `row ${index + 1}: ${url} → ${resolution.path} exists`);
        } else {
          // A tile layer: some tiles of it exist (which ones is makeExampleMedia's business).
          const layer = resolution.path.slice(0, brace);
          assert.ok(existsSync(layer) && readdirSync(layer).length > 0, `row ${index + 1}: tiles of ${url} exist in ${layer}`);
        }
        checked++;
      }
    }
    assert.ok(checked > 0, `${name} has assets to load`);
  });
}

test('the rewrites map only prefixes the examples use', () => {
  const used = readdirSync(examples)
    .filter((file) => file.endsWith('.json'))
    .map((file) => readFileSync(join(examples, file), 'utf8'))
    .join('\n');
  for (const rule of context().rules) assert.ok(used.includes(`"${rule.from}`), `${rule.from} is used by an example`);
});

test('examples/media stays small (it is committed; the VSIX leaves it out)', () => {
  const size = sizeOf(media);
  assert.ok(size > 100_000 && size < 1.5 * 1024 * 1024, `${size} bytes`);
});
