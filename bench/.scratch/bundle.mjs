// bundle a scratch script like scripts/build.mjs does (with the precompiled schema)
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
const [entry, out] = process.argv.slice(2);
const plugin = { name: 'pc', setup(build) {
  build.onResolve({ filter: /^labelbox-import:precompiled-schema$/ }, (a) => ({ path: a.path, namespace: 'pc' }));
  build.onLoad({ filter: /.*/, namespace: 'pc' }, () => ({ contents: execFileSync(process.execPath, ['--import', 'tsx', 'scripts/precompileSchema.ts'], { encoding: 'utf8', maxBuffer: 64 << 20 }), loader: 'js', resolveDir: resolve('.') }));
} };
await esbuild.build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], plugins: [plugin], logLevel: 'warning', sourcemap: false });
