import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../service';

/**
 * Runs the built command-line validator, dist/cli.js, as a separate process. `npm test` builds
 * first; `npm run test:cli` on its own builds when dist/cli.js is older than its sources
 * (scripts/buildIfStale.mjs).
 */

const repo = join(import.meta.dirname, '..', '..');
const cli = join(repo, 'dist', 'cli.js');
let scratch = '';

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'labelbox-import-cli-'));
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input?: string): Run {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scratchFile(name: string, text: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

/** No stack trace ever reaches the user. */
function assertNoStackTrace(result: Run): void {
  assert.doesNotMatch(result.stderr, /^\s{4}at /m, result.stderr);
  assert.doesNotMatch(result.stdout, /^\s{4}at /m);
}

const SAMPLE = `[
  { "row_data": "s3://lab-bucket/a.jpg", "global_key": "a", "media_type": "IMAGE" },
  { "row_data": "http://media.example-lab.org/b.jpg", "global_key": "b", "media_type": "IMAGE" },
  { "row_data": "https://media.example-lab.org/c.jpg", "external_id": "c.jpg", "media_type": "IMAGE" },
  { "rowData": "https://media.example-lab.org/d.jpg", "global_key": "d", "media_type": "IMAGE" }
]
`;

const TEXT_LINE = /^(.+):(\d+):(\d+) (error|warning|info|hint) ([a-z0-9-]+) (.+)$/;

test('text output: one "file:line:col severity code message" line per problem, sorted by position, then a summary', () => {
  const file = scratchFile('sample.json', SAMPLE);
  const result = run(['validate', file]);
  const lines = result.stdout.trimEnd().split('\n');
  const summary = lines.pop();
  assert.deepEqual(lines, [
    `${file}:2:17 error s3-url Labelbox rejects s3:// URLs in row_data. Use the bucket's https URL: https://lab-bucket.s3.<region>.amazonaws.com/a.jpg`,
    `${file}:3:17 warning insecure-url This URL uses http://; Labelbox expects https:// (signed URLs work only over https).`,
    `${file}:4:56 info missing-global-key This row has an external_id but no global_key. Global keys are unique across your organization and are the recommended way to find and update data rows.`,
    `${file}:5:5 error unknown-property Unknown property "rowData" in a data row. Did you mean "row_data"?`,
  ]);
  const positions = lines.map((line) => TEXT_LINE.exec(line)!).map((match) => [Number(match[2]), Number(match[3])]);
  const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  assert.deepEqual(positions, sorted);
  assert.equal(summary, '4 problems (2 errors, 1 warning, 1 info) in 1 file, 4 rows.');
  assert.equal(result.status, 1);
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  assert.doesNotMatch(result.stdout, /\x1b\[/, 'no colors when stdout is not a terminal');
});

test('text output: a clean file says so', () => {
  const result = run(['validate', 'examples/current-format.labelbox.json']);
  assert.equal(result.stdout, 'No problems found (1 file, 10 rows).\n');
  assert.equal(result.stderr, '');
});

test('exit status 0: a clean file, and a file with only warnings', () => {
  assert.equal(run(['validate', 'examples/current-format.labelbox.json']).status, 0);
  const warnings = run(['validate', 'examples/legacy-format.labelbox.json']);
  assert.match(warnings.stdout, /warning legacy-dialect/);
  assert.match(warnings.stdout, /\(0 errors, 7 warnings, 1 info\)/);
  assert.equal(warnings.status, 0);
});

test("the README's sample output on examples/mistakes.labelbox.json is what the CLI prints", () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const sample = /On `examples\/mistakes\.labelbox\.json`:\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(sample, 'the README has the sample');
  const printed = run(['validate', 'examples/mistakes.labelbox.json']).stdout.trimEnd().split('\n');
  const lines = sample.trimEnd().split('\n');
  assert.equal(lines.pop(), printed.at(-1), 'the summary');
  const shown = lines.filter((line) => line !== '…');
  assert.deepEqual(shown, printed.slice(0, shown.length), 'the first lines, as printed');
});

test('exit status 1: errors were found', () => {
  const result = run(['validate', 'examples/mistakes.labelbox.json']);
  assert.equal(result.status, 1);
  assert.match(result.stdout, / error /);
});

test('exit status 2: a missing file, still reporting the files that could be read', () => {
  const missing = run(['validate', 'no-such-file.json']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /cannot read no-such-file\.json: no such file/);
  assertNoStackTrace(missing);

  const mixed = run(['validate', 'examples/current-format.labelbox.json', 'no-such-file.json']);
  assert.equal(mixed.status, 2);
  assert.match(mixed.stdout, /No problems found \(1 file, 10 rows\)/);
});

test('exit status 2: usage errors print the problem and the usage', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /Missing command/],
    [['check', 'a.json'], /Unknown command "check"/],
    [['validate'], /Name at least one file/],
    [['validate', '--format', 'xml', 'a.json'], /Unknown format "xml": use text, json, sarif, github/],
    [['validate', '--severity', 'no-such-rule=error', 'a.json'], /--severity: unknown rule code "no-such-rule"/],
    [
      ['validate', '--severity=insecure-url=fatal', 'a.json'],
      /--severity insecure-url: the level is one of error, warning, information, hint, off, not "fatal"/,
    ],
    [['validate', '--no-color=yes', 'a.json'], /--no-color takes no value/],
    [['validate', '--format'], /--format needs a value/],
    [['validate', '--max-problems', '0', 'a.json'], /--max-problems needs a whole number of at least 1, not "0"/],
    [['validate', '--max-problems=-3', 'a.json'], /not "-3"/],
    [['validate', '--max-problems', 'ten', 'a.json'], /not "ten"/],
    [['validate', '--verbose', 'a.json'], /Unknown option "--verbose"/],
  ];
  for (const [args, message] of cases) {
    const result = run(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, message, args.join(' '));
    assert.match(result.stderr, /Usage: labelbox-import validate/, args.join(' '));
    assert.equal(result.stdout, '', args.join(' '));
    assertNoStackTrace(result);
  }
});

