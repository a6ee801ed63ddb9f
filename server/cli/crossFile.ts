import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  compareImportFiles,
  fileKeysOfDocument,
  matchesAnyGlob,
  WorkspaceKeyIndex,
  type CrossFileKeys,
  type FileOrderKey,
  type ImportDocument,
  type PositionAt,
} from '../../service';

/**
 * Global keys across the files of one command line, as the editor checks them across a
 * workspace: files are checked in their order (`fileOrder.ts`: those marked with --imported or
 * labelboxImport.globalKeys.importedFiles first, then by path relative to the current folder;
 * standard input last), and each file's keys are added once it is checked. A file's findings
 * depend only on the files before it, so one pass is enough and only each file's keys are
 * kept, never its document.
 */
export class CliKeyIndex {
  private readonly index = new WorkspaceKeyIndex();
  private readonly labels = new Map<number, { uri: string; label: string }>();
  private nextId = 1;
  /** Real paths of the files added: a file reached again through a link is the same file, not a second one. */
  private readonly realPaths = new Set<string>();

  constructor(
    /** Globs of files already imported, matched against the path relative to the current folder, or to the settings' workspace folder, and the absolute path. */
    private readonly imported: readonly string[],
    private readonly workspaceFolder: string | undefined,
    private readonly cwd = process.cwd(),
  ) {}

  orderOf(file: string): FileOrderKey {
    if (file === '-') return { imported: false, folderIndex: Infinity, relativePath: '' };
    const absolute = resolve(this.cwd, file);
    const fromCwd = relative(this.cwd, absolute).split(sep).join('/');
    const fromFolder = this.workspaceFolder ? relative(this.workspaceFolder, absolute).split(sep).join('/') : undefined;
    const inside = (path: string | undefined) => path !== undefined && !path.startsWith('../') && !isAbsolute(path);
    const imported =
      this.imported.length > 0 &&
      (matchesAnyGlob(absolute, this.imported) ||
        (inside(fromCwd) && matchesAnyGlob(fromCwd, this.imported)) ||
        (inside(fromFolder) && matchesAnyGlob(fromFolder!, this.imported)));
    return { imported, folderIndex: inside(fromCwd) ? 0 : 1, relativePath: inside(fromCwd) ? fromCwd : absolute.split(sep).join('/') };
  }

  /** The files in the order keys are owned (stable for equal paths given twice). */
  sorted(files: readonly string[]): string[] {
    return files
      .map((file, at) => ({ file, at, order: this.orderOf(file) }))
      .sort((a, b) => compareImportFiles(a.order, b.order) || a.at - b.at)
      .map(({ file }) => file);
  }

  /** Adds a checked file's keys; gives what its problems need to report keys the files before it use. */
  add(file: string, label: string, document: ImportDocument, positionAt: PositionAt): CrossFileKeys | undefined {
    if (file !== '-') {
      const real = realPathOf(resolve(this.cwd, file));
      if (this.realPaths.has(real)) return undefined;
      this.realPaths.add(real);
    }
    const id = this.nextId++;
    this.labels.set(id, { uri: file === '-' ? 'stdin:' : pathToFileURL(resolve(this.cwd, file)).href, label });
    this.index.setFile(id, this.orderOf(file), fileKeysOfDocument(document, positionAt));
    return this.index.crossFileKeys(id, (owner) => this.labels.get(owner)!);
  }
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
