/**
 * `npm run bench:keys`: global keys across a workspace of import files.
 *
 * Generates FILES files of ROWS rows each (bench/generateRows.ts, seeded; keys made unique per
 * file, with one key of file 20 also in file 3), then:
 * 1. in this process, the heap the index takes: every file's keys read from disk as the server
 *    reads them (extractFileKeys) into a WorkspaceKeyIndex, measured with gc() before and after;
 * 2. the bundled server on that folder: the time to the first problems of file 20 opened at once
 *    while the others are indexed (and without the check across files), the latency of edits
 *    every 100 ms while indexing, the time until the index is ready, and the server's RSS;
 * 3. once ready, (a) an edit of file 20 that makes a key collide with file 3, until file 20's
 *    problems show it, and (b) with file 3 open, an edit there that drops the key file 20
 *    shares, until file 20's problems lose it. Target: under 200 ms.
 *
 * Options: --files 20  --rows 50000  --repeats 5  --keep (do not delete the generated files)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { createValidationContext, extractFileKeys, WorkspaceKeyIndex } from '../service';
import { readTextChunks } from '../common/node/readCapped';
import type { WorkspaceKeysStatusParams } from '../common/protocol';
import { TestLspClient } from '../test/support/lspClient';
import { generateImportFile } from './generateRows';
import { machineDescription } from './machine';
import { median } from './report';

interface Options {
  files: number;
  rows: number;
  repeats: number;
  keep: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { files: 20, rows: 50_000, repeats: 5, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === '--keep') options.keep = true;
    else if (name === '--files' || name === '--rows' || name === '--repeats') {
      const value = Number(String(argv[++i]).replace(/_/g, ''));
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number`);
      options[name.slice(2) as 'files' | 'rows' | 'repeats'] = value;
    } else throw new Error(`Unknown option ${name}`);
  }
  if (options.files < 4) throw new Error('--files: at least 4');
  return options;
}

const SHARED_KEY = 'shared/planted-key.jpg';
const name = (index: number) => `batch-${String(index).padStart(3, '0')}.labelbox.json`;

/** Writes the files; returns the folder. Keys get a per-file prefix; file 3 and the last file share SHARED_KEY. */
function generate(folder: string, options: Options): void {
  for (let index = 1; index <= options.files; index++) {
    let text = generateImportFile(options.rows, index).text.replace(/"global_key": "/g, `"global_key": "b${index}/`);
    if (index === 3 || index === options.files) text = text.replace(/"global_key": "[^"]*"/, `"global_key": ${JSON.stringify(SHARED_KEY)}`);
    writeFileSync(join(folder, name(index)), text);
  }
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

/** The heap the index of every file takes (what the server keeps for files that are not open). */
async function measureHeap(folder: string, options: Options): Promise<{ heapMb: number; keys: number; seconds: number }> {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc');
  const context = createValidationContext();
  gc();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = new WorkspaceKeyIndex();
  for (let i = 1; i <= options.files; i++) {
    const keys = await extractFileKeys(readTextChunks(join(folder, name(i)), 600 * 1024 * 1024), context);
    index.setFile(i, { imported: false, folderIndex: 0, relativePath: name(i) }, keys);
  }
  const seconds = (performance.now() - started) / 1000;
  gc();
  const heapMb = mb(process.memoryUsage().heapUsed - before);
  if (index.findingsOf(options.files).size !== 1) throw new Error('the planted shared key was not found');
  return { heapMb, keys: index.keyCount, seconds };
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 102.4) / 10 : Number.NaN;
}

function keysStatus(client: TestLspClient): WorkspaceKeysStatusParams | undefined {
  const statuses = client.notifications.filter((n) => n.method === 'labelboxImport/workspaceKeysStatus');
  return statuses.at(-1)?.params as WorkspaceKeysStatusParams | undefined;
}

async function startServer(folder: string, acrossFiles: boolean): Promise<TestLspClient> {
  return TestLspClient.start({
    name: 'our server',
    settings: { globalKeys: { acrossFiles } },
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    },
    workspaceFolders: [{ uri: URI.file(folder).toString(), name: 'batches' }],
    stderrTail: 4000,
  });
}

const crossFile = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'global-key-in-other-file');
/** Edits typed every 100 ms right after the first problems. */
const EDITS = 40;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

/** Opens the last file at once and measures its first problems, edits while indexing, and the time to ready. */
async function measureOpenWhileIndexing(folder: string, options: Options, acrossFiles: boolean) {
  const client = await startServer(folder, acrossFiles);
  const started = performance.now();
  const rssBefore = rssMb(client.pid, 'VmRSS');
  const uri = URI.file(join(folder, name(options.files))).toString();
  const text = readFileSync(join(folder, name(options.files)), 'utf8');
  client.open(uri, text, 'labelbox-json');
  const first = await client.nextDiagnostics(uri, 0, 1, 300_000);
  const firstMs = first.at - started;
  const editMs: number[] = [];
  // A character of an external_id, typed again and again: no key changes.
  const line = text.slice(0, text.indexOf('"external_id"')).split('\n').length - 1;
  // While indexing (with the check across files; indexing waits while they come), or the same edits without it, for comparison.
  const editingStarted = performance.now();
  const editing = () => editMs.length < EDITS && (!acrossFiles || keysStatus(client)?.state !== 'ready');
  for (let version = 2; editing(); version++) {
    const after = client.publications(uri);
    const at = performance.now();
    client.change(uri, [{ range: { start: { line, character: 4 }, end: { line, character: 4 } }, text: version % 2 ? '' : ' ' }]);
    const published = await client.nextDiagnostics(uri, after, version, 60_000);
    editMs.push(published.at - at);
    await new Promise((wait) => setTimeout(wait, 100));
  }
  const editingMs = performance.now() - editingStarted;
  const status = acrossFiles
    ? await client.waitFor(() => (keysStatus(client)?.state === 'ready' ? keysStatus(client) : undefined), 600_000, 'ready')
    : undefined;
  const readyMs = performance.now() - started;
  return {
    client,
    uri,
    text,
    firstMs,
    editMs,
    editingMs,
    readyMs,
    status,
    rssBefore,
    rssAfter: rssMb(client.pid, 'VmRSS'),
    rssPeak: rssMb(client.pid, 'VmHWM'),
  };
}

/** Edits `uri` at the key's value and waits until `target`'s published problems satisfy `check`; milliseconds. */
async function timeEdit(
  client: TestLspClient,
  edited: { uri: string; text: string; version: number },
  from: string,
  to: string,
  target: string,
  check: (d: Diagnostic[]) => boolean,
) {
  const offset = edited.text.indexOf(JSON.stringify(from));
  const before = edited.text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - before.lastIndexOf('\n') - 1;
  edited.text = edited.text.slice(0, offset) + JSON.stringify(to) + edited.text.slice(offset + JSON.stringify(from).length);
  const at = performance.now();
  client.change(
    edited.uri,
    [{ range: { start: { line, character }, end: { line, character: character + JSON.stringify(from).length } }, text: JSON.stringify(to) }],
    ++edited.version,
  );
  await client.waitFor(
    () => {
      const diagnostics = client.latestDiagnostics(target);
      return diagnostics && check(diagnostics) ? true : undefined;
    },
    30_000,
    'the cross-file problem to change',
  );
  return performance.now() - at;
}

async function measureKeyEdits(client: TestLspClient, folder: string, last: { uri: string; text: string }, options: Options) {
  const lastFile = { ...last, version: 1_000_000 };
  // (a) A key of the last file changed to one of file 3 (a fresh key each time), and back.
  const third = readFileSync(join(folder, name(3)), 'utf8');
  const thirdKeys = [...third.matchAll(/"global_key": "(b3\/[^"]*)"/g)].map((match) => match[1]);
  const ownKey = /"global_key": "(b\d+\/[^"]*)"/.exec(lastFile.text.slice(lastFile.text.length / 2))![1];
  const collide: number[] = [];
  for (let i = 0; i < options.repeats; i++) {
    const borrowed = thirdKeys[i * 7 + 11];
    collide.push(await timeEdit(client, lastFile, ownKey, borrowed, last.uri, (d) => crossFile(d).length === 2));
    await timeEdit(client, lastFile, borrowed, ownKey, last.uri, (d) => crossFile(d).length === 1);
  }
  // (b) File 3 open: its copy of the shared key changed (file 20 loses its finding) and back.
  const thirdFile = { uri: URI.file(join(folder, name(3))).toString(), text: third, version: 1 };
  client.open(thirdFile.uri, third, 'labelbox-json');
  await client.diagnosticsFor(thirdFile.uri, 120_000);
  const release: number[] = [];
  for (let i = 0; i < options.repeats; i++) {
    release.push(await timeEdit(client, thirdFile, SHARED_KEY, `${SHARED_KEY}.renamed`, last.uri, (d) => crossFile(d).length === 0));
    await timeEdit(client, thirdFile, `${SHARED_KEY}.renamed`, SHARED_KEY, last.uri, (d) => crossFile(d).length === 1);
  }
  return { collide, release };
}

const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const folder = mkdtempSync(join(tmpdir(), 'labelbox-bench-keys-'));
  mkdirSync(folder, { recursive: true });
  try {
    console.log(
      `${machineDescription()}\nload average before: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
    const generatedAt = performance.now();
    generate(folder, options);
    console.log(`generated ${options.files} files x ${options.rows.toLocaleString('en-US')} rows in ${fmt(performance.now() - generatedAt)} (${folder})`);
    const heap = await measureHeap(folder, options);
    console.log(
      `index in this process: ${heap.keys.toLocaleString('en-US')} keys, heap +${heap.heapMb} MB (${Math.round((heap.heapMb * 1024 * 1024) / heap.keys)} B a key), read in ${heap.seconds.toFixed(1)} s`,
    );

    const alone = await measureOpenWhileIndexing(folder, options, false);
    console.log(
      `without the check across files: first problems of ${name(options.files)} after ${fmt(alone.firstMs)}; server RSS ${alone.rssAfter} MB (peak ${alone.rssPeak} MB)`,
    );
    console.log(
      `  the same edits every 100 ms: p50 ${fmt(percentile(alone.editMs, 0.5))}, p95 ${fmt(percentile(alone.editMs, 0.95))}, max ${fmt(Math.max(...alone.editMs))}`,
    );
    await alone.client.stop();

    const run = await measureOpenWhileIndexing(folder, options, true);
    console.log(
      `with it: first problems after ${fmt(run.firstMs)} while indexing; ready after ${fmt(run.readyMs)} (${run.status?.keys.toLocaleString('en-US')} keys in ${run.status?.indexedFiles} files)`,
    );
    if (run.editMs.length)
      console.log(
        `edits every 100 ms while indexing: ${run.editMs.length} in ${fmt(run.editingMs)} (indexing waits meanwhile; the time to ready includes it), p50 ${fmt(percentile(run.editMs, 0.5))}, p95 ${fmt(percentile(run.editMs, 0.95))}, max ${fmt(Math.max(...run.editMs))}`,
      );
    console.log(`server RSS: ${run.rssBefore} MB at start, ${run.rssAfter} MB when ready (peak ${run.rssPeak} MB)`);
    const edits = await measureKeyEdits(run.client, folder, run, options);
    console.log(
      `(a) key changed to one file 3 uses, until file ${options.files} shows it: median ${fmt(median(edits.collide))}, max ${fmt(Math.max(...edits.collide))}`,
    );
    console.log(
      `(b) file 3 drops the key file ${options.files} shares, until file ${options.files} loses it: median ${fmt(median(edits.release))}, max ${fmt(Math.max(...edits.release))}`,
    );
    console.log(
      `server RSS at the end: ${rssMb(run.client.pid, 'VmRSS')} MB (peak ${rssMb(run.client.pid, 'VmHWM')} MB); load average after: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
    await run.client.stop();
  } finally {
    if (!options.keep) rmSync(folder, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
