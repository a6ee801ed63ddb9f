/**
 * A second, independent measure of opening a file: a plain vscode-jsonrpc client in a fresh
 * process that holds nothing but the file's text, sends didOpen and waits for the first
 * publishDiagnostics. It shares no code with the bench's own client (serverProcess.ts over
 * test/support/lspClient.ts), so the two can be compared in the same run.
 *
 *   node --import tsx bench/plainClientOpen.ts FILE [RUNS] [SERVER.js …]
 *
 * Servers default to our bundled server and the protocol floor (run `npm run bench` once to
 * bundle the floor); each run starts every server afresh, in turn.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const ROOT = resolve(__dirname, '..');

async function openOnce(serverScript: string, uri: string, text: string): Promise<number> {
  const child = spawn(process.execPath, [serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let answered: (at: number) => void = () => undefined;
  const published = new Promise<number>((resolve) => (answered = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
    if (params.uri === uri) answered(performance.now());
  });
  connection.onRequest(() => null);
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = performance.now();
  void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'labelbox-json', version: 1, text } });
  const openMs = (await published) - started;
  await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 3000))]);
  void connection.sendNotification('exit');
  await new Promise((resolve) => setTimeout(resolve, 200));
  connection.dispose();
  child.kill();
  return openMs;
}

async function main(): Promise<void> {
  const [file, runsArgument, ...servers] = process.argv.slice(2);
  if (!file) throw new Error('usage: plainClientOpen.ts FILE [RUNS] [SERVER.js …]');
  const runs = Number(runsArgument ?? 3);
  const scripts = servers.length
    ? servers.map((server) => resolve(server))
    : [resolve(ROOT, 'dist/server.js'), resolve(ROOT, 'bench/generated/floorServer.js')];
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(resolve(file)).href;
  console.log(
    `load before: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}`,
  );
  const times = new Map<string, number[]>(scripts.map((script) => [script, []]));
  for (let run = 0; run < runs; run++) {
    for (const script of run % 2 === 0 ? scripts : [...scripts].reverse()) times.get(script)!.push(await openOnce(script, uri, text));
  }
  for (const [script, list] of times) console.log(`${script}: ${list.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  console.log(
    `load after: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
