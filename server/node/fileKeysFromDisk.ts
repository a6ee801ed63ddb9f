import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { extractFileKeys, readKeysOfBatch, type FileKeys, type RowBatchChecker, type ValidationContext } from '../../service';
import { readTextChunks } from '../../common/node/readCapped';
import { MAX_CHECKED_FILE_BYTES } from './checkFile';

/**
 * The global keys of a file on disk, read in chunks with the same byte cap as a check from disk
 * (files over VS Code's 50 MB sync limit take part too). Each batch of rows (about half a
 * megabyte) is read in a task of its own, after `whenIdle`: the host holds indexing back while
 * the user types, so that it never holds up an edit's problems. Throws as readTextChunks does
 * (a missing file, too large, not a regular file).
 */
export function readFileKeys(path: string, context: ValidationContext, whenIdle: () => Promise<void> = nextTask): Promise<FileKeys> {
  const checker: RowBatchChecker = { check: async (batch) => (await whenIdle(), readKeysOfBatch(batch)) };
  return extractFileKeys(readTextChunks(path, MAX_CHECKED_FILE_BYTES, { stripByteOrderMark: true }), context, { checker, pause: whenIdle });
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Folders never looked into for import files: dependencies and version control. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * The files under a folder that may be import files, as absolute paths, sorted: regular files
 * only, without following links to folders (a link back up would go round for ever), and
 * at most `maxFiles` (`truncated` then says so). Links to regular files are listed; the caller
 * checks that they really lead inside the workspace.
 */
export function listFiles(folder: string, accept: (path: string) => boolean, maxFiles: number): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  const pending = [folder];
  while (pending.length) {
    const current = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
      } else if ((entry.isFile() || (entry.isSymbolicLink() && isFileLink(path))) && accept(path)) {
        if (files.length >= maxFiles) return { files: files.sort(), truncated: true };
        files.push(path);
      }
    }
  }
  return { files: files.sort(), truncated: false };
}

/** A link that leads to a regular file (never a folder, a device or a pipe). */
function isFileLink(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
