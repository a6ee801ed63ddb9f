import { spawn, type SpawnOptions } from 'node:child_process';

export interface RunOptions extends SpawnOptions {
  /** Failures of this command are reported but do not throw. */
  allowFailure?: boolean;
}

/** Runs a command to completion, keeping its output to show when it fails. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      // Only the end matters when a build fails; keep memory bounded.
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code: code ?? 1, output };
      if (result.code === 0 || options.allowFailure) resolve(result);
      else reject(new Error(`${command} ${args.join(' ')} failed with exit code ${result.code}:\n${output.slice(-4000)}`));
    });
  });
}
