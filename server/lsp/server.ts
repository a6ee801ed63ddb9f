import { ErrorCodes, ResponseError, TextDocumentSyncKind, type ClientCapabilities, type Connection, type InitializeResult } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { matchesAnyGlob, type LanguageService } from '../../service';
import { CheckAsImportFileRequest, ImportFileDetectedNotification } from '../../common/protocol';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DocumentStore, type TrackedDocument } from './documentStore';
import { registerDiskFiles } from './diskFiles';
import { RowCheckers } from '../node/checkFile';
import { COMPLETION_TRIGGER_CHARACTERS, registerCompletion } from './features/completion';
import { registerHover } from './features/hover';
import { CODE_ACTION_KINDS, registerCodeActions } from './features/codeActions';
import { registerFoldingAndFormatting } from './features/foldingAndFormatting';
import { registerLinks } from './features/links';
import { registerOutline } from './features/outline';
import { registerPreview } from './features/preview';
import { MetadataSchemas } from './metadataSchemas';
import { INVALID_PARAMS_METHOD, type InvalidParams } from './params';
import type { ServerContext } from './serverContext';
import { imageResolverFor } from './imageSources';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings';

/**
 * Starts the language server on a connection (stdio, node IPC or any other transport): the
 * thin layer that turns LSP messages into calls of the language service.
 */
