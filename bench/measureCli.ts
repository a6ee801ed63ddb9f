import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One run of a command: wall time, CPU time (user + system) and peak memory. */
export interface CommandRun {
  wallMs: number;
  cpuMs: number;
  peakMemoryMb: number;
  status: number;
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs `node args…` and measures it. CPU time and peak memory come from GNU time when it is
 * installed (Node cannot read a child's resource usage); without it they are NaN.
 */
export function runNode(args: string[]): CommandRun {
  const withTime = existsSync(GNU_TIME);
  const directory = mkdtempSync(join(tmpdir(), 'lb-bench-'));
  const timeFile = join(directory, 'time');
  const command = withTime ? GNU_TIME : process.execPath;
  const commandArgs = withTime ? ['-o', timeFile, '-f', '%e %U %S %M', process.execPath, ...args] : args;
  const started = performance.now();
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  let cpuMs = Number.NaN;
  let peakMemoryMb = Number.NaN;
  if (withTime && existsSync(timeFile)) {
    // GNU time prints "Command exited with non-zero status N" before the format line.
    const fields = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpuMs = (fields[1] + fields[2]) * 1000;
    peakMemoryMb = fields[3] / 1024;
  }
  rmSync(directory, { recursive: true, force: true });
  if (result.error) throw result.error;
  return { wallMs, cpuMs, peakMemoryMb, status: result.status ?? -1, stdout: result.stdout };
}

export interface CliResult {
  /** Size of the file in bytes. */
  bytes: number;
  cli: CommandRun[];
  floor: CommandRun[];
  /** The lower bound (bench/checkingFloorCli.ts): the floor plus the schema on every row, when measured. */
  schemaFloor: CommandRun[];
  problems: number;
}

/**
 * The CLI on a file, next to a bare JSON.parse of it (reading the file included in both) and,
 * given `schemaFloorCli`, next to reading, JSON.parse and the schema on every row.
 */
export function measureCli(cliPath: string, file: string, runs: number, schemaFloorCli?: string): CliResult {
  const cli: CommandRun[] = [];
  const floor: CommandRun[] = [];
  const schemaFloor: CommandRun[] = [];
  let problems = -1;
  for (let run = 0; run < runs; run++) {
    const checked = runNode([cliPath, 'validate', '--format', 'json', '--max-problems', '1000', file]);
    if (checked.status !== 0 && checked.status !== 1) throw new Error(`the CLI failed on ${file} (status ${checked.status})`);
    // The JSON format is an array of problems.
    problems = (JSON.parse(checked.stdout) as unknown[]).length;
    cli.push(checked);
    floor.push(runNode(['-e', 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))', file]));
    if (schemaFloorCli) schemaFloor.push(runNode([schemaFloorCli, file]));
  }
  return { bytes: statSync(file).size, cli, floor, schemaFloor, problems };
}
