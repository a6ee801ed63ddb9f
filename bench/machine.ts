import { cpus, loadavg, totalmem } from 'node:os';

/** The machine a benchmark ran on, in one paragraph for BENCHMARKS.md. */
export function machineDescription(): string {
  const processors = cpus();
  return [
    `Machine: ${processors.length} × ${processors[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB memory, Node ${process.version} on ${process.platform}.`,
    `Load average before the run: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')} (1, 5, 15 minutes).`,
  ].join('\n');
}
