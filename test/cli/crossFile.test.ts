import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Global keys across the files of one command line (the built dist/cli.js as a process): a
 * key an earlier file uses is reported in the later one, the same way whatever order the files
 * are given in; --imported makes it an error; --no-cross-file turns it off.
 */

const repo = join(import.meta.dirname, '..', '..');
const cli = join(repo, 'dist', 'cli.js');
let scratch = '';

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'labelbox-import-cross-'));
  mkdirSync(join(scratch, 'batches'));
  const row = (n: number, key: string) => `  { "row_data": "https://example.com/${n}.jpg", "global_key": ${JSON.stringify(key)}, "media_type": "IMAGE" }`;
  writeFileSync(join(scratch, 'batches', 'batch-001.labelbox.json'), `[\n${[row(1, 'plots/IMG_0001.jpg'), row(2, 'plots/IMG_0002.jpg')].join(',\n')}\n]\n`);
  writeFileSync(
    join(scratch, 'batches', 'batch-002.labelbox.json'),
    `[\n${[row(3, 'plots/IMG_0003.jpg'), row(2, 'PLOTS/img_0002.JPG'), row(4, 'plots/img_0002.jpg')].join(',\n')}\n]\n`,
  );
  writeFileSync(join(scratch, 'batches', 'batch-003.labelbox.json'), `[\n${row(5, 'plots/IMG_0005.jpg')}\n]\n`);
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'validate', '--no-settings', ...args], {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('a key an earlier file uses is a warning at the first row of the later file that uses it, naming the file and row', () => {
  const result = run(['batches/*.json']);
  // 1: batch-002 also repeats the key in one file (an error).
  assert.equal(result.status, 1, result.stderr);
  const lines = result.stdout.split('\n').filter((line) => line.includes('global-key-in-other-file'));
  assert.deepEqual(lines.length, 1, result.stdout);
  assert.match(
    lines[0],
    /^batches\/batch-002\.labelbox\.json:3:\d+ warning global-key-in-other-file Global key "PLOTS\/img_0002\.JPG" is already used as "plots\/IMG_0002\.jpg" \(global keys are compared without regard to case\) in batches\/batch-001\.labelbox\.json \(row 2\), which comes before this file \(by path\)\./,
  );
  // The later row of the same file keeps the in-file rule.
  assert.match(result.stdout, /batch-002\.labelbox\.json:4:\d+ error duplicate-global-key/);
});

test('the files given in another order give the same output', () => {
  const forward = run(['batches/batch-001.labelbox.json', 'batches/batch-002.labelbox.json', 'batches/batch-003.labelbox.json']);
  const backward = run(['batches/batch-003.labelbox.json', 'batches/batch-002.labelbox.json', 'batches/batch-001.labelbox.json']);
  assert.equal(backward.stdout, forward.stdout);
  assert.match(forward.stdout, /global-key-in-other-file/);
});

test('--imported: the marked file comes first, and a key it uses is an error (exit 1)', () => {
  const result = run(['--imported', 'batches/batch-002*', 'batches/*.json']);
  assert.equal(result.status, 1, result.stdout);
  assert.match(
    result.stdout,
    /^batches\/batch-001\.labelbox\.json:3:\d+ error global-key-already-imported Global key "plots\/IMG_0002\.jpg" is already used as "PLOTS\/img_0002\.JPG" .* in batches\/batch-002\.labelbox\.json \(row 2\), which is marked as imported/m,
  );
  assert.doesNotMatch(result.stdout, /global-key-in-other-file/);
});

test('--no-cross-file checks each file alone', () => {
  const result = run(['--no-cross-file', 'batches/*.json']);
  assert.equal(result.status, 1, result.stdout);
  assert.doesNotMatch(result.stdout, /global-key-in-other-file|global-key-already-imported/);
  assert.match(result.stdout, /duplicate-global-key/);
});

test('the settings file: globalKeys.importedFiles marks files, globalKeys.acrossFiles turns the check off', () => {
  const settings = join(scratch, 'settings.json');
  writeFileSync(settings, JSON.stringify({ 'labelboxImport.globalKeys.importedFiles': ['batches/batch-002.labelbox.json'] }));
  const marked = spawnSync(process.execPath, [cli, 'validate', '--settings', settings, 'batches/*.json'], { cwd: scratch, encoding: 'utf8' });
  assert.match(marked.stdout, /error global-key-already-imported/);
  writeFileSync(settings, JSON.stringify({ labelboxImport: { globalKeys: { acrossFiles: false } } }));
  const off = spawnSync(process.execPath, [cli, 'validate', '--settings', settings, 'batches/*.json'], { cwd: scratch, encoding: 'utf8' });
  assert.doesNotMatch(off.stdout, /global-key-in-other-file/);
  const on = spawnSync(process.execPath, [cli, 'validate', '--settings', settings, '--imported', 'nothing', 'batches/*.json'], {
    cwd: scratch,
    encoding: 'utf8',
  });
  assert.doesNotMatch(on.stdout, /global-key-in-other-file/);
});

test('JSON and SARIF carry the other file as a related place', () => {
  const json = JSON.parse(run(['--format', 'json', 'batches/*.json']).stdout) as Array<{ code: string; related?: unknown }>;
  const found = json.find((item) => item.code === 'global-key-in-other-file');
  assert.deepEqual(found?.related, [
    {
      file: 'batches/batch-001.labelbox.json',
      range: { start: { line: 3, column: 60 }, end: { line: 3, column: 80 } },
      message: 'Row 2 of batches/batch-001.labelbox.json uses this global key first',
    },
  ]);
  const sarif = JSON.parse(run(['--format', 'sarif', 'batches/*.json']).stdout) as {
    runs: Array<{
      results: Array<{ ruleId: string; relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
    }>;
  };
  const result = sarif.runs[0].results.find((item) => item.ruleId === 'global-key-in-other-file');
  assert.equal(result?.relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'batches/batch-001.labelbox.json');
  assert.equal(result?.relatedLocations?.[0].physicalLocation.region.startLine, 3);
});