test('--help and --version', () => {
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Exit status: 0 when no errors were found/);
  const version = run(['--version']);
  assert.equal(version.status, 0);
  assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version);
});

interface JsonItem {
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  severity: string;
  code: string;
  message: string;
}

test('--format json: an array of {file, range, severity, code, message}, 1-based and end-exclusive', () => {
  const file = scratchFile('sample-json.json', SAMPLE);
  const result = run(['validate', '--format', 'json', file]);
  assert.equal(result.status, 1);
  const items = JSON.parse(result.stdout) as JsonItem[];
  assert.equal(items.length, 4);
  for (const item of items) assert.deepEqual(Object.keys(item).sort(), ['code', 'file', 'message', 'range', 'severity']);
  assert.deepEqual(items[0], {
    file,
    range: { start: { line: 2, column: 17 }, end: { line: 2, column: 40 } },
    severity: 'error',
    code: 's3-url',
    message: "Labelbox rejects s3:// URLs in row_data. Use the bucket's https URL: https://lab-bucket.s3.<region>.amazonaws.com/a.jpg",
  });
  assert.deepEqual(
    items.map((item) => item.code),
    ['s3-url', 'insecure-url', 'missing-global-key', 'unknown-property'],
  );
  assert.deepEqual(items[3].range, { start: { line: 5, column: 5 }, end: { line: 5, column: 14 } }, '"rowData" with its quotes');
});

test('--format json on a clean file is an empty array', () => {
  const result = run(['validate', '--format=json', 'examples/mixed-media.labelbox.json']);
  assert.equal(result.status, 0);
  assert.deepEqual(JSON.parse(result.stdout), []);
});

