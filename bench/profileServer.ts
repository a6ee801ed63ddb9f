/**
 * Runs our server under the V8 profiler on one generated file: opening, then edits inside
 * rows. For finding where the time goes: `node --import tsx bench/profileServer.ts 50000 DIR`
 * writes a .cpuprofile to DIR (open it in Chrome DevTools).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileSync, mkdirSync } from 'node:fs';
import { SERVER_EXEC_ARGV } from '../client/serverOptions';
import { generateImportFile } from './generateRows';
import { FileLayout } from './fileLayout';
import { ServerProcess } from './serverProcess';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 50_000);
  const directory = resolve(process.argv[3] ?? 'bench/generated/profile');
  const edits = Number(process.argv[4] ?? 10);
  mkdirSync(directory, { recursive: true });
  const file = generateImportFile(rows, 1);
  const path = resolve(__dirname, `generated/rows-${rows}.labelbox.json`);
  writeFileSync(path, file.text);
  const uri = pathToFileURL(path).href;
  const server = await ServerProcess.start({
    name: 'labelbox-import',
    args: [...SERVER_EXEC_ARGV, '--cpu-prof', `--cpu-prof-dir=${directory}`, resolve(__dirname, '../dist/server.js'), '--stdio'],
    settings: {},
  });
  const { openMs, openCpuMs } = await server.openAndWait(uri, file.text, 'labelbox-json', 600_000);
  console.log(`open: ${Math.round(openMs)} ms, ${Math.round(openCpuMs)} ms CPU`);
  const layout = new FileLayout(file.text);
  let version = 1;
  for (let index = 0; index < edits; index++) {
    const row = Math.floor(((index + 1) / (edits + 1)) * rows);
    const line = layout.lineInRow(row, '"global_key"');
    const character = layout.lines[line].length - 2;
    version++;
    const before = server.publications(uri);
    const started = performance.now();
    const cpu = server.cpuMilliseconds();
    server.change(uri, version, [{ range: { start: { line, character }, end: { line, character } }, text: 'k' }]);
    await server.nextDiagnostics(uri, before, version, 600_000);
    const wall = performance.now() - started;
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    console.log(`edit ${index + 1}: ${Math.round(wall)} ms, ${Math.round(server.cpuMilliseconds() - cpu)} ms CPU (with 500 ms idle after)`);
  }
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
