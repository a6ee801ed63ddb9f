import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Signed URLs on the command line: judged as of --at (or now), with --expiring-soon or the
 * settings file's labelboxImport.signedUrls.expiringSoonHours. The URL is the S3 API
 * reference's example: signed 2013-05-24T00:00:00Z for 86,400 seconds.
 */

const repo = join(import.meta.dirname, '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const EXAMPLE =
  'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
let folder = '';

before(() => {
  folder = mkdtempSync(join(tmpdir(), 'labelbox-import-signed-'));
  mkdirSync(join(folder, '.git'));
  writeFileSync(join(folder, 'data.labelbox.json'), `[\n  { "row_data": "${EXAMPLE}", "global_key": "test.txt", "media_type": "TEXT" }\n]\n`);
});

after(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'validate', ...args, 'data.labelbox.json'], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('without --at the URL is judged now: expired since 2013-05-25, a warning at the URL (exit 0, 1 with --fail-on-warnings)', () => {
  const result = run();
  assert.match(
    result.stdout,
    /data\.labelbox\.json:2:17 warning signed-url-expired This signed URL expired on 2013-05-25 00:00 UTC, \d+ years ago \(its X-Amz-Date \+ X-Amz-Expires\)/,
  );
  assert.equal(result.status, 0);
  assert.equal(run('--fail-on-warnings').status, 1);
});

test('--at judges as of that moment: valid, expiring soon with the time left, or expired a given time ago', () => {
  const clean = run('--at', '2013-05-24T01:00:00Z', '--fail-on-warnings');
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /info signed-url-expiring-soon This signed URL expires on 2013-05-25 00:00 UTC, in 23 hours/);
  assert.match(run('--at', '2013-05-24T12:00+02:00').stdout, /in 14 hours/);
  assert.match(run('--at', '2013-05-27').stdout, /warning signed-url-expired This signed URL expired on 2013-05-25 00:00 UTC, 2 days ago/);
});

test('--expiring-soon HOURS sets the window; 0 turns the note off', () => {
  assert.doesNotMatch(run('--at', '2013-05-24T01:00:00Z', '--expiring-soon', '12').stdout, /signed-url/);
  assert.match(run('--at', '2013-05-24T13:00:00Z', '--expiring-soon', '12').stdout, /signed-url-expiring-soon .*expiringSoonHours is 12\)/);
  assert.match(run('--at', '2013-05-24T23:00:00Z', '--expiring-soon', '0').stdout, /No problems found/);
});

test("the settings file's labelboxImport.signedUrls.expiringSoonHours applies, in both spellings; the option goes over it", () => {
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  const settings = join(folder, '.vscode', 'settings.json');
  try {
    writeFileSync(settings, '{ "labelboxImport.signedUrls.expiringSoonHours": 2 }');
    assert.match(run('--at', '2013-05-24T21:00:00Z').stdout, /No problems found/);
    assert.match(run('--at', '2013-05-24T23:00:00Z').stdout, /expiringSoonHours is 2\)/);
    writeFileSync(settings, '{ "labelboxImport": { "signedUrls": { "expiringSoonHours": 0 } } }');
    assert.match(run('--at', '2013-05-24T23:00:00Z').stdout, /No problems found/);
    assert.match(run('--at', '2013-05-24T23:00:00Z', '--expiring-soon', '24').stdout, /signed-url-expiring-soon/);
  } finally {
    rmSync(join(folder, '.vscode'), { recursive: true, force: true });
  }
});

test('a time --at cannot use, or a negative --expiring-soon, is a usage error (exit 2)', () => {
  for (const bad of ['yesterday', '2013-05-24T01:00:00', '2013-13-40', '']) {
    const result = run('--at', bad);
    assert.equal(result.status, 2, bad);
    assert.match(result.stderr, /--at needs an ISO 8601 date, or a date and time with its time zone/);
  }
  const negative = run('--expiring-soon', '-1');
  assert.equal(negative.status, 2);
  assert.match(negative.stderr, /--expiring-soon needs a number of hours, 0 or more, not "-1"/);
});
