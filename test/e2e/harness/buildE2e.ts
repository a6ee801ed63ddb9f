/**
 * Bundles the suite (one file per test file, so mocha loads them as usual) and the test-runner
 * extension with esbuild, and packages that extension as a VSIX for code-server to install.
 */
import * as esbuild from 'esbuild';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface E2eBuild {
  /** The suite's entry module, with `run()` and `runSuite()`. */
  suiteEntry: string;
  runnerVsix: string;
}

export async function buildE2e(root: string): Promise<E2eBuild> {
  const out = path.join(root, 'out', 'e2e');
  rmSync(out, { recursive: true, force: true });
  const suiteDir = path.join(root, 'test', 'e2e', 'suite');
  const testFiles = readdirSync(suiteDir).filter((name) => name.endsWith('.test.ts'));
  const common: esbuild.BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning' };
  await esbuild.build({
    ...common,
    entryPoints: ['index.ts', ...testFiles].map((name) => path.join(suiteDir, name)),
    outdir: path.join(out, 'suite'),
    // mocha stays a module of its own so that the index and every test file share it; it is
    // found in the project's node_modules from out/e2e/suite.
    external: ['vscode', 'mocha'],
  });

  const runnerDir = path.join(out, 'runner-extension');
  await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'test', 'e2e', 'runner-extension', 'extension.ts')],
    outfile: path.join(runnerDir, 'extension.js'),
    external: ['vscode'],
  });
  copyFileSync(path.join(root, 'test', 'e2e', 'runner-extension', 'package.json'), path.join(runnerDir, 'package.json'));
  copyFileSync(path.join(root, 'LICENSE'), path.join(runnerDir, 'LICENSE'));
  const runnerVsix = path.join(out, 'labelbox-import-e2e-runner.vsix');
  // @vscode/vsce has no type declarations for its API.
  const { createVSIX } = require('@vscode/vsce') as { createVSIX(options: Record<string, unknown>): Promise<void> };
  await createVSIX({ cwd: runnerDir, packagePath: runnerVsix, dependencies: false, allowMissingRepository: true, skipLicense: true });
  return { suiteEntry: path.join(out, 'suite', 'index.js'), runnerVsix };
}
