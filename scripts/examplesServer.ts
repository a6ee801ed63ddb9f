/**
 * code-server on examples/ with the freshly packaged VSIX installed: what `npm start` serves
 * for a look by hand and what `npm run screenshot` photographs. Run `npm run package` first.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createProfile, installExtensions, startCodeServer, type RunningCodeServer } from '../test/e2e/harness/codeServer';
import { installCodeServer } from '../test/e2e/harness/installCodeServer';
import { packagedVsix } from '../test/e2e/harness/vsix';

export interface ExamplesServerOptions {
  /** The repository. */
  root: string;
  /** Where the profile (settings, state, extensions) and the log go. */
  home: string;
  /** Keep the settings and state of earlier runs (only the extension is replaced); otherwise start afresh. */
  keep: boolean;
  /** User settings, on top of those that keep VS Code quiet. */
  settings?: Record<string, unknown>;
  port?: number;
}

export async function serveExamples(options: ExamplesServerOptions): Promise<{ server: RunningCodeServer; logFile: string }> {
  const vsix = packagedVsix(options.root);
  const entry = await installCodeServer(options.root);
  if (!options.keep) rmSync(options.home, { recursive: true, force: true });
  const profile = createProfile(options.home, options.settings, { keepSettings: options.keep });
  await installExtensions(options.root, entry, profile, [vsix], { force: true });

  const folder = path.join(options.root, 'examples');
  if (!existsSync(folder)) throw new Error(`${folder} is missing.`);
  const logFile = path.join(options.home, 'code-server.log');
  const server = await startCodeServer({ root: options.root, entry, profile, folder, port: options.port, logFile });
  return { server, logFile };
}
