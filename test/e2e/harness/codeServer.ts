/** Starting and stopping code-server, the VS Code that these machines can run. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { codeServerEnv, codeServerHome } from './installCodeServer';
import { run } from './run';

export interface Profile {
  /** VS Code's user data: settings, state, logs. */
  userDataDir: string;
  extensionsDir: string;
}

/** A port on the loopback interface that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Creates a profile whose settings keep VS Code quiet: no welcome page, tips, updates or
 * telemetry. With `keepSettings`, settings a person already changed there are left alone.
 */
export function createProfile(dir: string, settings: Record<string, unknown> = {}, options: { keepSettings?: boolean } = {}): Profile {
  const profile = { userDataDir: path.join(dir, 'user-data'), extensionsDir: path.join(dir, 'extensions') };
  mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
  mkdirSync(profile.extensionsDir, { recursive: true });
  const quiet = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
  };
  const settingsFile = path.join(profile.userDataDir, 'User', 'settings.json');
  if (!options.keepSettings || !existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify({ ...quiet, ...settings }, null, 2));
  return profile;
}

/** Installs VSIX files into a profile; `force` replaces an installed copy of the same version. */
export async function installExtensions(root: string, entry: string, profile: Profile, vsixFiles: string[], options: { force?: boolean } = {}): Promise<void> {
  await run(
    process.execPath,
    [
      entry,
      '--user-data-dir',
      profile.userDataDir,
      '--extensions-dir',
      profile.extensionsDir,
      ...vsixFiles.flatMap((vsix) => ['--install-extension', vsix]),
      ...(options.force ? ['--force'] : []),
    ],
    { env: codeServerEnv(codeServerHome(root)) },
  );
}

export interface RunningCodeServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  root: string;
  entry: string;
  profile: Profile;
  folder: string;
  /** Passed on to the extension host, which inherits code-server's environment. */
  env?: NodeJS.ProcessEnv;
  logFile: string;
  port?: number;
}

/** Starts code-server on 127.0.0.1 without authentication and waits until it listens. */
export async function startCodeServer(options: StartOptions): Promise<RunningCodeServer> {
  const port = options.port ?? (await freePort());
  const args = [
    options.entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    options.profile.userDataDir,
    '--extensions-dir',
    options.profile.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    options.folder,
  ];
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  // Its own process group, so that stopping it also stops the extension host and the
  // language server under it.
  const child = spawn(process.execPath, args, {
    env: codeServerEnv(codeServerHome(options.root), options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    // Children of the group may outlive code-server itself.
    killGroup(child, 'SIGKILL');
    log.end();
  };

  try {
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s; see ${options.logFile}`)), 60_000);
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        if (/HTTP server listening on/.test(seen)) {
          clearTimeout(timer);
          child.stdout.off('data', onData);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited with code ${code} before it listened; see ${options.logFile}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURI(options.folder)}`;
  return { url, port, process: child, stop };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
