/**
 * `npm run bench`: our language server and VS Code's JSON language server (with our schema)
 * on the same generated import files, side by side; and the CLI next to a bare JSON.parse.
 *
 * Options: --sizes 1000,10000,50000  --runs 3  --seed 1  --edit-pairs 4  --paste-rows 1000
 *          --pause 500 (ms before each measured edit, as between keystrokes)
 *          --rich 150000 (rows of about 2 KB, checked from disk and by the CLI only; 0: none)
 *          --no-json-server  --no-cli  --no-disk  --no-access  --json FILE (raw results)
 */
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_EXEC_ARGV } from '../client/serverOptions';
import { generateImportFile, generateRichImportFile, richMetadataSchema, rowsWithInjectedProblems, withoutMediaType } from './generateRows';
import { measureDiskCheck, type DiskCheckResult } from './measureDiskCheck';
import { measureAssetAccess } from './assetAccess';
import { machineDescription } from './machine';
import { measureCli, type CliResult } from './measureCli';
import { precompiledSchemaCode } from '../scripts/precompiledSchemaCode';
import { measureOpenOnly, measureSession, type SessionResult } from './measureServer';
import { printCliTable, printDiskTable, printSizeTable, type DiskRow, type SizeResult } from './report';
import type { ServerLaunch } from './serverProcess';

const ROOT = resolve(__dirname, '..');
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
  disk: boolean;
  rich: number;
  json: string | undefined;
  pauseMs: number;
  /** The asset access check's URLs per second against local servers (bench/assetAccess.ts). */
  access: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    sizes: [1000, 10_000, 50_000],
    runs: 3,
    seed: 1,
    editPairs: 4,
    pasteRows: 1000,
    jsonServer: true,
    cli: true,
    disk: true,
    rich: 150_000,
    json: undefined,
    pauseMs: 500,
    access: true,
  };
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
        options.sizes = value().split(',').filter(Boolean).map(count);
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
      case '--no-disk':
        options.disk = false;
        break;
      case '--no-access':
        options.access = false;
        break;
      case '--rich':
        options.rich = count(value());
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

/**
 * A server that reads didOpen and answers with no diagnostics: the least a server on our
 * library can take to open. Bundled like ours and started the same way (no TypeScript loader).
 */
const FLOOR_SERVER: ServerLaunch = {
  name: 'protocol floor',
  args: [resolve(GENERATED, 'floorServer.js'), '--stdio'],
};

/** A server that answers didOpen when its last byte arrived, without decoding it: the least any server can take. */
const TRANSPORT_FLOOR_SERVER: ServerLaunch = {
  name: 'transport floor',
  args: [resolve(GENERATED, 'transportFloorServer.js'), '--stdio'],
};

/** The protocol floor plus JSON.parse of the text: the least a server that reads the rows can take. */
const PARSE_FLOOR_SERVER: ServerLaunch = {
  name: 'floor and JSON.parse',
  args: [resolve(GENERATED, 'parseFloorServer.js'), '--stdio'],
};

/** The same plus the schema's validator on every row: the least a server that checks rows against the schema can take. */
const SCHEMA_FLOOR_SERVER: ServerLaunch = {
  name: 'floor, JSON.parse and the schema',
  args: [resolve(GENERATED, 'schemaFloorServer.js'), '--stdio'],
};

/** The command line's lower bound: reading the file, JSON.parse and the schema on every row. */
const SCHEMA_FLOOR_CLI = resolve(GENERATED, 'checkingFloorCli.js');

/**
 * Bundles the floor servers and the lower bounds as our server is bundled, so that all start
 * the same way; the lower bounds with the schema's validators generated as for our bundles.
 */
