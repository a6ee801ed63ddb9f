/**
 * `labelbox-import validate --check-access` as a process, against local HTTPS servers
 * (test/support/assetServers.ts). The CLI trusts the test certificate through
 * NODE_EXTRA_CA_CERTS, as any Node program would; product code has no test hook. The servers
 * are on 127.0.0.x, which the check refuses unless --access-allow-private is given.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAssetServers, type AssetServers } from '../support/assetServers';
import { readmeExample } from '../packaged/readmeExamples';

const repo = join(import.meta.dirname, '..', '..');
const cli = join(repo, 'dist', 'cli.js');
let scratch = '';
let servers: AssetServers;
let caFile = '';

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'labelbox-import-access-'));
  servers = await startAssetServers();
  caFile = join(scratch, 'ca.pem');
  writeFileSync(caFile, servers.ca);
});

after(async () => {
  await servers.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process (the servers answer from it). */
function run(args: string[], options: { signalAfter?: (stderr: string) => boolean } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: scratch, env: { ...process.env, NO_COLOR: '1', NODE_EXTRA_CA_CERTS: caFile } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (options.signalAfter) {
      const poll = setInterval(() => {
        if (options.signalAfter!(stderr)) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 20);
      child.on('close', () => clearInterval(poll));
    }
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function file(name: string, rows: unknown[]): string {
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(rows, null, 2));
  return path;
}

test('--check-access: a warning per failed URL at its line, a summary by host, exit 0 (1 with --fail-on-warnings)', async () => {
  const [a, b] = servers.servers;
  const path = file('assets.json', [
    { row_data: `${a.base}/ok.png`, global_key: 'ok', media_type: 'IMAGE' },
    { row_data: `${a.base}/missing`, global_key: 'missing', media_type: 'IMAGE' },
    { row_data: `${a.base}/denied`, global_key: 'denied', media_type: 'IMAGE' },
    { row_data: `${b.base}/page`, global_key: 'page', media_type: 'IMAGE' },
    { row_data: `${b.base}/to-http`, global_key: 'to-http', media_type: 'IMAGE' },
    { row_data: `${b.base}/flaky`, global_key: 'flaky', media_type: 'IMAGE' },
    { row_data: 'gs://bucket/c.jpg', global_key: 'gs', media_type: 'IMAGE' },
  ]);
  servers.reset();
  const result = await run(['validate', path, '--check-access', '--access-allow-private', '--access-origin', 'none', '--no-settings']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /assets\.json:8:18 warning asset-not-found HEAD answered 404 Not Found/);
  assert.match(result.stdout, /assets\.json:13:18 warning asset-access-denied GET answered 403 Forbidden/);
  assert.match(result.stdout, /assets\.json:18:18 warning asset-content-type row_data should be an image, but the server sends text\/html/);
  assert.match(result.stdout, /assets\.json:23:18 warning asset-insecure-redirect The server redirects to http:\/\//);
  assert.doesNotMatch(result.stdout, /flaky|asset-rate-limited/, 'the 429 was asked again and answered');
  assert.match(result.stderr, /Asset access: 6 URLs checked, 4 failed\./);
  assert.match(result.stderr, /^ {2}127\.0\.0\.1: 3 checked, 2 failed \(1 not found, 1 access denied\)$/m);
  assert.match(result.stderr, /^ {2}127\.0\.0\.2: 3 checked, 2 failed \(1 redirect to http:\/\/, 1 wrong content type\)$/m);
  assert.match(result.stderr, /Cannot be checked from here: 1 URL\(s\)\.\n {2}1: gs:\/\/ is a cloud bucket path/);
  const strict = await run(['validate', path, '--check-access', '--access-allow-private', '--access-origin', 'none', '--no-settings', '--fail-on-warnings']);
  assert.equal(strict.status, 1);
});

test('without --check-access nothing is requested; without --access-allow-private, addresses of this machine are not', async () => {
  const path = file('quiet.json', [{ row_data: `${servers.servers[0].base}/missing`, global_key: 'a', media_type: 'IMAGE' }]);
  servers.reset();
  const quiet = await run(['validate', path, '--no-settings']);
  assert.equal(quiet.status, 0);
  assert.equal(servers.allRequests().length, 0);
  const refused = await run(['validate', path, '--check-access', '--no-settings']);
  assert.equal(refused.status, 0);
  assert.equal(servers.allRequests().length, 0);
  assert.doesNotMatch(refused.stdout, /asset-not-found/);
  assert.match(
    refused.stderr,
    /Cannot be checked from here: 1 URL\(s\)\.\n {2}1: 127\.0\.0\.1 is an address of this computer or a private network; the asset check does not request it\./,
  );
});

test('CORS: the Origin sent is Labelbox app origin; a bucket without the rule is one warning per host', async () => {
  const c = servers.servers[2];
  const path = file('cors.json', [
    { row_data: `${c.base}/nocors?1`, global_key: 'a', media_type: 'IMAGE' },
    { row_data: `${c.base}/nocors?2`, global_key: 'b', media_type: 'IMAGE' },
  ]);
  servers.reset();
  const result = await run(['validate', path, '--check-access', '--access-allow-private', '--no-settings']);
  assert.equal(result.status, 0);
  assert.equal((result.stdout.match(/asset-cors-missing/g) ?? []).length, 1, result.stdout);
  assert.match(result.stdout, /request from https:\/\/app\.labelbox\.com without Access-Control-Allow-Origin.*2 URLs of 127\.0\.0\.3 answer so/);
  assert.ok(servers.allRequests().every((request) => request.origin === 'https://app.labelbox.com'));
});

test('Ctrl+C during the check: what was found is printed, exit 130', async () => {
  const rows = [];
  for (let index = 0; index < 40; index++)
    rows.push({ row_data: `${servers.servers[index % 3].base}/slow?${index}`, global_key: `s${index}`, media_type: 'IMAGE' });
  rows.push({ row_data: `${servers.servers[0].base}/missing`, global_key: 'missing', media_type: 'IMAGE' });
  const path = file('slow.json', rows);
  servers.reset();
  const started = Date.now();
  // Interrupted once the servers have seen requests (the check is under way).
  const result = await run(['validate', path, '--check-access', '--access-allow-private', '--access-timeout', '60', '--no-settings'], {
    signalAfter: () => servers.allRequests().length >= 12,
  });
  assert.equal(result.status, 130, result.stderr);
  assert.match(result.stderr, /\(interrupted: the others were not checked\)/);
  assert.ok(Date.now() - started < 50_000, 'it did not wait for the 60 s time limit');
});

test('progress on a terminal only: "checking access: n/N URLs" on an interactive standard error, nothing in a pipe', async (t) => {
  if (spawnSync('script', ['--version']).status !== 0) return t.skip('no script(1) to give the CLI a terminal');
  const path = file('progress.json', [{ row_data: `${servers.servers[0].base}/ok.png`, global_key: 'a', media_type: 'IMAGE' }]);
  const piped = await run(['validate', path, '--check-access', '--access-allow-private', '--no-settings']);
  assert.doesNotMatch(piped.stderr, /checking access/);
  const command = [process.execPath, cli, 'validate', path, '--check-access', '--access-allow-private', '--no-settings'].map((part) => `'${part}'`).join(' ');
  const terminal = await new Promise<string>((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: scratch, env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', () => resolve(output));
  });
  assert.match(terminal, /checking access: 0\/1 URLs, 0 failed/);
});

test("the README's CI example runs as written (its glob, --check-access, --fail-on-warnings)", async () => {
  const example = readmeExample('check-access').trim();
  assert.match(example, /^labelbox-import validate /);
  // The shell's words, quotes removed (the example has no other shell syntax).
  const words = example
    .split(/\s+/)
    .slice(1)
    .map((word) => word.replace(/^"|"$/g, ''));
  mkdirSync(join(scratch, 'data'), { recursive: true });
  writeFileSync(join(scratch, 'data', 'a.json'), JSON.stringify([{ row_data: `${servers.servers[0].base}/missing`, global_key: 'a', media_type: 'IMAGE' }]));
  servers.reset();
  // As written: the test servers are on this machine, which the check does not ask.
  const asWritten = await run([...words, '--no-settings']);
  assert.equal(asWritten.status, 0, asWritten.stderr);
  assert.match(asWritten.stderr, /Cannot be checked from here: 1 URL/);
  assert.equal(servers.allRequests().length, 0);
  // Allowed to ask them: the 404 is a warning, and --fail-on-warnings makes it fail.
  const allowed = await run([...words, '--no-settings', '--access-allow-private']);
  assert.equal(allowed.status, 1, allowed.stderr);
  assert.match(allowed.stdout, /data\/a\.json:1:\d+ warning asset-not-found/);
});

test('the settings file gives the check its settings (both spellings); the command line goes over them', async () => {
  const folder = join(scratch, 'project');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(
    join(folder, '.vscode', 'settings.json'),
    '{\n  // as VS Code writes both forms\n  "labelboxImport.assetCheck.allowPrivateAddresses": true,\n  "labelboxImport": { "assetCheck": { "origins": [], "timeoutSeconds": 500 } }\n}\n',
  );
  writeFileSync(join(folder, 'a.json'), JSON.stringify([{ row_data: `${servers.servers[2].base}/nocors`, global_key: 'a', media_type: 'IMAGE' }]));
  servers.reset();
  const fromFile = await run(['validate', join(folder, 'a.json'), '--check-access', '--settings', join(folder, '.vscode', 'settings.json')]);
  assert.equal(fromFile.status, 0, fromFile.stderr);
  assert.match(fromFile.stderr, /labelboxImport\.assetCheck\.timeoutSeconds must be a whole number from 1 to 120; the default is used\./);
  assert.match(fromFile.stderr, /Asset access: 1 URL checked, 0 failed\./, 'private addresses allowed, no CORS check (origins: [])');
  assert.equal(servers.allRequests()[0]?.origin, undefined);
  const overridden = await run([
    'validate',
    join(folder, 'a.json'),
    '--check-access',
    '--settings',
    join(folder, '.vscode', 'settings.json'),
    '--access-origin',
    'https://app.labelbox.com',
  ]);
  assert.match(overridden.stdout, /asset-cors-missing/);
});
