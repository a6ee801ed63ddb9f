/**
 * code-server on a scratch copy of examples/ with the freshly packaged VSIX installed: what
 * `npm start` serves for a look by hand and what `npm run screenshot` photographs. The browser
 * VS Code saves (quick fixes, "Convert File", auto-save), so it never opens the tracked files.
 * Run `npm run package` first.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createProfile, installExtensions, startCodeServer, type RunningCodeServer } from '../test/e2e/harness/codeServer';
import { installCodeServer } from '../test/e2e/harness/installCodeServer';
import { packagedVsix } from '../test/e2e/harness/vsix';

export interface ExamplesServerOptions {
  /** The repository. */
  root: string;
  /** Where the profile (settings, state, extensions), the scratch copy of the examples and the log go. */
  home: string;
  /** Keep the settings, state and scratch copy of earlier runs (only the extension is replaced); otherwise start afresh. */
  keep: boolean;
  /** User settings, on top of those that keep VS Code quiet. */
  settings?: Record<string, unknown>;
  port?: number;
}

/** The scratch copy of examples/ under `home`, made when missing; `copied` says whether it was made now. */
export function scratchExamples(root: string, home: string): { folder: string; copied: boolean } {
  const source = path.join(root, 'examples');
  if (!existsSync(source)) throw new Error(`${source} is missing.`);
  const folder = path.join(home, 'examples');
  if (existsSync(folder)) return { folder, copied: false };
  cpSync(source, folder, { recursive: true });
  return { folder, copied: true };
}

export async function serveExamples(options: ExamplesServerOptions): Promise<{ server: RunningCodeServer; logFile: string; folder: string; copied: boolean }> {
  const vsix = packagedVsix(options.root);
  const entry = await installCodeServer(options.root);
  if (!options.keep) rmSync(options.home, { recursive: true, force: true });
  const profile = createProfile(options.home, options.settings, { keepSettings: options.keep });
  await installExtensions(options.root, entry, profile, [vsix], { force: true });

  const { folder, copied } = scratchExamples(options.root, options.home);
  const logFile = path.join(options.home, 'code-server.log');
  const server = await startCodeServer({ root: options.root, entry, profile, folder, port: options.port, logFile });
  return { server, logFile, folder, copied };
}
