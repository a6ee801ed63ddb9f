/**
 * Which of two import files counts as earlier when both use a global key: the later one is
 * told that the key is taken. One rule for the editor and the command line, the same on every
 * machine (no locale, no file times):
 * 1. files marked as already imported (labelboxImport.globalKeys.importedFiles, --imported);
 * 2. then by workspace folder, in the workspace's order;
 * 3. then by the path inside the folder (`/` separators), compared by UTF-16 code units, so
 *    that `batch-009` comes before `batch-010` as people number batches. On the command line,
 *    the "folder" is the current folder, and files outside it come last, by absolute path (the
 *    editor compares only the files inside its workspace folders).
 */
export interface FileOrderKey {
  imported: boolean;
  /** Index of the workspace folder holding the file; Infinity outside every folder. */
  folderIndex: number;
  /** Path inside the folder with `/` separators (outside every folder: the absolute path). */
  relativePath: string;
}

/** Why one file comes before another, as the message says it. */
export type OrderReason = 'imported' | 'folder' | 'path';

export function compareImportFiles(a: FileOrderKey, b: FileOrderKey): number {
  if (a.imported !== b.imported) return a.imported ? -1 : 1;
  if (a.folderIndex !== b.folderIndex) return a.folderIndex < b.folderIndex ? -1 : 1;
  return a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0;
}

/** What decides that `earlier` comes before `later` (they are assumed in that order). */
export function orderReason(earlier: FileOrderKey, later: FileOrderKey): OrderReason {
  if (earlier.imported !== later.imported) return 'imported';
  if (earlier.folderIndex !== later.folderIndex) return 'folder';
  return 'path';
}
