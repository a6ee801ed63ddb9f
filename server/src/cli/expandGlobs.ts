import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const GLOB_CHARS = /[*?[{]/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** Turns a glob (`*`, `**`, `?`, `[abc]`, `{a,b}`) into a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        pattern += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        pattern += '[^/]*';
      }
    } else if (ch === '?') {
      pattern += '[^/]';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) pattern += '\\[';
      else {
        pattern += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (ch === '{') {
      const close = glob.indexOf('}', i + 1);
      if (close < 0) pattern += '\\{';
      else {
        pattern += `(?:${glob.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else {
      pattern += escape(ch);
    }
  }
  return new RegExp(`^${pattern}$`);
}

function escape(text: string): string {
  return text.replace(/[.+^$()|\\/]/g, '\\$&');
}

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
