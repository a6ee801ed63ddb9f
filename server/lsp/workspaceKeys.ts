import { StringDecoder } from 'node:string_decoder';
import { relative, sep } from 'node:path';
import type { Connection, InitializeParams, WorkspaceFolder } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import {
  documentKeySource,
  fileKeysOfDocument,
  LineIndex,
  matchesAnyGlob,
  SNIFF_READ_LENGTH,
  WorkspaceKeyIndex,
  type CrossFileKeys,
  type FileOrderKey,
  type ImportDocument,
  type LanguageService,
} from '../../service';
import { WorkspaceKeysStatusNotification, type WorkspaceKeysStatusParams } from '../../common/protocol';
import { FifoQueue } from '../../common/fifoQueue';
import { readFileCapped } from '../../common/node/readCapped';
import { isInside, isReallyInside } from '../../common/node/realPath';
import { listFiles, readFileKeys } from '../node/fileKeysFromDisk';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { DocumentStore, TrackedDocument } from './documentStore';
import { describeError } from './diskFiles';
import { DEFAULT_SETTINGS, type ServerSettings } from './settings';
import type { SettingsCache } from './settingsCache';
import { formatCount } from '../../common/formatCount';

/** Files looked at per workspace at most: a monorepo of JSON files must not be read whole. */
export const MAX_SCANNED_FILES = 5000;
const MAX_SKIPPED_SHOWN = 20;
const STATUS_INTERVAL_MS = 250;
/** Indexing waits until the open files have not changed for this long: typing comes first. */
const QUIET_BEFORE_INDEXING_MS = 300;

interface Folder {
  uri: string;
  path: string;
  settings: ServerSettings;
}

interface KnownFile {
  id: number;
  uri: string;
  path: string | undefined;
  /** The open document the keys come from; undefined when they were read from disk. */
  document?: ImportDocument;
  /** Whether it is indexed (open, or read from disk). */
  indexed: boolean;
  /** Matched by the folder's `files` globs: no need to look at its content. */
  matched: boolean;
}

export interface WorkspaceKeysParts {
  connection: Connection;
  service: LanguageService;
  documents: DocumentStore;
  diagnostics: DiagnosticsPublisher;
  settings: SettingsCache;
  isSchemaFile: (uri: string) => boolean;
}

/**
 * The global keys of every import file in the workspace folders, for the rule
 * global-key-in-other-file: open files give theirs as they are edited (only the keys an edit
 * adds or drops), the others are read from disk in the background, one at a time and a batch
 * of rows per task, so that the open file's problems never wait for them. After each change
 * the open files whose findings changed are published again.
 */
export class WorkspaceKeys {
  private index = new WorkspaceKeyIndex();
  private folders: Folder[] = [];
  private workspaceFolders: WorkspaceFolder[] = [];
  private followsFolders = false;
  private readonly files = new Map<string, KnownFile>();
  private readonly filesById = new Map<number, KnownFile>();
  private nextId = 1;
  private readonly queue = new FifoQueue<string>();
  private readonly queued = new Set<string>();
  private reading = false;
  private scanning = false;
  private enabled = true;
  /** Bumped on every rescan: a read that started before it is dropped. */
  private generation = 0;
  private skipped: { file: string; reason: string }[] = [];
  private statusTimer: NodeJS.Timeout | undefined;
  /** When an open document last changed (performance.now()). */
  private lastEditAt = -Infinity;
  private readonly context;

  constructor(private readonly parts: WorkspaceKeysParts) {
    this.context = parts.service.createValidationContext();
  }

  initialize(params: InitializeParams): void {
    this.workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    this.followsFolders = Boolean(params.capabilities.workspace?.workspaceFolders);
  }

