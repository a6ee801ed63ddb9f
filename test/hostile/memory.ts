import { readFileSync } from 'node:fs';

/** The most memory a process has held so far (VmHWM, Linux), in megabytes; 0 where it cannot be read. */
export function peakMemoryMegabytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kilobytes ? Math.round(Number(kilobytes) / 1024) : 0;
  } catch {
    return 0;
  }
}
