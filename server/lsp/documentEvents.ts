import type {
  Connection,
  DidChangeConfigurationParams,
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
} from 'vscode-languageserver';
import { CheckAsImportFileRequest, ImportFileDetectedNotification } from '../../common/protocol';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { DocumentStore, TrackedDocument } from './documentStore';
import { isChecked, type ImportFiles } from './importFiles';
import type { MetadataSchemas } from './metadataSchemas';
import type { SettingsCache } from './settingsCache';
import type { WorkspaceKeys } from './workspaceKeys';

export interface DocumentEventParts {
  connection: Connection;
  documents: DocumentStore;
  diagnostics: DiagnosticsPublisher;
  importFiles: ImportFiles;
  settings: SettingsCache;
  metadataSchemas: MetadataSchemas;
  /** The global keys of the workspace's import files, told of every document change. */
  workspaceKeys?: WorkspaceKeys;
}

/**
 * The document events (open, change, close, configuration, CheckAsImportFile): each decides
 * again whether a document is an import file, then publishes or clears its diagnostics.
 */
export class DocumentEvents {
  constructor(private readonly parts: DocumentEventParts) {}

  register(): void {
    const { connection } = this.parts;
    connection.onDidOpenTextDocument((params) => this.opened(params));
    connection.onDidChangeTextDocument((params) => this.changed(params));
    connection.onDidCloseTextDocument((params) => this.closed(params));
    connection.onDidChangeConfiguration((params) => this.configurationChanged(params));
    connection.onRequest(CheckAsImportFileRequest, ({ uri }) => this.checkAsImportFile(uri));
  }

  /** Reads the document's settings, then decides whether it is an import file. */
  async loadSettings(tracked: TrackedDocument): Promise<void> {
    await this.parts.settings.fetch(tracked.uri);
    if (this.parts.documents.get(tracked.uri) !== tracked) return;
    this.recheck(tracked);
  }

  /** Called after a document may have started or stopped being an import file. */
  private afterRefresh(tracked: TrackedDocument, wasImport: boolean): void {
    const { connection, diagnostics } = this.parts;
    if (isChecked(tracked)) {
      this.parts.importFiles.keep(tracked.uri);
      if (!wasImport) void connection.sendNotification(ImportFileDetectedNotification, { uri: tracked.uri });
      diagnostics.schedule(tracked);
    } else if (wasImport) {
      diagnostics.clear(tracked.uri);
    }
    this.parts.workspaceKeys?.documentUpdated(tracked);
  }

  /** Decides again whether the document is an import file, then publishes or clears its diagnostics. */
  private recheck(tracked: TrackedDocument): void {
    const wasImport = isChecked(tracked);
    this.parts.documents.refresh(tracked);
    this.afterRefresh(tracked, wasImport);
  }

  private opened(params: DidOpenTextDocumentParams): void {
    const { connection, documents, settings } = this.parts;
    // Whether it is an import file depends on its settings (globs, detection): decide once they are read.
    const tracked = documents.open(params, !settings.supportsConfiguration);
    if (settings.supportsConfiguration) {
      tracked.deciding = this.loadSettings(tracked)
        .catch((error: unknown) => connection.console.error(`Could not decide whether ${tracked.uri} is an import file: ${String(error)}`))
        .finally(() => (tracked.deciding = undefined));
    } else {
      this.afterRefresh(tracked, false);
    }
  }

  private changed(params: DidChangeTextDocumentParams): void {
    const { documents } = this.parts;
    const before = documents.get(params.textDocument.uri);
    const wasImport = before ? isChecked(before) : false;
    const tracked = documents.change(params);
    if (tracked) this.afterRefresh(tracked, wasImport);
  }

  private closed(params: DidCloseTextDocumentParams): void {
    const { documents, settings, diagnostics } = this.parts;
    const tracked = documents.get(params.textDocument.uri);
    if (tracked?.origin !== 'editor') return;
    documents.close(params.textDocument.uri);
    this.parts.workspaceKeys?.documentClosed(params.textDocument.uri);
    settings.forget(params.textDocument.uri);
    if (isChecked(tracked)) diagnostics.clear(params.textDocument.uri);
  }

  private configurationChanged(params: DidChangeConfigurationParams): void {
    const { connection, documents, settings, metadataSchemas, importFiles } = this.parts;
    settings.changed();
    if (!settings.supportsConfiguration) {
      const raw = (params.settings as { labelboxImport?: unknown } | undefined)?.labelboxImport;
      if (raw) settings.global = settings.use(raw);
      importFiles.forgetDetected();
      void metadataSchemas.settingsChanged();
      for (const tracked of documents.all()) this.recheck(tracked);
      void this.parts.workspaceKeys?.rescan();
      return;
    }
    importFiles.forgetDetected();
    for (const tracked of documents.all()) {
      if (tracked.origin === 'editor')
        this.loadSettings(tracked).catch((error: unknown) =>
          connection.console.error(`Could not decide whether ${tracked.uri} is an import file: ${String(error)}`),
        );
    }
    void metadataSchemas.settingsChanged();
    void this.parts.workspaceKeys?.rescan();
  }

  private checkAsImportFile(uri: string): boolean {
    this.parts.importFiles.force(uri);
    const tracked = this.parts.documents.get(uri);
    if (!tracked) return false;
    this.recheck(tracked);
    return true;
  }
}
