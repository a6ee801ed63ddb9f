import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The VSIX that `npm run package` wrote (vsce names it NAME-VERSION.vsix). */
export function packagedVsix(root: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.join(root, `${manifest.name}-${manifest.version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${path.basename(vsix)} is missing: run "npm run package" first.`);
  return vsix;
}
