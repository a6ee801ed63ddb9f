import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The packaged extension is all bundles; a VSIX past this size has picked up something by mistake. */
const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/** The VSIX that `npm run package` wrote (vsce names it NAME-VERSION.vsix). */
export function packagedVsix(root: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.join(root, `${manifest.name}-${manifest.version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${path.basename(vsix)} is missing: run "npm run package" first.`);
  const size = statSync(vsix).size;
  if (size > MAX_VSIX_BYTES)
    throw new Error(`${path.basename(vsix)} is ${(size / 1024 / 1024).toFixed(1)} MB; it should stay under 2 MB (check .vscodeignore).`);
  return vsix;
}
