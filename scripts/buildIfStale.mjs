// Builds (scripts/build.mjs) when dist/cli.js is missing or older than a source of any bundle
// (they are built together): `npm run test:cli` or `npm run test:hostile` on its own then tests
// the current code. Run before the tests, not in a test hook, so that no test file runs the CLI
// while another one rebuilds it.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['common', 'service', 'server', 'client', 'webview', 'schemas', 'scripts/build.mjs', 'package.json'];

function newestSource(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

function builtAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

if (builtAt('dist/cli.js') < Math.max(...SOURCES.map(newestSource))) {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
