/**
 * `npm run test:electron`: the same end-to-end suite (out/e2e/suite/index.js, `run()`) in the
 * desktop VS Code that @vscode/test-electron downloads, for machines that can download it.
 * As in code-server, the extension under test is the packaged VSIX, installed into a fresh
 * extensions folder. The steps that need the browser driver (screenshots, the preview's webview)
 * are skipped there. Offline, the download fails: use `npm run test:e2e` (code-server) instead.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { buildE2e } from './harness/buildE2e';
import { run } from './harness/run';
import { packagedVsix } from './harness/vsix';

const ROOT = path.resolve(__dirname, '..', '..');
const RUN_DIR = path.join(ROOT, '.vscode-test', 'electron-run');

async function main(): Promise<void> {
  const vsix = packagedVsix(ROOT);
  const { suiteEntry } = await buildE2e(ROOT);
  rmSync(RUN_DIR, { recursive: true, force: true });
  const workspace = path.join(RUN_DIR, 'workspace');
  cpSync(path.join(ROOT, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
  const extensionsDir = path.join(RUN_DIR, 'extensions');
  const userDataDir = path.join(RUN_DIR, 'user-data');
  mkdirSync(extensionsDir, { recursive: true });

  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode(process.env.VSCODE_VERSION ?? 'stable');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not download VS Code for @vscode/test-electron (${reason}).\nThis needs internet access; without it, run the same suite in code-server with "npm run test:e2e".`,
      { cause: error },
    );
  }
  // reuseMachineInstall: the profile folders are given here instead of test-electron's defaults.
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true });
  await run(cli, [...cliArgs, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir]);
  await runTests({
    vscodeExecutablePath,
    // test-electron needs a development extension: the runner does nothing without its variables.
    extensionDevelopmentPath: path.join(ROOT, 'out', 'e2e', 'runner-extension'),
    extensionTestsPath: suiteEntry,
    launchArgs: [workspace, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
