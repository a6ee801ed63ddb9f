import { statSync } from 'node:fs';
import { isReallyInside, realPathOf } from '../../common/node/realPath';

/**
 * Whether "Fetch Metadata Schema" may write the file the setting names. No `vscode` import, so
 * that it is unit-tested directly. Never a device, a pipe or a folder; and in an untrusted
 * workspace only a file that really is inside the workspace folder, links resolved: a
 * repository's settings (`../..`, an absolute path, a link) must not make it write elsewhere.
 */
export function schemaWriteProblem(target: string, folder: string, trusted: boolean): string | undefined {
  try {
    const stat = statSync(target);
    if (stat.isDirectory()) return `${target} is a folder; labelboxImport.metadataSchema must name a file.`;
    if (!stat.isFile()) return `${target} is a device, a pipe or a socket, not a file; the metadata schema is not written there.`;
  } catch {
    // Not there yet (or a broken link, resolved below): it is created.
  }
  if (trusted || isReallyInside(folder, target)) return undefined;
  const real = realPathOf(target);
  const where = real && real !== target ? `${target}, a link to ${real},` : target;
  return `In an untrusted workspace the metadata schema is written only inside the workspace folder, and labelboxImport.metadataSchema names ${where} outside it. Trust the workspace, or set a path inside the folder.`;
}
