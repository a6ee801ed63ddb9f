import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { globToRegExp } from '../service/text/glob';

const GLOB_CHARS = /[*?[{]/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);


/**
 * Expands the patterns the shell did not (quoted globs). A plain path is returned as it is,
 * so that a missing file is reported as unreadable rather than silently skipped.
 */
export function expandInputs(inputs: readonly string[], cwd = process.cwd()): { files: string[]; unmatched: string[] } {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const input of inputs) {
    if (input === '-' || !GLOB_CHARS.test(input)) {
      files.push(input);
      continue;
    }
    const normalized = input.split(sep).join('/');
    const parts = normalized.split('/');
    const firstGlob = parts.findIndex((part) => GLOB_CHARS.test(part));
    const base = parts.slice(0, firstGlob).join('/') || '.';
    const matcher = globToRegExp(parts.slice(firstGlob).join('/'));
    const root = resolve(cwd, base);
    const found: string[] = [];
    walk(root, (path) => {
      const rel = relative(root, path).split(sep).join('/');
      if (matcher.test(rel)) found.push(base === '.' && !normalized.startsWith('./') ? rel : `${base}/${rel}`);
    });
    if (found.length) files.push(...found.sort());
    else unmatched.push(input);
  }
  return { files: [...new Set(files)], unmatched };
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
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      continue;
    }
    if (isFolder) walk(path, visit);
    else visit(path);
  }
}
