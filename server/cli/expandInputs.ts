import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { compileGlob, GlobError } from '../../service';

const GLOB_CHARS = /[*?[{]/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface ExpandedInputs {
  files: string[];
  /** Patterns that matched no file. */
  unmatched: string[];
  /** Patterns that cannot be used, with the reason. */
  invalid: string[];
}

/**
 * Expands the patterns the shell did not (quoted globs). A plain path is returned as it is,
 * so that a missing file is reported as unreadable rather than silently skipped. The walk
 * does not follow links to folders (a link to a parent folder would make it go round for
 * ever, and a link to a sibling would check the same files twice) and takes regular files
 * only (never a device, a pipe or a socket, even through a link).
 */
export function expandInputs(inputs: readonly string[], cwd = process.cwd()): ExpandedInputs {
  const files: string[] = [];
  const unmatched: string[] = [];
  const invalid: string[] = [];
  for (const input of inputs) {
    if (input === '-' || !GLOB_CHARS.test(input)) {
      files.push(input);
      continue;
    }
    const normalized = input.split(sep).join('/');
    const parts = normalized.split('/');
    const firstGlob = parts.findIndex((part) => GLOB_CHARS.test(part));
    const base = parts.slice(0, firstGlob).join('/') || '.';
    let matcher;
    try {
      matcher = compileGlob(parts.slice(firstGlob).join('/'));
    } catch (error) {
      if (!(error instanceof GlobError)) throw error;
      invalid.push(error.message);
      continue;
    }
    const root = resolve(cwd, base);
    const found: string[] = [];
    walk(root, (path) => {
      const rel = relative(root, path).split(sep).join('/');
      if (matcher.matches(rel)) found.push(base === '.' && !normalized.startsWith('./') ? rel : `${base}/${rel}`);
    });
    if (found.length) files.push(...found.sort());
    else unmatched.push(input);
  }
  return { files: [...new Set(files)], unmatched, invalid };
}

function walk(folder: string, visit: (path: string) => void): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (SKIPPED_FOLDERS.has(name)) continue;
    const path = join(folder, name);
    try {
      const entry = lstatSync(path);
      if (entry.isDirectory()) walk(path, visit);
      // A link counts when it leads to a regular file; links to folders are not followed.
      else if (entry.isFile() || (entry.isSymbolicLink() && statSync(path).isFile())) visit(path);
    } catch {
      // vanished, or a broken link
    }
  }
}
