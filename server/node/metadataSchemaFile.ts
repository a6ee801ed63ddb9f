import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_METADATA_SCHEMA_PATH } from '../../common/metadataSchema/schemaFile';
import { NotRegularFileError, readFileCappedSync } from '../../common/node/readCapped';
import { createValidationContext, MetadataCatalog, parseMetadataSchema, type ValidationContext } from '../../service';

/**
 * The organization's metadata schema file on disk, for the CLI and the language server (the
 * language service itself reads no files).
 */

export { DEFAULT_METADATA_SCHEMA_PATH };
/** A real organization's schema is a few hundred kilobytes at most; anything far bigger is a wrong file. */
export const MAX_METADATA_SCHEMA_BYTES = 16 * 1024 * 1024;

export type LoadedMetadataSchema =
  | { state: 'missing'; path: string; context: ValidationContext }
  | { state: 'loaded'; path: string; context: ValidationContext; fieldCount: number; warnings: string[]; text: string }
  | { state: 'invalid'; path: string; context: ValidationContext; error: string; text?: string };

/**
 * Reads and parses a schema file. Never throws: a missing or broken file gives a context
 * without the organization's schema (a broken one says why in its catalog).
 * @param shownPath the path as the user should see it in messages.
 */
export function loadMetadataSchemaFile(path: string, shownPath = path): LoadedMetadataSchema {
  let text: string;
  try {
    // Read in chunks up to the cap: the size stat gives is no bound (a link to /dev/zero says 0).
    const read = readFileCappedSync(path, MAX_METADATA_SCHEMA_BYTES);
    if (read.truncated)
      return invalid(
        path,
        shownPath,
        `The file is larger than ${MAX_METADATA_SCHEMA_BYTES / 1024 / 1024} MB; a metadata schema is far smaller. Is it the right file?`,
      );
    text = read.bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing', path, context: createValidationContext() };
    return invalid(path, shownPath, readProblem(error));
  }
  const parsed = parseMetadataSchema(text);
  if (!parsed.ok) return { ...invalid(path, shownPath, parsed.error), text };
  const catalog = new MetadataCatalog(parsed.fields, { source: shownPath });
  const fieldCount = parsed.fields.filter((field) => !field.reserved).length;
  return { state: 'loaded', path, context: createValidationContext(catalog), fieldCount, warnings: parsed.warnings, text };
}

function readProblem(error: unknown): string {
  if (error instanceof NotRegularFileError) return 'It is not a regular file (a device, a pipe or a socket), so it is not read.';
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'It is a folder, not a file.';
  if (code === 'EACCES') return 'Permission denied.';
  if (code === 'ELOOP') return 'It is a link that leads round in a loop.';
  return `It cannot be read (${code ?? 'error'}).`;
}

function invalid(path: string, shownPath: string, error: string): LoadedMetadataSchema & { state: 'invalid' } {
  return { state: 'invalid', path, error, context: createValidationContext(new MetadataCatalog(undefined, { source: shownPath, problem: error })) };
}

/**
 * Finds `.labelbox/metadata-schema.json` in a folder or the nearest folder above it.
 * @param cache answers per folder, shared between calls so that many files in one tree cost one walk.
 */
export function findMetadataSchemaFile(folder: string, cache = new Map<string, string | undefined>()): string | undefined {
  const visited: string[] = [];
  let current = folder;
  let found: string | undefined;
  for (;;) {
    if (cache.has(current)) {
      found = cache.get(current);
      break;
    }
    visited.push(current);
    const candidate = join(current, DEFAULT_METADATA_SCHEMA_PATH);
    if (isFound(candidate)) {
      found = candidate;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folderOnTheWay of visited) cache.set(folderOnTheWay, found);
  return found;
}

/** Anything there but a folder: a device or a pipe under that name is found, and then refused with a reason, not passed over. */
function isFound(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}