// eslint-disable-next-line max-lines-per-function -- not split yet: see CONTRIBUTING.md, "Long functions"
export function startServer(connection: Connection, service: LanguageService): void {
  let supportsConfiguration = false;
  let clientCapabilities: ClientCapabilities = {};
  let foldingLimit: number | undefined;
  let globalSettings: ServerSettings = DEFAULT_SETTINGS;
  const settingsByUri = new Map<string, ServerSettings>();
  /** Documents the user asked to check with the command. */
  const forced = new Set<string>();
  /** Documents found to be import files this session; they stay so while being edited. */
  const detected = new Set<string>();
  const metadataSchemas = new MetadataSchemas(connection, () => ({ supportsConfiguration, global: globalSettings }));

  const settingsFor = (uri: string) => settingsByUri.get(uri) ?? globalSettings;
  /** Problems with the settings already shown: each is shown once, not for every document. */
  const shownSettingProblems = new Set<string>();
  const useSettings = (raw: unknown): ServerSettings => {
    const settings = readSettings(raw);
    for (const problem of settings.problems) {
      if (shownSettingProblems.has(problem)) continue;
      shownSettingProblems.add(problem);
      connection.console.warn(problem);
      void connection.window.showWarningMessage(problem);
    }
    return settings;
  };
  const validationContextFor = (uri: string) => metadataSchemas.validationContextFor(uri);

  const isImportFile = (uri: string, text: string): boolean => {
    if (forced.has(uri) || detected.has(uri)) return true;
    if (metadataSchemas.isSchemaFile(uri)) return false;
    const settings = settingsFor(uri);
    if (matchesAnyGlob(pathOf(uri), settings.files)) return true;
    return settings.detectByContent && service.looksLikeImportFile(text);
  };

  const checkers = new RowCheckers();
  const documents = new DocumentStore(isImportFile, validationContextFor, checkers, {
    checked: (tracked) => {
      if (tracked.notChecked) connection.console.warn(`${pathOf(tracked.uri)} was not checked: ${tracked.notChecked}.`);
      diagnostics.publishNow(tracked);
    },
    progress: (tracked) => diagnostics.sendProgress(tracked),
  });
  const diagnostics = new DiagnosticsPublisher(connection, settingsFor, (uri) => metadataSchemas.statusFor(uri));
  metadataSchemas.attach(documents, (tracked) => diagnostics.schedule(tracked));
  const imagesFor = (uri: string) => imageResolverFor(uri, settingsFor(uri).previewUrlRewrites, metadataSchemas.workspaceFolders());
  const context: ServerContext = { connection, service, documents, diagnostics, validationContextFor, settingsFor, imagesFor };

  /** Called after a document may have started or stopped being an import file. */
  const afterRefresh = (tracked: TrackedDocument, wasImport: boolean) => {
    if (isChecked(tracked)) {
      // An import file stays one while it is edited, even while its text is briefly empty.
      detected.add(tracked.uri);
      if (!wasImport) void connection.sendNotification(ImportFileDetectedNotification, { uri: tracked.uri });
      diagnostics.schedule(tracked);
    } else if (wasImport) {
      diagnostics.clear(tracked.uri);
    }
  };

  /** Decides again whether the document is an import file, then publishes or clears its diagnostics. */
  const recheck = (tracked: TrackedDocument) => {
    const wasImport = isChecked(tracked);
    documents.refresh(tracked);
    afterRefresh(tracked, wasImport);
  };

  /** Reads the settings of a document (when the client has them per document). */
  const fetchSettings = async (uri: string) => {
    if (!supportsConfiguration) return;
    try {
      const raw: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'labelboxImport' });
      settingsByUri.set(uri, useSettings(raw));
    } catch (error) {
      connection.console.warn(`Could not read the settings of ${uri}: ${String(error)}; using the defaults.`);
    }
  };

  /** Reads the document's settings, then decides whether it is an import file. */
  const loadSettings = async (tracked: TrackedDocument) => {
    await fetchSettings(tracked.uri);
    if (documents.get(tracked.uri) !== tracked) return;
    recheck(tracked);
  };

  connection.onInitialize((params): InitializeResult => {
    supportsConfiguration = Boolean(params.capabilities.workspace?.configuration);
    clientCapabilities = params.capabilities;
    foldingLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit;
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    if (options?.settings) globalSettings = useSettings(options.settings);
    metadataSchemas.initialize(params);
    return {
      capabilities: {
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
        hoverProvider: true,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
        documentSymbolProvider: { label: 'Labelbox data rows' },
        documentLinkProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
      },
      serverInfo: { name: 'labelbox-import', version: '0.1.0' },
    };
  });

  // Only one handler per notification: add other start-up work here.
  connection.onInitialized(() => metadataSchemas.start());
  connection.onDidChangeWatchedFiles(({ changes }) => metadataSchemas.filesChanged(changes.map((change) => change.uri)));

  connection.onDidOpenTextDocument((params) => {
    // Whether it is an import file depends on its settings (globs, detection): decide once they are read.
    const tracked = documents.open(params, !supportsConfiguration);
    if (supportsConfiguration) {
      tracked.deciding = loadSettings(tracked)
        .catch((error: unknown) => connection.console.error(`Could not decide whether ${tracked.uri} is an import file: ${String(error)}`))
        .finally(() => (tracked.deciding = undefined));
    } else {
      afterRefresh(tracked, false);
    }
  });

  connection.onDidChangeTextDocument((params) => {
    const before = documents.get(params.textDocument.uri);
    const wasImport = before ? isChecked(before) : false;
    const tracked = documents.change(params);
    if (tracked) afterRefresh(tracked, wasImport);
  });

  connection.onDidCloseTextDocument((params) => {
    const tracked = documents.get(params.textDocument.uri);
    if (tracked?.origin !== 'editor') return;
    documents.close(params.textDocument.uri);
    settingsByUri.delete(params.textDocument.uri);
    if (isChecked(tracked)) diagnostics.clear(params.textDocument.uri);
  });

  connection.onDidChangeConfiguration((params) => {
    shownSettingProblems.clear();
    if (!supportsConfiguration) {
      const raw = (params.settings as { labelboxImport?: unknown } | undefined)?.labelboxImport;
      if (raw) globalSettings = useSettings(raw);
      detected.clear();
      void metadataSchemas.settingsChanged();
      for (const tracked of documents.all()) recheck(tracked);
      return;
    }
    settingsByUri.clear();
    detected.clear();
    for (const tracked of documents.all()) {
      if (tracked.origin === 'editor')
        loadSettings(tracked).catch((error: unknown) =>
          connection.console.error(`Could not decide whether ${tracked.uri} is an import file: ${String(error)}`),
        );
    }
    void metadataSchemas.settingsChanged();
  });

  // Requests whose parameters do not have the expected shape (see params.ts and serverMain.ts).
  connection.onRequest(INVALID_PARAMS_METHOD, ({ method, problem }: InvalidParams) => {
    connection.console.error(`Answered ${method} with an error: ${problem}.`);
    return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${problem}.`);
  });

  connection.onRequest(CheckAsImportFileRequest, ({ uri }) => {
    forced.add(uri);
    const tracked = documents.get(uri);
    if (!tracked) return false;
    recheck(tracked);
    return true;
  });

  registerDiskFiles(context, { checkers, loadSettings: fetchSettings, isImportFile });
  connection.onShutdown(() => checkers.close());
  registerCodeActions(context);
  registerOutline(context);
  registerLinks(context);
  registerFoldingAndFormatting(context, () => foldingLimit);
  registerPreview(context);
  registerCompletion(context, () => clientCapabilities);
  registerHover(context);
  connection.listen();
}

/** Whether the server checks the document as an import file (or is checking it). */
function isChecked(tracked: TrackedDocument): boolean {
  return Boolean(tracked.importDocument || tracked.pending || tracked.notChecked);
}

function pathOf(uri: string): string {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : parsed.path;
  } catch {
    return uri;
  }
}
