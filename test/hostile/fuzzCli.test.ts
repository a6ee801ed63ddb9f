import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Random } from '../../bench/random';
import { hostileDocument, unreadable } from './hostileDocuments';

/**
 * The built CLI over a tree of hostile files, in the three output formats: bytes that are not
 * UTF-8, and among the files links that loop, links to devices, a pipe and a link to a folder.
 * One run per format checks every file within a time bound, and every result reads.
 */

const CLI = resolve(__dirname, '../../dist/cli.js');
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_917) + 5;
const FILES = Number(process.env.FUZZ_CLI_FILES ?? 350);
const TIMEOUT_MS = 120_000;
const root = mkdtempSync(join(tmpdir(), 'labelbox-hostile-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** The files as bytes; now and then with bytes that are not UTF-8 spliced in. */
function writeTree(): Map<string, Buffer> {
  const random = new Random(SEED);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < FILES; n++) {
    let bytes = Buffer.from(hostileDocument(random), 'utf8');
    if (random.chance(0.15)) {
      const at = random.int(0, bytes.length);
      const bad = Buffer.from(Array.from({ length: random.int(1, 4) }, () => random.int(0x80, 0xff)));
      bytes = Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]);
    }
    const path = `tree/${n % 7}/${n % 3}/file-${n}.json`;
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), bytes);
    files.set(path, bytes);
  }
  // What a repository may hold where files are expected: none is read, none hangs the walk.
  symlinkSync('..', join(root, 'tree/0/0/up'));
  symlinkSync(join(root, 'tree'), join(root, 'tree/1/loop'));
  symlinkSync('/dev/zero', join(root, 'tree/2/zero.json'));
  symlinkSync('/dev/urandom', join(root, 'tree/2/random.json'));
  symlinkSync('missing.json', join(root, 'tree/2/dangling.json'));
  symlinkSync('self.json', join(root, 'tree/2/self.json'));
  execFileSync('mkfifo', [join(root, 'tree/3/pipe.json')]);
  return files;
}

function run(format: string, pattern = 'tree/**/*.json') {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, 'validate', '--format', format, pattern], {
    cwd: root,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(result.signal, null, `the ${format} run was stopped after ${Date.now() - started} ms`);
  assert.doesNotMatch(result.stderr, /internal error|^\s{4}at /m, result.stderr.slice(0, 2000));
  assert.ok(result.status === 0 || result.status === 1, `exit status ${result.status}: ${result.stderr.slice(0, 2000)}`);
  return result.stdout;
}

test(`${FILES} hostile files through the CLI in every format (seed ${SEED})`, () => {
  const files = writeTree();
  const json = JSON.parse(run('json')) as Array<{ file: string; code: unknown; message: unknown }>;
  assert.ok(json.length > 0);
  for (const problem of json) {
    assert.ok(files.has(problem.file), `a result for ${problem.file}, which is not one of the regular files`);
    const text = files.get(problem.file)!.toString('utf8');
    assert.equal(typeof problem.code, 'string');
    assert.equal(unreadable(problem.message, text), undefined, `${problem.file}: ${String(problem.message).slice(0, 200)}`);
  }
  // Bytes that are not UTF-8 are reported in each file that has them.
  for (const [path, bytes] of files) {
    if (bytes.toString('utf8').includes('\ufffd') && !Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)) {
      assert.ok(
        json.some((problem) => problem.file === path && /not valid UTF-8/.test(String(problem.message))),
        `${path}: no UTF-8 error`,
      );
    }
  }
  // The other formats over one folder of the tree (a seventh of the files).
  const sarif = JSON.parse(run('sarif', 'tree/0/**/*.json'));
  for (const result of sarif.runs[0].results as Array<{ ruleId: unknown; message: { text: unknown } }>) {
    assert.equal(typeof result.ruleId, 'string');
    assert.equal(typeof result.message.text, 'string');
  }
  const text = run('text', 'tree/0/**/*.json');
  const inFolder = [...files.keys()].filter((path) => path.startsWith('tree/0/'));
  const summary = text.trimEnd().split('\n').pop() ?? '';
  assert.match(summary, new RegExp(`in ${inFolder.length} files, `), summary);
  const lines = text.trimEnd().split('\n').slice(0, -1);
  // The same files as JSON: the same problems (global keys are compared across the files given, so a run over one folder is compared with a run over that folder).
  assert.equal(lines.length, (JSON.parse(run('json', 'tree/0/**/*.json')) as unknown[]).length);
  for (const line of lines) {
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    assert.doesNotMatch(line, /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\u202e]/, 'control characters reach the terminal');
    const match = /^(.+?):\d+:\d+ (error|warning|info|hint) [a-z0-9-]+ (.*)$/s.exec(line);
    assert.ok(match && files.has(match[1]), line.slice(0, 200));
    assert.equal(unreadable(match[3], files.get(match[1])!.toString('utf8')), undefined, line.slice(0, 200));
  }
});
