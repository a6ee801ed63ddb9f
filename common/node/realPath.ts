import { realpathSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The path with every link resolved: the file's real path or, for a path that does not exist
 * (yet, or ever: a tile template's {z}/{x}/{y}), its nearest existing folder's real path with
 * the rest after it. Undefined when a link cannot be followed (a loop, no permission). What is
 * inside a workspace is decided on these paths: a link inside to a file outside is outside.
 */
export function realPathOf(file: string): string | undefined {
  const rest: string[] = [];
  for (let existing = file; ;) {
    try {
      return path.join(realpathSync.native(existing), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(existing);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === existing) return undefined;
      rest.push(path.basename(existing));
      existing = parent;
    }
  }
}

/** Whether `candidate` is `folder` or inside it, both as given (resolve links first: realPathOf). */
export function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Whether `file` is really inside `folder`: both with their links resolved. */
export function isReallyInside(folder: string, file: string): boolean {
  const real = realPathOf(file);
  return real !== undefined && isInside(realPathOf(folder) ?? folder, real);
}
