/**
 * Installs code-server (a full VS Code served to a browser) into .vscode-test/ without any
 * download besides the npm registry: its own install scripts fetch binaries from GitHub, so
 * they are skipped and the native modules are built from source instead. Done once; later
 * calls find the finished folder and return at once.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_VERSION, findOnPath, missingPrerequisites, nodeHeadersDir, prerequisitesMessage } from './prerequisites';
import { run } from './run';

export { CODE_SERVER_VERSION } from './prerequisites';
const MARKER = '.installed';

/**
 * Where code-server is installed: .vscode-test/code-server-<version>, or the folder named by
 * LABELBOX_CODE_SERVER_DIR (to share one install between clones).
 */
export function codeServerHome(root: string): string {
  return process.env.LABELBOX_CODE_SERVER_DIR
    ? path.resolve(process.env.LABELBOX_CODE_SERVER_DIR)
    : path.join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
}

/** Whether code-server is installed and complete (an interrupted install is not). */
export function codeServerInstalled(root: string): boolean {
  return existsSync(path.join(codeServerHome(root), MARKER));
}

/**
 * The environment to run code-server in: its config file and its own logs are kept under
 * .vscode-test/ so that it writes nothing into the user's home folder.
 */
export function codeServerEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, CODE_SERVER_CONFIG: path.join(home, 'config.yaml'), XDG_DATA_HOME: path.join(home, 'data'), ...extra };
}

/** The script to start code-server with `node`. */
export function codeServerEntry(root: string): string {
  return path.join(codeServerHome(root), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Everything a machine lacks to run code-server (and to install it, when it is not yet), in one message; undefined when nothing. */
export function prerequisitesProblem(root: string): string | undefined {
  const missing = missingPrerequisites({ installing: !codeServerInstalled(root) });
  return missing.length ? prerequisitesMessage(missing) : undefined;
}

export async function installCodeServer(root: string, log: (line: string) => void = console.log): Promise<string> {
  const home = codeServerHome(root);
  if (codeServerInstalled(root)) return codeServerEntry(root);
  const problem = prerequisitesProblem(root);
  if (problem) throw new Error(problem);

  // Build in a folder of its own and move it in place at the end, so an interrupted install
  // is never mistaken for a finished one. A failed build is left there to look at; the next
  // run starts it afresh.
  const staging = `${home}.staging`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(root, home)} (once; about 2 minutes)…`);
  await npm(staging, ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts']);

  const nodeDir = nodeHeadersDir();
  // code-server loads argon2 at start even with --auth none.
  const argon2 = firstExisting([path.join(staging, 'node_modules', 'argon2'), path.join(staging, 'node_modules', 'code-server', 'node_modules', 'argon2')]);
  log('Building argon2 from source…');
  await run(process.execPath, [require.resolve('@mapbox/node-pre-gyp/bin/node-pre-gyp', { paths: [argon2] }), 'rebuild', `--nodedir=${nodeDir}`], {
    cwd: argon2,
  });

  const vscodeDir = path.join(staging, 'node_modules', 'code-server', 'lib', 'vscode');
  log('Installing the VS Code server modules…');
  await npm(vscodeDir, ['install', '--omit=dev', '--ignore-scripts']);
  log('Building the native modules of VS Code…');
  // @parcel/watcher needs no build: its binary comes in the npm package
  // @parcel/watcher-linux-x64-glibc. node-pty's install script fails at an optional step after
  // pty.node is built, so the exit code is not trusted: loading each module is the check.
  const rebuild = await npm(vscodeDir, ['rebuild', '@vscode/spdlog', 'native-watchdog', 'node-pty', `--nodedir=${nodeDir}`], true);
  const nativeModules = ['@parcel/watcher', '@vscode/spdlog', 'native-watchdog', 'node-pty', 'argon2'];
  const load = await run(process.execPath, ['-e', `for (const name of ${JSON.stringify(nativeModules)}) require(name)`], {
    cwd: vscodeDir,
    allowFailure: true,
    env: { ...process.env, NODE_PATH: path.join(staging, 'node_modules') },
  });
  if (load.code !== 0)
    throw new Error(
      `Building the native modules of code-server failed: is a C++ toolchain (make, g++, python3) installed?\n${load.output.slice(-2000)}\n${rebuild.output.slice(-3000)}`,
    );

  // VS Code's search runs ripgrep; the npm package would download it, so use Debian's.
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync(findOnPath('rg')!, path.join(rgDir, 'rg'));

  // The links code-server's own install script would have made.
  symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  symlinkSync('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  symlinkSync('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

  const entry = path.join(staging, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const output = execFileSync(process.execPath, [entry, '--version'], { encoding: 'utf8', env: codeServerEnv(staging) });
  const version = output.split('\n').find((line) => line.startsWith(`${CODE_SERVER_VERSION} `));
  if (!version) throw new Error(`code-server does not report version ${CODE_SERVER_VERSION}:\n${output}`);

  writeFileSync(path.join(staging, MARKER), `code-server ${version.trim()}\ninstalled ${new Date().toISOString()}\n`);
  rmSync(home, { recursive: true, force: true });
  renameSync(staging, home);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return codeServerEntry(root);
}

function npm(cwd: string, args: string[], allowFailure = false) {
  return run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    allowFailure,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}

function firstExisting(candidates: string[]): string {
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`None of these exist: ${candidates.join(', ')}`);
  return found;
}

/** For `node --import tsx test/e2e/harness/installCodeServer.ts`: install and report. */
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const root = path.resolve(__dirname, '..', '..', '..');
  installCodeServer(root).then(
    (entry) => console.log(`code-server ready: ${entry}\n${readFileSync(path.join(codeServerHome(root), MARKER), 'utf8').trim()}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