async function buildFloorServers(): Promise<void> {
  const precompiledSchemaFile = resolve(GENERATED, 'precompiledSchema.js');
  writeFileSync(precompiledSchemaFile, precompiledSchemaCode());
  await esbuild.build({
    entryPoints: ['floorServer', 'transportFloorServer', 'parseFloorServer', 'schemaFloorServer', 'checkingFloorCli'].map((name) =>
      resolve(ROOT, `bench/${name}.ts`),
    ),
    outdir: GENERATED,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    plugins: [
      {
        name: 'precompiled-schema',
        setup(build) {
          build.onResolve({ filter: /^labelbox-import:precompiled-schema$/ }, () => ({ path: precompiledSchemaFile }));
        },
      },
    ],
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!(globalThis as { gc?: unknown }).gc)
    throw new Error('Run the bench with node --expose-gc (npm run bench does): its own garbage is collected before each measured open.');
  mkdirSync(GENERATED, { recursive: true });
  await buildFloorServers();
  const machine = machineDescription();
  console.log(`# Benchmark\n\n${machine}\n`);
  console.log(`Command: npm run bench -- ${process.argv.slice(2).join(' ')}`.trimEnd() + '\n');
  const results: Array<SizeResult & { cli?: CliResult; cliWithoutMediaType?: CliResult }> = [];
  const diskRows: DiskRow[] = [];
  for (const rows of options.sizes) {
    const file = generateImportFile(rows, options.seed);
    const path = resolve(GENERATED, `rows-${rows}.labelbox.json`);
    writeFileSync(path, file.text);
    const uri = pathToFileURL(path).href;
    const sessions: SessionResult[] = [];
    const floorOpenMs: number[] = [];
    const transportFloorOpenMs: number[] = [];
    const parseFloorOpenMs: number[] = [];
    const schemaFloorOpenMs: number[] = [];
    const sessionOptions = { editPairs: options.editPairs, pasteRows: options.pasteRows, compareWithFresh: true, timeoutMs: 600_000, pauseMs: options.pauseMs };
    for (let run = 0; run < options.runs; run++) {
      // Alternate the order, so that neither server always runs right after the other.
      const order = options.jsonServer ? (run % 2 === 0 ? [OUR_SERVER, JSON_SERVER] : [JSON_SERVER, OUR_SERVER]) : [OUR_SERVER];
      for (const launch of order) {
        process.stderr.write(`${rows} rows, run ${run + 1}/${options.runs}: ${launch.name}…\n`);
        const isOurs = launch === OUR_SERVER;
        sessions.push(await measureSession(launch, file, uri, isOurs ? 'labelbox-json' : 'json', { ...sessionOptions, compareWithFresh: isOurs }));
      }
      for (const [launch, times] of [
        [FLOOR_SERVER, floorOpenMs],
        [TRANSPORT_FLOOR_SERVER, transportFloorOpenMs],
        [PARSE_FLOOR_SERVER, parseFloorOpenMs],
        [SCHEMA_FLOOR_SERVER, schemaFloorOpenMs],
      ] as const) {
        process.stderr.write(`${rows} rows, run ${run + 1}/${options.runs}: ${launch.name}…\n`);
        times.push((await measureOpenOnly(launch, file, uri)).openMs);
      }
    }
    const cli = options.cli ? measureCli(resolve(ROOT, 'dist/cli.js'), path, options.runs, SCHEMA_FLOOR_CLI) : undefined;
    let cliWithoutMediaType: CliResult | undefined;
    if (options.cli) {
      const variant = resolve(GENERATED, `rows-${rows}-no-media-type.labelbox.json`);
      writeFileSync(variant, withoutMediaType(file.text));
      cliWithoutMediaType = measureCli(resolve(ROOT, 'dist/cli.js'), variant, options.runs, SCHEMA_FLOOR_CLI);
    }
    const result = {
      rows,
      bytes: Buffer.byteLength(file.text),
      wrongRows: file.errors.length,
      sessions,
      floorOpenMs,
      transportFloorOpenMs,
      parseFloorOpenMs,
      schemaFloorOpenMs,
      cli,
      cliWithoutMediaType,
    };
    results.push(result);
    printSizeTable(result);
    if (options.disk && cli) {
      const wrongRows = rowsWithInjectedProblems(file);
      diskRows.push({
        label: rows.toLocaleString('en-US'),
        rows,
        bytes: result.bytes,
        wrongRows: wrongRows.size,
        cli,
        disk: await measureDiskChecks(path, file.text, wrongRows, options.runs),
      });
    }
  }
  if (options.rich) diskRows.push(await measureRich(options.rich, options.seed, options.runs, options.disk));
  if (options.cli) printCliTable(results.filter((result) => result.cli) as Array<(typeof results)[number] & { cli: CliResult }>);
  if (diskRows.length) printDiskTable(diskRows);
  if (options.access) await measureAssetAccess(options.runs);
  console.log(`\nLoad after the run: ${machineLoad()}`);
  if (options.json) writeFileSync(options.json, JSON.stringify({ machine, options, results, diskRows }, null, 2));
}

/** Our server with no cap on the problems it publishes, so that every wrong row can be seen reported. */
const OUR_SERVER_UNCAPPED: ServerLaunch = { ...OUR_SERVER, settings: { maxProblems: 1_000_000 } };

async function measureDiskChecks(path: string, text: string, wrongRows: ReadonlySet<number>, runs: number): Promise<DiskCheckResult[]> {
  const checks: DiskCheckResult[] = [];
  for (let run = 0; run < runs; run++) {
    process.stderr.write(`${path}: check from disk, run ${run + 1}/${runs}…\n`);
    checks.push(await measureDiskCheck(OUR_SERVER_UNCAPPED, path, text, wrongRows));
  }
  return checks;
}

/**
 * Rows of about 2 KB (generateRichImportFile), up to Labelbox's 150,000 per import: too big
 * for VS Code to hand over, so checked from disk and by the CLI, each next to a bare JSON.parse.
 * The organization's metadata schema lies beside the file, as the rows' custom fields need.
 */
async function measureRich(rows: number, seed: number, runs: number, disk: boolean): Promise<DiskRow> {
  process.stderr.write(`${rows} rows of about 2 KB: generating…\n`);
  const folder = resolve(GENERATED, `rich-${rows}`);
  mkdirSync(resolve(folder, '.labelbox'), { recursive: true });
  writeFileSync(resolve(folder, '.labelbox/metadata-schema.json'), richMetadataSchema());
  const file = generateRichImportFile(rows, seed);
  const path = resolve(folder, `rows-${rows}.labelbox.json`);
  writeFileSync(path, file.text);
  const bytes = Buffer.byteLength(file.text);
  process.stderr.write(`${rows} rows of about 2 KB (${(bytes / 1024 ** 2).toFixed(0)} MB): CLI…\n`);
  const cli = measureCli(resolve(ROOT, 'dist/cli.js'), path, runs);
  const wrongRows = rowsWithInjectedProblems(file);
  const checks = disk ? await measureDiskChecks(path, file.text, wrongRows, runs) : [];
  return { label: `${rows.toLocaleString('en-US')} of about 2 KB`, rows, bytes, wrongRows: wrongRows.size, cli, disk: checks };
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