  /** Once initialized (subscribing earlier would register the notification before the client can take it): follows the folders, and scans. */
  start(): Promise<void> {
    if (this.followsFolders) {
      this.parts.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        this.workspaceFolders = this.workspaceFolders.filter((folder) => !removed.has(folder.uri)).concat(event.added);
        void this.rescan();
      });
    }
    return this.rescan();
  }

  /** Reads every folder's settings, finds the import files and starts reading them. */
  async rescan(): Promise<void> {
    const generation = ++this.generation;
    this.scanning = true;
    this.sendStatus(true);
    const folders = await Promise.all(this.workspaceFolders.map((folder) => this.folderOf(folder)));
    if (generation !== this.generation) return;
    this.folders = folders.filter((folder): folder is Folder => folder !== undefined);
    this.enabled = (this.folders[0]?.settings ?? this.parts.settings.global).globalKeysAcrossFiles;
    this.reset();
    if (this.enabled) this.scanFolders();
    this.scanning = false;
    for (const tracked of this.parts.documents.all()) this.documentUpdated(tracked);
    this.publishOpen();
    this.sendStatus(true);
    this.readNext();
  }

  private async folderOf(folder: WorkspaceFolder): Promise<Folder | undefined> {
    let path: string;
    try {
      const uri = URI.parse(folder.uri);
      if (uri.scheme !== 'file') return undefined;
      path = uri.fsPath;
    } catch {
      return undefined;
    }
    await this.parts.settings.fetch(folder.uri);
    const settings = this.parts.settings.supportsConfiguration ? this.parts.settings.settingsFor(folder.uri) : this.parts.settings.global;
    return { uri: folder.uri, path, settings: settings ?? DEFAULT_SETTINGS };
  }

  /** Forgets every file: the index is built again. */
  private reset(): void {
    this.index = new WorkspaceKeyIndex();
    this.files.clear();
    this.filesById.clear();
    this.queue.clear();
    this.queued.clear();
    this.skipped = [];
  }

  private scanFolders(): void {
    let room = MAX_SCANNED_FILES;
    for (const folder of this.folders) {
      const { files, truncated } = listFiles(folder.path, (path) => path.endsWith('.json') || matchesAnyGlob(path, folder.settings.files), room);
      if (truncated) this.skip(folder.path, `only the first ${formatCount(MAX_SCANNED_FILES)} files of the workspace are looked at`);
      room -= files.length;
      for (const path of files) {
        const uri = URI.file(path).toString();
        if (this.files.has(uri) || this.parts.isSchemaFile(uri)) continue;
        this.know(uri, path, matchesAnyGlob(path, folder.settings.files));
        this.enqueue(uri);
      }
    }
  }

  private know(uri: string, path: string | undefined, matched: boolean): KnownFile {
    let file = this.files.get(uri);
    if (!file) {
      file = { id: this.nextId++, uri, path, indexed: false, matched };
      this.files.set(uri, file);
      this.filesById.set(file.id, file);
    }
    return file;
  }

  private enqueue(uri: string): void {
    if (this.queued.has(uri)) return;
    this.queued.add(uri);
    this.queue.push(uri);
    this.readNext();
  }

  /** Reads the next queued file, unless one is being read; one at a time. */
  private readNext(): void {
    if (this.reading || this.scanning) return;
    const uri = this.queue.take();
    if (uri === undefined) return this.sendStatus(true);
    this.queued.delete(uri);
    this.reading = true;
    const generation = this.generation;
    void this.readFromDisk(uri, generation)
      .catch((error: unknown) => this.parts.connection.console.warn(`Could not read the global keys of ${uri}: ${String(error)}`))
      .finally(() => {
        this.reading = false;
        this.sendStatus(false);
        this.readNext();
      });
  }

  private async readFromDisk(uri: string, generation: number): Promise<void> {
    const file = this.files.get(uri);
    if (!file || file.document || !file.path) return;
    const path = file.path;
    try {
      if (!this.insideItsFolder(path)) return this.forget(file);
      if (!file.matched && !(await this.looksLikeImportFile(path))) return this.forget(file);
      const keys = await readFileKeys(path, this.context, () => this.whenQuiet());
      // An editor opened it meanwhile (its text is the truth now), or the workspace was scanned again.
      if (generation !== this.generation || this.files.get(uri) !== file || file.document) return;
      file.indexed = true;
      this.publish(this.index.setFile(file.id, this.orderOf(uri, path), keys));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return this.forget(file);
      if (generation === this.generation) this.skip(path, describeError(error));
      this.forget(file);
    }
  }

  /** Resolves in a task of its own once no open document changed for QUIET_BEFORE_INDEXING_MS. */
  private async whenQuiet(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    for (let quiet = performance.now() - this.lastEditAt; quiet < QUIET_BEFORE_INDEXING_MS; quiet = performance.now() - this.lastEditAt) {
      await new Promise((resolve) => setTimeout(resolve, QUIET_BEFORE_INDEXING_MS - quiet));
    }
  }

  /** A link inside a folder to a file outside it is not read. */
  private insideItsFolder(path: string): boolean {
    const folder = this.folders.find((candidate) => isInside(candidate.path, path));
    return folder === undefined || isReallyInside(folder.path, path);
  }

  private async looksLikeImportFile(path: string): Promise<boolean> {
    const folder = this.folderContaining(path);
    if (!(folder?.settings ?? this.parts.settings.global).detectByContent) return false;
    const start = new StringDecoder('utf8').write((await readFileCapped(path, SNIFF_READ_LENGTH * 4)).bytes);
    return this.parts.service.looksLikeImportFile(start);
  }

  private skip(file: string, reason: string): void {
    if (this.skipped.length < MAX_SKIPPED_SHOWN) this.skipped.push({ file, reason });
    this.parts.connection.console.warn(`Global keys of ${file} are not checked across files: ${reason}.`);
  }

  /** Drops a file from the index (deleted, no import file, unreadable). */
  private forget(file: KnownFile): void {
    this.files.delete(file.uri);
    this.filesById.delete(file.id);
    this.queued.delete(file.uri);
    this.publish(this.index.removeFile(file.id));
  }

  private folderContaining(path: string): Folder | undefined {
    return this.folders.find((folder) => isInside(folder.path, path));
  }

  /** Where the file comes in the order of files (fileOrder.ts). */
  private orderOf(uri: string, path: string | undefined): FileOrderKey {
    const folderIndex = path === undefined ? -1 : this.folders.findIndex((folder) => isInside(folder.path, path));
    const folder = this.folders[folderIndex];
    const relativePath = folder && path ? relative(folder.path, path).split(sep).join('/') : (path ?? uri);
    const imported = matchesAnyGlob(relativePath, (folder?.settings ?? this.parts.settings.global).importedFiles);
    return { imported, folderIndex: folder ? folderIndex : Infinity, relativePath };
  }

  /** The file as the user knows it: relative to its folder (with the folder's name when there are several). */
  private labelOf(file: KnownFile): string {
    if (!file.path) return file.uri;
    const folder = this.folderContaining(file.path);
    if (!folder) return file.path;
    const inside = relative(folder.path, file.path).split(sep).join('/');
    const name = this.workspaceFolders.find((candidate) => candidate.uri === folder.uri)?.name;
    return this.folders.length > 1 && name ? `${name}/${inside}` : inside;
  }

  /**
   * An open document changed, was opened, or was (or stopped being) checked as an import file:
   * its keys come from the document as it is now. Only the keys the edit added or dropped are
   * looked at, unless the document is new to the index.
   */
  documentUpdated(tracked: TrackedDocument): void {
    if (!this.enabled || this.scanning) return;
    const document = tracked.importDocument;
    const known = this.files.get(tracked.uri);
    if (!document) {
      if (known?.document) this.documentGone(known);
      return;
    }
    const path = pathOf(tracked.uri);
    // Only the workspace's files are compared: a file opened on its own (or an untitled one) is checked alone.
    if (path === undefined || !this.folderContaining(path)) {
      if (known) this.forget(known);
      return;
    }
    const file = known ?? this.know(tracked.uri, path, false);
    if (file.document === document) {
      this.lastEditAt = performance.now();
      this.publish(this.index.keysChanged(file.id, document.globalKeys.takeChangedKeys()));
      return;
    }
    file.document = document;
    file.indexed = true;
    document.globalKeys.clearChangedKeys();
    const text = tracked.text;
    this.publish(
      this.index.setFile(
        file.id,
        this.orderOf(tracked.uri, path),
        documentKeySource(document, (offset) => text.positionAt(offset)),
      ),
    );
    this.sendStatus(false);
  }

  /** The editor closed (or the file is no longer checked as an import file): a workspace file is read from disk again. */
  documentClosed(uri: string): void {
    const file = this.files.get(uri);
    if (file?.document) this.documentGone(file);
  }

  private documentGone(file: KnownFile): void {
    const document = file.document!;
    file.document = undefined;
    const inWorkspace = file.path !== undefined && this.folderContaining(file.path) !== undefined;
    if (!inWorkspace) return this.forget(file);
    // Until the file is read again: its keys as they were in the editor (usually saved).
    const lines = new LineIndex(document.text);
    const keys = fileKeysOfDocument(document, (offset) => lines.positionAt(offset));
    this.publish(this.index.setFile(file.id, this.orderOf(file.uri, file.path), keys));
    this.enqueue(file.uri);
  }

  /** A file or folder on disk was created or changed (watcher, or a file operation). */
  created(uri: string): void {
    if (!this.enabled) return;
    const path = pathOf(uri);
    const folder = path === undefined ? undefined : this.folderContaining(path);
    if (!path || !folder) return;
    const { files } = listFiles(path, (candidate) => candidate.endsWith('.json') || matchesAnyGlob(candidate, folder.settings.files), MAX_SCANNED_FILES);
    // A file: listFiles of a file lists nothing, so it is taken as it is.
    const paths = files.length ? files : path.endsWith('.json') || matchesAnyGlob(path, folder.settings.files) ? [path] : [];
    for (const candidate of paths) {
      const candidateUri = URI.file(candidate).toString();
      if (this.parts.isSchemaFile(candidateUri)) continue;
      const file = this.know(candidateUri, candidate, matchesAnyGlob(candidate, folder.settings.files));
      if (!file.document) this.enqueue(candidateUri);
    }
    this.sendStatus(false);
  }

  /** A file or folder was deleted: every indexed file at or under it leaves the index (open ones stay: the editor has them). */
  deleted(uri: string): void {
    for (const file of this.filesAtOrUnder(uri)) if (!file.document) this.forget(file);
    this.sendStatus(false);
  }

  /** A file or folder was renamed (a file operation): the files keep their keys and take their new place in the order. */
  renamed(oldUri: string, newUri: string): void {
    for (const file of this.filesAtOrUnder(oldUri)) {
      const movedUri = newUri + file.uri.slice(oldUri.length);
      const movedPath = pathOf(movedUri);
      this.files.delete(file.uri);
      file.uri = movedUri;
      file.path = movedPath;
      if (!file.document && (!movedPath || !this.folderContaining(movedPath))) {
        this.filesById.delete(file.id);
        this.publish(this.index.removeFile(file.id));
        continue;
      }
      this.files.set(movedUri, file);
      this.publish(this.index.moveFile(file.id, this.orderOf(movedUri, movedPath)));
    }
    this.sendStatus(false);
  }

  private filesAtOrUnder(uri: string): KnownFile[] {
    const prefix = uri.endsWith('/') ? uri : `${uri}/`;
    return [...this.files.values()].filter((file) => file.uri === uri || file.uri.startsWith(prefix));
  }

  /** What the problems of an open file need: the keys earlier files use (undefined when the check is off). */
  crossFileFor(uri: string): CrossFileKeys | undefined {
    const file = this.enabled ? this.files.get(uri) : undefined;
    if (!file || !this.index.hasFile(file.id)) return undefined;
    return this.index.crossFileKeys(file.id, (id) => {
      const owner = this.filesById.get(id)!;
      return { uri: owner.uri, label: this.labelOf(owner) };
    });
  }

  /** Whether another import file uses the key (lower case): the unique-key fix avoids it. */
  takenElsewhere(uri: string, lowerKey: string): boolean {
    const file = this.files.get(uri);
    return file !== undefined && this.index.usedElsewhere(lowerKey, file.id);
  }

  /** Publishes again the open files whose findings changed. */
  private publish(changed: Iterable<number>): void {
    for (const id of changed) {
      const file = this.filesById.get(id);
      const tracked = file && this.parts.documents.get(file.uri);
      if (tracked?.importDocument) this.parts.diagnostics.schedule(tracked);
    }
  }

  private publishOpen(): void {
    for (const tracked of this.parts.documents.all()) if (tracked.importDocument) this.parts.diagnostics.schedule(tracked);
  }

  status(): WorkspaceKeysStatusParams {
    const files = [...this.files.values()];
    const indexed = files.filter((file) => file.indexed || file.document).length;
    const state = !this.enabled ? 'off' : this.scanning ? 'scanning' : this.queue.length || this.reading ? 'indexing' : 'ready';
    return { state, indexedFiles: indexed, totalFiles: files.length, keys: this.index.keyCount, skipped: this.skipped };
  }

  /** Tells the client how far indexing is: at once, or at most every STATUS_INTERVAL_MS. */
  private sendStatus(now: boolean): void {
    if (!now && this.statusTimer) return;
    clearTimeout(this.statusTimer);
    const send = () => void this.parts.connection.sendNotification(WorkspaceKeysStatusNotification, this.status()).catch(() => undefined);
    if (now) {
      this.statusTimer = undefined;
      send();
      return;
    }
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      send();
    }, STATUS_INTERVAL_MS);
  }

  dispose(): void {
    clearTimeout(this.statusTimer);
    this.generation++;
  }
}

function pathOf(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}
