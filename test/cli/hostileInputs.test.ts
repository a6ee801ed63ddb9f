import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * What a file or a repository controls cannot crash or hang the CLI: prototype-named keys,
 * bad patterns, links that loop, devices where a file is expected, bytes that are not UTF-8.
 */

const CLI = resolve(__dirname, '../../dist/cli.js');
const root = mkdtempSync(join(tmpdir(), 'labelbox-cli-hostile-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A generous bound: these finish in about a second; before the fixes some never did. */
const TIMEOUT_MS = 30_000;

function write(path: string, text: string | Buffer): string {
  const full = join(root, path);
  mkdirSync(resolve(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

function run(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(result.signal, null, `the CLI was stopped after ${TIMEOUT_MS} ms: ${args.join(' ')}`);
  assert.doesNotMatch(result.stderr, /internal error|^\s{4}at /m, result.stderr);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ROW = '"row_data": "https://example.com/a.jpg", "global_key": "a", "media_type": "IMAGE"';

test('a row key named after an Object.prototype member is an unknown property in every output format', () => {
  for (const key of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
    const file = write(`proto-${key}.json`, `[{ ${ROW}, "${key}": 1 }]`);
    const text = run(['validate', file]);
    assert.equal(text.code, 1, text.stdout + text.stderr);
    assert.match(text.stdout, new RegExp(`:1:\\d+ error unknown-property Unknown property "${key}" in a data row\\.`));
    const json = JSON.parse(run(['validate', '--format', 'json', file]).stdout) as Array<{ code: string; message: unknown }>;
    assert.deepEqual(
      json.map((problem) => [problem.code, typeof problem.message]),
      [['unknown-property', 'string']],
    );
    const sarif = JSON.parse(run(['validate', '--format', 'sarif', file]).stdout);
    const results = sarif.runs[0].results as Array<{ ruleId: string; message: { text: unknown } }>;
    assert.deepEqual(
      results.map((result) => [result.ruleId, typeof result.message.text]),
      [['unknown-property', 'string']],
    );
  }
});

test('a pattern that cannot be used is reported with exit status 2; sixteen stars finish', () => {
  const bad = run(['validate', '[z-a].json']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /labelbox-import: "\[z-a\]\.json" has the range "z-a", which is backwards: write "a-z"\./);
  write('stars/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json', `[{ ${ROW} }]`);
  const stars = run(['validate', `stars/${'*a'.repeat(16)}b.json`]);
  assert.equal(stars.code, 2);
  assert.match(stars.stderr, /no files match/);
});

test('the walk does not follow links to folders: a loop ends, and each file is checked once', () => {
  write('walk/data/rows.json', `[{ ${ROW} }]`);
  symlinkSync('..', join(root, 'walk/data/up'));
  symlinkSync(join(root, 'walk/data'), join(root, 'walk/again'));
  symlinkSync(join(root, 'walk/data/rows.json'), join(root, 'walk/linked.json'));
  symlinkSync('/dev/zero', join(root, 'walk/zero.json'));
  const result = run(['validate', '--format', 'json', 'walk/**/*.json']);
  assert.equal(result.code, 0, result.stderr);
  const text = run(['validate', 'walk/**/*.json']);
  assert.match(text.stdout, /No problems found \(2 files, 2 rows\)\./);
});

test('a device or an endless stream is read only up to the cap', () => {
  const zero = run(['validate', '/dev/zero']);
  assert.equal(zero.code, 2);
  assert.match(zero.stderr, /cannot read \/dev\/zero: the file is larger than 500 MB, too large to check/);
  symlinkSync('/dev/zero', join(root, 'zero-link.json'));
  assert.match(run(['validate', 'zero-link.json']).stderr, /cannot read zero-link\.json: the file is larger than 500 MB/);
});

test('a metadata schema that is a link to a device is refused without reading it', () => {
  write('schema-dev/rows.json', `[{ ${ROW} }]`);
  mkdirSync(join(root, 'schema-dev/.labelbox'));
  symlinkSync('/dev/zero', join(root, 'schema-dev/.labelbox/metadata-schema.json'));
  const found = run(['validate', 'schema-dev/rows.json']);
  assert.equal(found.code, 2);
  assert.match(
    found.stderr,
    /metadata schema .*metadata-schema\.json cannot be used: It is not a regular file \(a device, a pipe or a socket\), so it is not read\./,
  );
  assert.match(found.stdout, /No problems found/);
  const given = run(['validate', '--metadata-schema', '/dev/zero', 'schema-dev/rows.json']);
  assert.equal(given.code, 2);
  assert.match(given.stderr, /not a regular file/);
});

test('bytes that are not UTF-8 are an error at their place, not "No problems found"', () => {
  const file = write('latin1.json', Buffer.concat([Buffer.from(`[{ ${ROW}, "external_id": "caf`), Buffer.from([0xe9]), Buffer.from('" }]')]));
  const result = run(['validate', file]);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /latin1\.json:1:\d+ error json-syntax The file is not valid UTF-8 from byte \d+ on \(0xe9\)/);
  for (const bytes of [
    [0xc0, 0x80],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xe2, 0x82],
  ]) {
    const bad = write('bad-utf8.json', Buffer.concat([Buffer.from(`[{ ${ROW}, "external_id": "`), Buffer.from(bytes), Buffer.from('" }]')]));
    assert.match(run(['validate', bad]).stdout, /not valid UTF-8/, bytes.join(' '));
  }
  const good = write('utf8.json', `[{ ${ROW}, "external_id": "café 🌿 東京" }]`);
  assert.equal(run(['validate', good]).code, 0);
});

test('1e400 is named as a number too large to read, not "a number, not a number"', () => {
  const file = write(
    'huge-number.json',
    `[{ ${ROW}, "global_key": 1e400 }, { "row_data": { "tileLayerUrl": "https://t.example.com/{z}/{x}/{y}.png", "bounds": [[1e400, 2], [3, 4]] }, "global_key": "t", "media_type": "TMS_GEO" }]`,
  );
  const result = run(['validate', file]);
  assert.match(result.stdout, /Global key must be a string, not a number too large to be read \(it becomes infinity\)\./);
  assert.match(result.stdout, /bounds\[0\]\[0\] must be a number, not a number too large to be read/);
  assert.doesNotMatch(result.stdout, /a number, not a number\./);
});

test('an array of more elements than are checked is refused with exit status 2 and a reason, exactly that many are checked', () => {
  // Two bytes an element: read in pieces (a big file) and whole (this one), the count stops the check.
  const over = write('tiny-elements.json', `[${'1,'.repeat(1_000_000)}1]`);
  const refused = run(['validate', '--format', 'json', over]);
  assert.equal(refused.code, 2, refused.stderr);
  assert.equal(refused.stdout, '');
  assert.match(
    refused.stderr,
    /cannot check .*tiny-elements\.json: its array has more than 1,000,000 elements, which is more than this tool checks; Labelbox takes at most 150,000 data rows per import: split the file/,
  );

  const atTheCap = write('tiny-elements-at-cap.json', `[${'1,'.repeat(999_999)}1]`);
  const checked = run(['validate', atTheCap]);
  assert.equal(checked.code, 1, checked.stderr);
  assert.match(checked.stdout, /in 1 file, 1,000,000 rows\./);
});
