import { realpathSync } from 'node:fs';
import { isInside, realPathOf } from '../../common/node/realPath';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type FileSystemWatcher,
  type InitializeParams,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { createValidationContext, MetadataCatalog, type ValidationContext } from '../../service';
import { DEFAULT_METADATA_SCHEMA_PATH, findMetadataSchemaFile, loadMetadataSchemaFile, type LoadedMetadataSchema } from '../node/metadataSchemaFile';
import type { DocumentStore, TrackedDocument } from './documentStore';
import { readSettings, type ServerSettings } from './settings';

/** What the language status shows about a document's metadata schema. */
export interface MetadataSchemaStatus {
  metadataSchema?: string;
  metadataSchemaProblem?: string;
}

interface Folder {
  uri: string;
  path: string;
  name: string;
  /** The `labelboxImport.metadataSchema` setting of this folder. */
  setting: string;
}

interface SchemaEntry {
  loaded: LoadedMetadataSchema;
  /** The path as shown to the user: relative to its workspace folder when inside one. */
  shown: string;
}

/**
 * The organization's metadata schema of each workspace folder (`labelboxImport.metadataSchema`,
 * relative to the folder), read from disk and watched. A document outside every folder uses the
 * nearest `.labelbox/metadata-schema.json` above it, as the CLI does. When a schema file is
 * created, changed or deleted, the open import files that use it are checked again.
 */
export class MetadataSchemas {
  private folders: Folder[] = [];
  /** Schema files by absolute path; a missing or broken file is an entry too. */
  private readonly entries = new Map<string, SchemaEntry>();
  /** Folders outside the workspace already searched upwards. */
  private readonly searched = new Map<string, string | undefined>();
  /** Schema files found by searching upwards from a document outside every folder (not named by a setting). */
  private readonly foundAbove = new Set<string>();
  private readonly noSchema = createValidationContext();
  private capabilities: ClientCapabilities = {};
  /**
   * Whether the client trusts the workspace (initializationOptions.workspaceTrusted; the VS Code
   * client restarts the server when trust is granted). Untrusted, a schema file is read only
   * where it really is inside a workspace folder, or inside the folder it was found in, links
   * resolved: no setting or link of the workspace makes the server read a file elsewhere.
   */
  private trusted = true;
  private watcherRegistration: Promise<Disposable> | undefined;
  private watched = '';
  private documents: DocumentStore | undefined;
  private scheduleDiagnostics: ((tracked: TrackedDocument) => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly settings: () => { supportsConfiguration: boolean; global: ServerSettings },
  ) {}

  /** The documents to check again after a schema changed, and how to publish their diagnostics, once the server has created them. */
  attach(documents: DocumentStore, scheduleDiagnostics: (tracked: TrackedDocument) => void): void {
    this.documents = documents;
    this.scheduleDiagnostics = scheduleDiagnostics;
  }

  initialize(params: InitializeParams): void {
    this.capabilities = params.capabilities;
    this.trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    this.folders = folders.flatMap((folder) => this.toFolder(folder));
  }