test('--format sarif: SARIF 2.1.0 with every rule and 1-based regions', () => {
  const file = scratchFile('sample-sarif.json', SAMPLE);
  const result = run(['validate', '--format', 'sarif', file]);
  assert.equal(result.status, 1);
  const sarif = JSON.parse(result.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  assert.equal(sarif.runs.length, 1);
  const [runLog] = sarif.runs;
  assert.equal(runLog.tool.driver.name, 'labelbox-import');
  const ruleIds = runLog.tool.driver.rules.map((rule: { id: string }) => rule.id);
  assert.deepEqual(ruleIds, Object.keys(RULES));
  for (const rule of runLog.tool.driver.rules) {
    assert.ok(rule.shortDescription.text, rule.id);
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
  }
  assert.deepEqual(
    runLog.results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`),
    ['s3-url error', 'insecure-url warning', 'missing-global-key note', 'unknown-property error'],
  );
  for (const r of runLog.results) {
    assert.equal(ruleIds[r.ruleIndex], r.ruleId);
    assert.ok(r.message.text.length > 0);
    const location = r.locations[0].physicalLocation;
    assert.match(location.artifactLocation.uri, /sample-sarif\.json$/);
    assert.ok(location.region.startLine >= 1 && location.region.startColumn >= 1);
  }
  assert.deepEqual(runLog.results[0].locations[0].physicalLocation.region, { startLine: 2, startColumn: 17, endLine: 2, endColumn: 40 });
});

test('--max-problems N: N problems, the most severe first, then a note counting the rest', () => {
  const result = run(['validate', '--max-problems', '3', 'examples/mistakes.labelbox.json']);
  assert.equal(result.status, 1);
  const lines = result.stdout.trimEnd().split('\n');
  const problems = lines.filter((line) => TEXT_LINE.test(line));
  assert.equal(problems.length, 4);
  assert.ok(
    problems.slice(0, 3).every((line) => / error /.test(line)),
    'the kept problems are errors',
  );
  assert.match(problems[3], /info too-many-problems \d+ more problems are not shown: at most 3 are listed/);

  const json = JSON.parse(run(['validate', '--format', 'json', '--max-problems', '3', 'examples/mistakes.labelbox.json']).stdout) as JsonItem[];
  assert.equal(json.length, 4);
  assert.equal(json[3].code, 'too-many-problems');
});

test('- reads standard input', () => {
  const result = run(['validate', '-'], SAMPLE);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^<stdin>:2:17 error s3-url /m);
  assert.match(result.stdout, /in 1 file, 4 rows\.$/m);
  const clean = run(['validate', '--format', 'json', '-'], readFileSync(join(repo, 'examples/current-format.labelbox.json'), 'utf8'));
  assert.equal(clean.status, 0);
  assert.deepEqual(JSON.parse(clean.stdout), []);
});

test('quoted glob patterns are expanded by the CLI', () => {
  const result = run(['validate', 'examples/*.json']);
  assert.equal(result.status, 1);
  // Clean files print no lines; the summary counts them.
  for (const name of ['legacy-format', 'mistakes']) {
    assert.match(result.stdout, new RegExp(`^examples/${name}\\.labelbox\\.json:\\d+:\\d+ `, 'm'), name);
  }
  assert.match(result.stdout, /in 4 files, /);

  const nested = run(['validate', '--format', 'json', 'test/fixtures/schema/**/current-*.json']);
  assert.equal(nested.status, 0);
  assert.deepEqual(JSON.parse(nested.stdout), []);

  const braces = run(['validate', 'examples/{current,mixed}-*.json']);
  assert.match(braces.stdout, /No problems found \(2 files, 22 rows\)/);
});

test('a glob that matches nothing is reported with exit status 2', () => {
  const result = run(['validate', 'examples/*.yaml']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /no files match "examples\/\*\.yaml"/);
  assertNoStackTrace(result);
});

test('bad input never shows a stack trace: binary, empty, deeply nested, a folder', () => {
  const binary = scratchFile('binary.json', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x5b, 0x10]));
  const empty = scratchFile('empty.json', '');
  const deep200 = scratchFile('deep-200.json', `${'['.repeat(200)}${']'.repeat(200)}`);
  const deepObjects = scratchFile('deep-objects.json', `[${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}]`);
  const folder = join(scratch, 'folder.json');
  mkdirSync(folder);

  const cases: Array<[string, number, RegExp]> = [
    [binary, 1, /error json-syntax Unexpected character U\+007F/],
    [empty, 1, /error root-not-array The file is empty/],
    [deep200, 1, /error row-not-object/],
    [deepObjects, 1, /error json-syntax Nested more than 256 levels deep/],
  ];
  for (const [file, status, output] of cases) {
    const result = run(['validate', file]);
    assert.equal(result.status, status, file);
    assert.match(result.stdout, output, file);
    assert.equal(result.stderr, '', file);
    assertNoStackTrace(result);
  }
  const directory = run(['validate', folder]);
  assert.equal(directory.status, 2);
  assert.match(directory.stderr, /cannot read .*folder\.json: it is a folder/);
  assertNoStackTrace(directory);
});

test('control characters from the file are escaped in text output, not sent to the terminal', () => {
  const file = scratchFile(
    'escape.json',
    '[{ "row_data": "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": "IMAGE", "\\u001b[31mred": 1 }]',
  );
  const result = run(['validate', file]);
  assert.equal(result.status, 1);
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  assert.doesNotMatch(result.stdout, /\x1b/);
  assert.match(result.stdout, /Unknown property "\\u001b\[31mred" in a data row\./);
});

test('a big file shows how far the check is on a terminal, and nothing of it in a pipe', async () => {
  const { generateImportFile } = await import('../../bench/generateRows');
  const path = scratchFile('big.labelbox.json', generateImportFile(8000, 5).text);
  // `script` gives the command a terminal (util-linux); without it, only the pipe case is checked.
  const terminal = spawnSync(
    'script',
    ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} validate --format json ${JSON.stringify(path)} > /dev/null`, '/dev/null'],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  if (!terminal.error) {
    assert.match(terminal.stdout, /Checking .*big\.labelbox\.json \(5(\.\d)? MB\)…/, 'the size is shown first');
    assert.match(terminal.stdout, /Checking .*big\.labelbox\.json… \d+%/, 'then how much is done');
  }
  const piped = run(['validate', '--format', 'json', path]);
  assert.equal(piped.status, 1);
  assert.doesNotMatch(piped.stderr, /Checking/);
  assert.ok((JSON.parse(piped.stdout) as unknown[]).length > 0);
});

test('the settings file: labelboxImport keys, dotted or nested, set severities, the cap and the metadata schema; a broken one stops with status 2', () => {
  const folder = join(scratch, 'with-settings');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  mkdirSync(join(folder, '.git'), { recursive: true });
  const rows = Array.from({ length: 5 }, (_, i) => `  { "row_data": "http://media.example-lab.org/${i}.jpg", "global_key": "k${i}", "media_type": "IMAGE" }`);
  writeFileSync(join(folder, 'data.labelbox.json'), `[\n${rows.join(',\n')}\n]\n`);
  const inFolder = (args: string[]) => {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd: folder, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  writeFileSync(
    join(folder, '.vscode', 'settings.json'),
    '{\n  // as VS Code writes it\n  "labelboxImport": { "maxProblems": 2 },\n  "labelboxImport.severity": { "insecure-url": "error", },\n}\n',
  );
  const capped = inFolder(['validate', '--format', 'json', 'data.labelbox.json']);
  assert.equal(capped.status, 1);
  const problems = JSON.parse(capped.stdout) as { severity: string; code: string }[];
  assert.deepEqual(
    problems.filter((problem) => problem.code === 'insecure-url').map((problem) => problem.severity),
    ['error', 'error'],
    'two of five, as errors',
  );
  assert.ok(problems.some((problem) => problem.code === 'too-many-problems'));
  assert.equal(inFolder(['validate', '--max-problems', '10', '--severity', 'insecure-url=off', 'data.labelbox.json']).status, 0, 'options go over the file');
  assert.equal(inFolder(['validate', '--no-settings', 'data.labelbox.json']).status, 0);

  // The metadata schema path of the settings, relative to the workspace folder, as the editor reads it.
  writeFileSync(join(folder, '.vscode', 'settings.json'), '{ "labelboxImport.metadataSchema": "org/schema.json" }');
  mkdirSync(join(folder, 'org'), { recursive: true });
  writeFileSync(join(folder, 'org', 'schema.json'), '{ "broken"');
  const brokenSchema = inFolder(['validate', 'data.labelbox.json']);
  assert.equal(brokenSchema.status, 2);
  assert.match(brokenSchema.stderr, /metadata schema org\/schema\.json cannot be used/);

  writeFileSync(join(folder, '.vscode', 'settings.json'), '{ "labelboxImport.maxProblems": ');
  const broken = inFolder(['validate', 'data.labelbox.json']);
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /settings file .*settings\.json is not valid JSON with comments.*--no-settings/);
  assert.equal(broken.stdout, '', 'nothing is checked with settings that cannot be read');
});
