// Bundles the command-line validator, the language server and the VS Code client with esbuild.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build cannot be bundled; its ES module build can.
  mainFields: ['module', 'main'],
};

// The schema's validators, generated as code so that the server and the CLI start without compiling it.
const PRECOMPILED_SCHEMA = resolve('dist/generated/import-schema-validators.js');
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/precompileSchema.ts'], { stdio: 'inherit' });
const precompiledSchema = {
  name: 'precompiled-schema',
  setup(build) {
    build.onResolve({ filter: /^labelbox-import:precompiled-schema$/ }, () => ({ path: PRECOMPILED_SCHEMA }));
  },
};

const entries = [
  { entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [precompiledSchema] },
  { entryPoints: ['server/src/lsp/serverMain.ts'], outfile: 'dist/server.js', plugins: [precompiledSchema] },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The preview page: dist/webview.js and dist/webview.css (with Leaflet's CSS), its images in dist/webview-assets/.
  {
    entryPoints: ['client/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    loader: { '.png': 'file', '.svg': 'file' },
    assetNames: 'webview-assets/[name]-[hash]',
  },
].filter((entry) => existsSync(entry.entryPoints[0]));

const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