  /** After `initialized`: folder settings, watchers, and folder changes. */
  start(): void {
    if (this.capabilities.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => normalizeUri(folder.uri)));
        this.folders = this.folders.filter((folder) => !removed.has(folder.uri)).concat(event.added.flatMap((folder) => this.toFolder(folder)));
        void this.settingsChanged();
      });
    }
    void this.settingsChanged();
  }

  /** The workspace folders on disk, by name and path. */
  workspaceFolders(): { name: string; path: string }[] {
    return this.folders.map((folder) => ({ name: folder.name, path: folder.path }));
  }

  validationContextFor(uri: string): ValidationContext {
    const path = this.schemaPathFor(uri);
    return path ? this.entry(path).loaded.context : this.noSchema;
  }

  /** Whether the document is a metadata schema file in use (never an import file, whatever its path). */
  isSchemaFile(uri: string): boolean {
    const path = fsPathOf(uri);
    if (!path) return false;
    return (
      this.entries.has(path) ||
      this.folders.some((folder) => resolve(folder.path, folder.setting) === path) ||
      path.endsWith(`${sep}${DEFAULT_METADATA_SCHEMA_PATH.split('/').join(sep)}`)
    );
  }

  statusFor(uri: string): MetadataSchemaStatus | undefined {
    const path = this.schemaPathFor(uri);
    const entry = path ? this.entries.get(path) : undefined;
    if (!entry) return undefined;
    const { loaded, shown } = entry;
    if (loaded.state === 'loaded') return { metadataSchema: `${shown} (${loaded.fieldCount} custom field${loaded.fieldCount === 1 ? '' : 's'})` };
    if (loaded.state === 'invalid') return { metadataSchema: shown, metadataSchemaProblem: loaded.error };
    return undefined;
  }

  /** Reads each folder's setting again (after a configuration or folder change), then re-checks what changed. */
  async settingsChanged(): Promise<void> {
    const { supportsConfiguration, global } = this.settings();
    await Promise.all(
      this.folders.map(async (folder) => {
        let setting = global.metadataSchema;
        if (supportsConfiguration) {
          try {
            setting = readSettings(await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'labelboxImport' })).metadataSchema;
          } catch {
            // keep the global setting
          }
        }
        folder.setting = setting;
      }),
    );
    this.searched.clear();
    this.recheckOpenDocuments();
    this.registerWatchers();
  }

  /** A watched file was created, changed or deleted. */
  filesChanged(uris: readonly string[]): void {
    const paths = new Set(uris.flatMap((uri) => fsPathOf(uri) ?? []));
    // A new or deleted file may change what the upward search finds.
    this.searched.clear();
    for (const [path, entry] of this.entries) {
      if (!paths.has(path)) continue;
      const loaded = this.load(path, entry.shown);
      if (sameContent(loaded, entry.loaded)) continue;
      entry.loaded = loaded;
      this.log(entry);
    }
    this.recheckOpenDocuments();
  }

  /** Gives every open import file whose schema changed its new context, and schedules its diagnostics. */
  private recheckOpenDocuments(): void {
    if (!this.documents || !this.scheduleDiagnostics) return;
    for (const tracked of this.documents.all()) {
      const document = tracked.importDocument;
      if (!document) continue;
      const context = this.validationContextFor(tracked.uri);
      if (context === document.validationContext) continue;
      const started = performance.now();
      document.setContext(context);
      tracked.checkMilliseconds += performance.now() - started;
      this.scheduleDiagnostics(tracked);
    }
  }

  private entry(path: string): SchemaEntry {
    let entry = this.entries.get(path);
    if (!entry) {
      const shown = this.shownPath(path);
      entry = { loaded: this.load(path, shown), shown };
      this.entries.set(path, entry);
      this.log(entry);
      this.registerWatchers();
    }
    return entry;
  }

  /** Reads a schema file, unless the workspace is untrusted and the file is not really inside it. */
  private load(path: string, shown: string): LoadedMetadataSchema {
    if (this.trusted) return loadMetadataSchemaFile(path, shown);
    let real: string;
    try {
      real = realpathSync.native(path);
    } catch {
      // Missing (or a broken link): nothing is read, and creating it later is watched.
      return loadMetadataSchemaFile(path, shown);
    }
    // A file found above a document outside the folders must stay in the folder it was found in; a configured one in a workspace folder.
    const roots = this.foundAbove.has(path) ? [dirname(dirname(path))] : this.folders.map((folder) => folder.path);
    if (roots.some((root) => isInside(realPathOf(root) ?? root, real))) return loadMetadataSchemaFile(path, shown);
    const problem = `In an untrusted workspace the metadata schema is read only from inside the workspace folders, and ${shown} ${real === path ? 'is outside them' : 'is a link to a file outside them'}. Trust the workspace to use it.`;
    return { state: 'invalid', path, error: problem, context: createValidationContext(new MetadataCatalog(undefined, { source: shown, problem })) };
  }

  /** The schema file a document uses, or undefined when it has none to look for. */
  private schemaPathFor(uri: string): string | undefined {
    const parsed = safeParse(uri);
    if (!parsed) return undefined;
    if (parsed.scheme === 'untitled') {
      const first = this.folders[0];
      return first ? resolve(first.path, first.setting) : undefined;
    }
    // Virtual workspaces: the schema is read only from disk.
    if (parsed.scheme !== 'file') return undefined;
    const folder = this.folderOf(parsed.fsPath);
    if (folder) return resolve(folder.path, folder.setting);
    const found = findMetadataSchemaFile(dirname(parsed.fsPath), this.searched);
    if (found && !this.folders.some((folder) => resolve(folder.path, folder.setting) === found)) this.foundAbove.add(found);
    return found;
  }

  private folderOf(path: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      if (
        (path === folder.path || path.startsWith(folder.path.endsWith(sep) ? folder.path : folder.path + sep)) &&
        (!best || folder.path.length > best.path.length)
      )
        best = folder;
    }
    return best;
  }

  private shownPath(path: string): string {
    const folder = this.folderOf(path);
    if (!folder) return path;
    const inFolder = relative(folder.path, path).split(sep).join('/');
    return this.folders.length > 1 && folder.name ? `${folder.name}/${inFolder}` : inFolder;
  }

  private toFolder(folder: WorkspaceFolder): Folder[] {
    const parsed = safeParse(folder.uri);
    if (parsed?.scheme !== 'file') return [];
    return [{ uri: normalizeUri(folder.uri), path: parsed.fsPath, name: folder.name, setting: this.settings().global.metadataSchema }];
  }

  private log(entry: SchemaEntry): void {
    const { loaded, shown } = entry;
    const console = this.connection.console;
    if (loaded.state === 'loaded') {
      console.info(`Metadata schema ${shown}: ${loaded.fieldCount} custom field${loaded.fieldCount === 1 ? '' : 's'}.`);
      for (const warning of loaded.warnings) console.warn(`Metadata schema ${shown}: ${warning}`);
    } else if (loaded.state === 'invalid') {
      console.warn(`Metadata schema ${shown} cannot be used, custom metadata fields are not checked: ${loaded.error}`);
    } else {
      console.info(`No metadata schema at ${shown}: custom metadata fields are not checked.`);
    }
  }

  /**
   * Asks the client to watch every schema file in use: each folder's (also before it exists)
   * and the ones found above documents outside the folders.
   */
  private registerWatchers(): void {
    const capability = this.capabilities.workspace?.didChangeWatchedFiles;
    if (!capability?.dynamicRegistration) return;
    const watchers: FileSystemWatcher[] = [];
    const relativeSupport = Boolean(capability.relativePatternSupport);
    const add = (base: string, pattern: string) => {
      watchers.push({ globPattern: relativeSupport ? { baseUri: URI.file(base).toString(), pattern } : `**/${pattern}` });
    };
    const configured = new Set<string>();
    for (const folder of this.folders) {
      const path = resolve(folder.path, folder.setting);
      configured.add(path);
      const inside = !isAbsolute(folder.setting) && !relative(folder.path, path).startsWith('..');
      if (inside) add(folder.path, relative(folder.path, path).split(sep).join('/'));
      else add(dirname(path), path.slice(dirname(path).length + 1));
    }
    // Files found above documents outside every folder: always at the default path of a folder.
    for (const path of this.entries.keys()) {
      if (!configured.has(path) && !this.folderOf(path)) add(dirname(dirname(path)), DEFAULT_METADATA_SCHEMA_PATH);
    }
    const key = JSON.stringify(watchers);
    if (key === this.watched) return;
    this.watched = key;
    const previous = this.watcherRegistration;
    this.watcherRegistration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    void previous?.then((registration) => registration.dispose()).catch(() => undefined);
    this.watcherRegistration.catch((error: unknown) => this.connection.console.warn(`Could not watch the metadata schema files: ${String(error)}`));
  }
}

function sameContent(a: LoadedMetadataSchema, b: LoadedMetadataSchema): boolean {
  return a.state === b.state && ('text' in a ? a.text : undefined) === ('text' in b ? b.text : undefined);
}

function safeParse(uri: string): URI | undefined {
  try {
    return URI.parse(uri);
  } catch {
    return undefined;
  }
}

function normalizeUri(uri: string): string {
  return safeParse(uri)?.toString() ?? uri;
}

function fsPathOf(uri: string): string | undefined {
  const parsed = safeParse(uri);
  return parsed?.scheme === 'file' ? parsed.fsPath : undefined;
}
