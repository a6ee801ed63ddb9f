/**
 * `npm run bench`: our language server and VS Code's JSON language server (with our schema)
 * on the same generated import files, side by side; and the CLI next to a bare JSON.parse.
 *
 * Options: --sizes 1000,10000,50000  --runs 3  --seed 1  --edit-pairs 4  --paste-rows 1000
 *          --pause 500 (ms before each measured edit, as between keystrokes)
 *          --no-json-server  --no-cli  --json FILE (raw results)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_EXEC_ARGV } from '../../client/src/serverOptions';
import { generateImportFile, withoutMediaType } from '../generateRows';
import { machineDescription } from '../machine';
import { measureCli, type CliResult } from '../measureCli';
import { measureOpenOnly, measureSession, type SessionResult } from '../measureServer';
import { printCliTable, printSizeTable } from '../report';
import type { ServerLaunch } from '../serverProcess';

const ROOT = resolve(__dirname, '../..');
const GENERATED = resolve(ROOT, 'bench/generated');
const SCHEMA = resolve(ROOT, 'schemas/data-row-import.schema.json');

interface Options {
  sizes: number[];
  runs: number;
  seed: number;
  editPairs: number;
  pasteRows: number;
  jsonServer: boolean;
  cli: boolean;
  json: string | undefined;
  pauseMs: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { sizes: [1000, 10_000, 50_000], runs: 3, seed: 1, editPairs: 4, pasteRows: 1000, jsonServer: true, cli: true, json: undefined, pauseMs: 500 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${name} needs a value`);
      return next;
    };
    const count = (text: string) => {
      const number = Number(text.replace(/_/g, ''));
      if (!Number.isInteger(number) || number < 0) throw new Error(`${name}: "${text}" is not a whole number`);
      return number;
    };
    switch (name) {
      case '--sizes':
        options.sizes = value().split(',').map(count);
        break;
      case '--runs':
        options.runs = Math.max(1, count(value()));
        break;
      case '--seed':
        options.seed = count(value());
        break;
      case '--edit-pairs':
        options.editPairs = Math.max(1, count(value()));
        break;
      case '--paste-rows':
        options.pasteRows = Math.max(1, count(value()));
        break;
      case '--no-json-server':
        options.jsonServer = false;
        break;
      case '--no-cli':
        options.cli = false;
        break;
      case '--pause':
        options.pauseMs = count(value());
        break;
      case '--json':
        options.json = value();
        break;
      default:
        throw new Error(`unknown option ${name}`);
    }
  }
  return options;
}

/** Started as the VS Code client starts it (same Node options), over stdio instead of IPC. */
const OUR_SERVER: ServerLaunch = {
  name: 'labelbox-import',
  args: [...SERVER_EXEC_ARGV, resolve(ROOT, 'dist/server.js'), '--stdio'],
  settings: {},
};

/** Configured as VS Code configures it: schema association by file pattern, validation on, outline capped at 5,000. */
const JSON_SERVER: ServerLaunch = {
  name: 'vscode-json-language-server',
  args: [resolve(ROOT, 'node_modules/vscode-langservers-extracted/bin/vscode-json-language-server'), '--stdio'],
  initializationOptions: { handledSchemaProtocols: ['file'], provideFormatter: false },
  configuration: {
    json: { schemas: [{ fileMatch: ['*.json'], url: pathToFileURL(SCHEMA).href }], validate: { enable: true }, resultLimit: 5000 },
  },
};

/** A server that reads didOpen and answers with no diagnostics: the least a server on our library can take to open. */
const FLOOR_SERVER: ServerLaunch = {
  name: 'protocol floor',
  args: ['--import', 'tsx', resolve(ROOT, 'bench/floorServer.ts'), '--stdio'],
};

/** A server that answers didOpen when its last byte arrived, without decoding it: the least any server can take. */
const TRANSPORT_FLOOR_SERVER: ServerLaunch = {
  name: 'transport floor',
  args: ['--import', 'tsx', resolve(ROOT, 'bench/transportFloorServer.ts'), '--stdio'],
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  mkdirSync(GENERATED, { recursive: true });
  const machine = machineDescription();
  console.log(`# Benchmark\n\n${machine}\n`);
  console.log(`Command: npm run bench -- ${process.argv.slice(2).join(' ')}`.trimEnd() + '\n');
  const results: Array<{ rows: number; bytes: number; wrongRows: number; sessions: SessionResult[]; floorOpenMs: number[]; transportFloorOpenMs: number[]; cli?: CliResult; cliWithoutMediaType?: CliResult }> = [];
  for (const rows of options.sizes) {
    const file = generateImportFile(rows, options.seed);
    const path = resolve(GENERATED, `rows-${rows}.labelbox.json`);
    writeFileSync(path, file.text);
    const uri = pathToFileURL(path).href;
    const sessions: SessionResult[] = [];
    const floorOpenMs: number[] = [];
    const transportFloorOpenMs: number[] = [];
    const sessionOptions = { editPairs: options.editPairs, pasteRows: options.pasteRows, compareWithFresh: true, timeoutMs: 600_000, pauseMs: options.pauseMs };
    for (let run = 0; run < options.runs; run++) {
      // Alternate the order, so that neither server always runs right after the other.
      const order = options.jsonServer ? (run % 2 === 0 ? [OUR_SERVER, JSON_SERVER] : [JSON_SERVER, OUR_SERVER]) : [OUR_SERVER];
      for (const launch of order) {
        process.stderr.write(`${rows} rows, run ${run + 1}/${options.runs}: ${launch.name}…\n`);
        const isOurs = launch === OUR_SERVER;
        sessions.push(await measureSession(launch, file, uri, isOurs ? 'labelbox-json' : 'json', { ...sessionOptions, compareWithFresh: isOurs }));
      }
      for (const [launch, times] of [[FLOOR_SERVER, floorOpenMs], [TRANSPORT_FLOOR_SERVER, transportFloorOpenMs]] as const) {
        process.stderr.write(`${rows} rows, run ${run + 1}/${options.runs}: ${launch.name}…\n`);
        times.push((await measureOpenOnly(launch, file, uri)).openMs);
        process.stderr.write(`  bench: ${Math.round(times[times.length - 1])} ms; independent: ${require('node:child_process').spawnSync(process.execPath, ['/tmp/huge/indep.cjs', launch === FLOOR_SERVER ? '/tmp/huge/floor.js --stdio' : '/tmp/huge/floor.js --stdio', path, '2'], { encoding: 'utf8' }).stdout.trim().replace(/\n/g, ' | ')}\n`);
      }
    }
    const cli = options.cli ? measureCli(resolve(ROOT, 'dist/cli.js'), path, options.runs) : undefined;
    let cliWithoutMediaType: CliResult | undefined;
    if (options.cli) {
      const variant = resolve(GENERATED, `rows-${rows}-no-media-type.labelbox.json`);
      writeFileSync(variant, withoutMediaType(file.text));
      cliWithoutMediaType = measureCli(resolve(ROOT, 'dist/cli.js'), variant, options.runs);
    }
    const result = { rows, bytes: Buffer.byteLength(file.text), wrongRows: file.errors.length, sessions, floorOpenMs, transportFloorOpenMs, cli, cliWithoutMediaType };
    results.push(result);
    printSizeTable(result);
  }
  if (options.cli) printCliTable(results.filter((result) => result.cli) as Array<(typeof results)[number] & { cli: CliResult }>);
  console.log(`\nLoad after the run: ${machineLoad()}`);
  if (options.json) writeFileSync(options.json, JSON.stringify({ machine, options, results }, null, 2));
}

function machineLoad(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
