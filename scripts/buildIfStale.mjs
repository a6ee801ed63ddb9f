// Builds (scripts/build.mjs) when a bundle is missing or older than any file it was made from
// (dist/build-inputs.json, written by the last build from esbuild's metafile), than the build
// scripts or than package.json: every test command then tests the current code. Run before the
// tests, not in a test hook, so that no test file runs a bundle while another one rebuilds it.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const BUILD_FILES = ['scripts/build.mjs', 'scripts/precompileSchema.ts', 'package.json'];

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function staleBecause() {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync('dist/build-inputs.json', 'utf8'));
  } catch {
    return 'no record of the last build';
  }
  const builtAt = Math.min(...recorded.outputs.map((output) => modifiedAt(output) ?? 0));
  if (builtAt === 0) return 'a bundle is missing';
  // A source that is gone (moved, deleted) also means the bundles are out of date.
  const changed = [...recorded.inputs, ...BUILD_FILES].find((input) => (modifiedAt(input) ?? Infinity) > builtAt);
  return changed && `${changed} changed`;
}

const reason = staleBecause();
if (reason) {
  console.log(`Building: ${reason}.`);
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
