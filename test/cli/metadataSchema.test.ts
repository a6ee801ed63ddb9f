import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RULES, type Severity } from '../../service/rules';

/** The CLI's --metadata-schema option and its search for .labelbox/metadata-schema.json, run as a process. */

const CLI = resolve(__dirname, '../../dist/cli.js');
/** Without a schema an unknown field may exist: the rule's default severity, not an error. */
const UNKNOWN_DEFAULT: Severity = RULES['unknown-metadata-field'].severity;
/** How the text format prints a severity. */
const textSeverity = (severity: Severity) => (severity === 'information' ? 'info' : severity);
const ANSWER = resolve(__dirname, '../fixtures/metadata/ontology-answer.json');
const root = mkdtempSync(join(tmpdir(), 'labelbox-cli-metadata-'));
after(() => rmSync(root, { recursive: true, force: true }));

const ROWS = JSON.stringify(
  [
    {
      row_data: 'https://example.com/a.jpg',
      global_key: 'a',
      media_type: 'IMAGE',
      metadata_fields: [
        { name: 'wether', value: 'sunny' },
        { name: 'altitude_m', value: 'twelve' },
      ],
    },
  ],
  null,
  1,
);

function write(path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(resolve(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

function run(args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? root,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Problem {
  file: string;
  code: string;
  severity: string;
  message: string;
}

/** The metadata problems of the JSON output, grouped by file in the order given. */
function metadataProblems(stdout: string, files: string[]): Problem[][] {
  const problems = (JSON.parse(stdout) as Problem[]).filter((problem) => problem.code.includes('metadata'));
  return files.map((file) => problems.filter((problem) => problem.file === file));
}

// Two projects with their own schema, one without any.
mkdirSync(join(root, 'org-a/.labelbox'), { recursive: true });
cpSync(ANSWER, join(root, 'org-a/.labelbox/metadata-schema.json'));
write('org-a/data/deep/rows.json', ROWS);
write('org-b/.labelbox/metadata-schema.json', JSON.stringify([{ id: 'clrw3wether00000f8l1aa2b3c', name: 'wether', kind: 'CustomMetadataString' }]));
write('org-b/rows.json', ROWS);
write('plain/rows.json', ROWS);

test('finds .labelbox/metadata-schema.json by walking up from the checked file', () => {
  const result = run(['validate', 'org-a/data/deep/rows.json']);
  assert.equal(result.code, 1, result.stderr);
  assert.match(
    result.stdout,
    /error unknown-metadata-field No metadata field is named "wether"\. Did you mean "weather"\?.*\(org-a\/\.labelbox\/metadata-schema\.json\)/,
  );
  assert.match(result.stdout, /error invalid-metadata-value "altitude_m" is a number field/);
  assert.equal(result.stderr, '');
});

test('each file uses the schema of its own tree; a file without one gets no errors for custom fields', () => {
  const result = run(['validate', '--format', 'json', 'org-a/data/deep/rows.json', 'org-b/rows.json', 'plain/rows.json']);
  assert.equal(result.code, 1, result.stderr);
  const [a, b, plain] = metadataProblems(result.stdout, ['org-a/data/deep/rows.json', 'org-b/rows.json', 'plain/rows.json']);
  assert.deepEqual(
    a.map((d) => d.severity),
    ['error', 'error'],
  );
  // org-b knows "wether" (a text field) but not altitude_m.
  assert.deepEqual(
    b.map((d) => [d.code, d.severity]),
    [['unknown-metadata-field', 'error']],
  );
  assert.match(b[0].message, /"altitude_m"/);
  assert.deepEqual(
    plain.map((d) => d.severity),
    [UNKNOWN_DEFAULT, UNKNOWN_DEFAULT],
  );
  assert.notEqual(UNKNOWN_DEFAULT, 'error');
});

test('--metadata-schema FILE is used for every file instead of the ones found', () => {
  const result = run([
    'validate',
    '--format',
    'json',
    '--metadata-schema',
    'org-b/.labelbox/metadata-schema.json',
    'plain/rows.json',
    'org-a/data/deep/rows.json',
  ]);
  assert.equal(result.code, 1, result.stderr);
  for (const problems of metadataProblems(result.stdout, ['plain/rows.json', 'org-a/data/deep/rows.json'])) {
    assert.deepEqual(
      problems.map((d) => [d.code, d.severity]),
      [['unknown-metadata-field', 'error']],
    );
  }
  assert.equal(run(['validate', '--metadata-schema=org-a/.labelbox/metadata-schema.json', 'plain/rows.json']).code, 1);
});

test('standard input uses the schema found from the working folder', () => {
  const result = run(['validate', '-'], { cwd: join(root, 'org-a/data'), input: ROWS });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /Did you mean "weather"/);
  assert.equal(run(['validate', '-'], { cwd: join(root, 'plain'), input: ROWS }).code, 0);
});

test('a missing or broken --metadata-schema stops with exit status 2 and a clear message', () => {
  const missing = run(['validate', '--metadata-schema', 'nope.json', 'plain/rows.json']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.equal(missing.stderr, 'labelbox-import: cannot read the metadata schema nope.json: no such file\n');
  write('broken.json', '[{ "id": "x", "name": "camera" }]');
  const broken = run(['validate', '--metadata-schema', 'broken.json', 'plain/rows.json']);
  assert.equal(broken.code, 2);
  assert.equal(broken.stdout, '');
  assert.match(broken.stderr, /^labelbox-import: the metadata schema broken\.json cannot be used: Field 1 \("camera"\) needs a "kind"/);
  assert.equal(run(['validate', '--metadata-schema'], {}).code, 2);
});

test('a broken schema found on the way is reported once; the files are still checked without it; exit status 2', () => {
  write('org-c/.labelbox/metadata-schema.json', '{ "data": ');
  write('org-c/one.json', ROWS);
  write('org-c/two.json', ROWS);
  const result = run(['validate', 'org-c/one.json', 'org-c/two.json']);
  assert.equal(result.code, 2);
  const messages = result.stderr.trim().split('\n');
  assert.equal(messages.length, 1, result.stderr);
  assert.match(messages[0], /^labelbox-import: the metadata schema org-c\/\.labelbox\/metadata-schema\.json cannot be used: The file is not valid JSON/);
  assert.match(
    result.stdout,
    new RegExp(`org-c/one\\.json:.* ${textSeverity(UNKNOWN_DEFAULT)} unknown-metadata-field .*cannot be used: The file is not valid JSON`),
  );
  assert.match(result.stdout, /org-c\/two\.json:/);
});

test('warnings about the schema file go to stderr without changing the exit status', () => {
  write(
    'org-d/.labelbox/metadata-schema.json',
    JSON.stringify([
      { id: 'a', name: 'wether', kind: 'CustomMetadataString' },
      { id: 'b', name: 'hologram', kind: 'CustomMetadataHologram' },
      { id: 'c', name: 'altitude_m', kind: 'CustomMetadataNumber' },
    ]),
  );
  write(
    'org-d/rows.json',
    JSON.stringify([
      {
        row_data: 'https://example.com/a.jpg',
        global_key: 'a',
        media_type: 'IMAGE',
        metadata_fields: [
          { name: 'wether', value: 'x' },
          { name: 'altitude_m', value: 3 },
        ],
      },
    ]),
  );
  const result = run(['validate', 'org-d/rows.json']);
  assert.equal(result.code, 0, result.stdout);
  assert.match(
    result.stderr,
    /^labelbox-import: warning: metadata schema org-d\/\.labelbox\/metadata-schema\.json: Field 2 \("hologram"\) has the kind "CustomMetadataHologram"/,
  );
});

test('--help describes --metadata-schema', () => {
  const result = run(['--help']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /--metadata-schema FILE/);
  assert.match(result.stdout, /\.labelbox\/metadata-schema\.json is looked for/);
});
