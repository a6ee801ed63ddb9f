// Bundles the command-line validator, the language server and the VS Code client with esbuild.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

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
  metafile: true,
};

// The schema's validators, generated as code so that the server and the CLI start without
// compiling it. Generated when esbuild loads the module, once per build, and again in watch
// mode when the schema or the ajv setup changes.
const PRECOMPILED_SCHEMA_INPUTS = [
  'schemas/data-row-import.schema.json',
  'service/schema/compileSchema.ts',
  'service/schema/schemaForChecking.ts',
  'scripts/precompiledSchemaCode.ts',
].map((file) => resolve(file));
let precompiledCode;
const precompiledSchema = {
  name: 'precompiled-schema',
  setup(build) {
    build.onStart(() => {
      precompiledCode = undefined;
    });
    build.onResolve({ filter: /^labelbox-import:precompiled-schema$/ }, (args) => ({ path: args.path, namespace: 'precompiled-schema' }));
    build.onLoad({ filter: /.*/, namespace: 'precompiled-schema' }, () => {
      precompiledCode ??= execFileSync(process.execPath, ['--import', 'tsx', 'scripts/precompileSchema.ts'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      // resolveDir: the generated code requires ajv's runtime helpers from node_modules.
      return { contents: precompiledCode, loader: 'js', resolveDir: resolve('.'), watchFiles: PRECOMPILED_SCHEMA_INPUTS };
    });
  },
};

// The bundles that check rows use only the generated validators: ajv's compiler (the bare
// "ajv" import, made by service/schema/compileSchema.ts) is replaced by a class that throws.
const withoutSchemaCompiler = {
  name: 'without-schema-compiler',
  setup(build) {
    build.onResolve({ filter: /^ajv$/ }, () => ({ path: resolve('scripts/noRuntimeSchemaCompiler.cjs') }));
  },
};
const checkingPlugins = [precompiledSchema, withoutSchemaCompiler];

const entries = [
  { entryPoints: ['server/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: checkingPlugins },
  { entryPoints: ['server/lsp/serverMain.ts'], outfile: 'dist/server.js', plugins: checkingPlugins },
  // Reads and checks rows of big files on worker threads, for the server and the CLI.
  { entryPoints: ['server/node/checkWorkerMain.ts'], outfile: 'dist/checkWorker.js', plugins: checkingPlugins },
  { entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The preview page: dist/webview.js and dist/webview.css (with Leaflet's CSS), its images in dist/webview-assets/.
  {
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    loader: { '.png': 'file', '.svg': 'file' },
    assetNames: 'webview-assets/[name]-[hash]',
  },
];

const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  // What each bundle was made from, for scripts/buildIfStale.mjs (the schema's precompiled
  // code is made from PRECOMPILED_SCHEMA_INPUTS, which esbuild does not see as files).
  const inputs = results.flatMap((result) => Object.keys(result.metafile.inputs)).filter((input) => !input.includes(':') && !input.startsWith('node_modules/'));
  writeFileSync(
    'dist/build-inputs.json',
    `${JSON.stringify({ outputs: entries.map((entry) => entry.outfile), inputs: [...new Set([...inputs, ...PRECOMPILED_SCHEMA_INPUTS.map((file) => relative('.', file))])].sort() }, null, 1)}\n`,
  );
}
