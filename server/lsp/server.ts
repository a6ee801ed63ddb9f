import { ErrorCodes, ResponseError, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import type { LanguageService } from '../../service';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DocumentStore } from './documentStore';
import { registerDiskFiles } from './diskFiles';
import { RowCheckers } from '../node/checkFile';
import { registerCompletion } from './features/completion';
import { registerHover } from './features/hover';
import { registerCodeActions } from './features/codeActions';
import { registerFoldingAndFormatting } from './features/foldingAndFormatting';
import { registerLinks } from './features/links';
import { registerOutline } from './features/outline';
import { registerPreview } from './features/preview';
import { registerLabelboxGlobalKeys } from './features/labelboxGlobalKeys';
import { registerAssetAccess } from './assetAccess';
import { AccessResultCache } from './accessResultCache';
import { MetadataSchemas } from './metadataSchemas';
import { INVALID_PARAMS_METHOD, type InvalidParams } from './params';
import type { ServerContext } from './serverContext';
import { imageResolverFor } from './imageSources';
import { initializeResult } from './capabilities';
import { SettingsCache } from './settingsCache';
import { ImportFiles } from './importFiles';
import { DocumentEvents } from './documentEvents';
import { WorkspaceKeys } from './workspaceKeys';
import { registerFileEvents, watchedFilesChanged } from './fileEvents';

/**
 * Starts the language server on a connection (stdio, node IPC or any other transport): the
 * thin layer that turns LSP messages into calls of the language service.
 */
export function startServer(connection: Connection, service: LanguageService): void {
  let clientCapabilities: ClientCapabilities = {};
  const settings = new SettingsCache(connection);
  const settingsFor = (uri: string) => settings.settingsFor(uri);
  const metadataSchemas = new MetadataSchemas(connection, () => ({ supportsConfiguration: settings.supportsConfiguration, global: settings.global }));
  const validationContextFor = (uri: string) => metadataSchemas.validationContextFor(uri);
  const importFiles = new ImportFiles(service, settings, metadataSchemas);

  const checkers = new RowCheckers();
  const documents = new DocumentStore(importFiles.isImportFile, validationContextFor, checkers, {
    checked: (tracked) => {
      workspaceKeys.documentUpdated(tracked);
      diagnostics.publishNow(tracked);
    },
    progress: (tracked) => diagnostics.sendProgress(tracked),
  });
  const accessResults = new AccessResultCache();
  const diagnostics = new DiagnosticsPublisher(
    connection,
    settingsFor,
    (uri) => metadataSchemas.statusFor(uri),
    () => accessResults.liveFailures(),
  );
  metadataSchemas.attach(documents, (tracked) => diagnostics.schedule(tracked));
  const imagesFor = (uri: string) => imageResolverFor(uri, settingsFor(uri).previewUrlRewrites, metadataSchemas.workspaceFolders());
  const isSchemaFile = (uri: string) => metadataSchemas.isSchemaFile(uri);
  const workspaceKeys = new WorkspaceKeys({ connection, service, documents, diagnostics, settings, isSchemaFile });
  diagnostics.crossFileFor = (uri) => workspaceKeys.crossFileFor(uri);
  const keyTakenElsewhere = (uri: string, lowerKey: string) => workspaceKeys.takenElsewhere(uri, lowerKey);
  const context: ServerContext = { connection, service, documents, diagnostics, validationContextFor, settingsFor, imagesFor, keyTakenElsewhere };

  connection.onInitialize((params) => {
    clientCapabilities = params.capabilities;
    settings.initialize(params);
    metadataSchemas.initialize(params);
    workspaceKeys.initialize(params);
    return initializeResult();
  });

  // Only one handler per notification: add other start-up work here.
  connection.onInitialized(() => {
    metadataSchemas.start();
    registerFileEvents(connection, clientCapabilities, workspaceKeys);
    void workspaceKeys.start();
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    metadataSchemas.filesChanged(changes.map((change) => change.uri));
    watchedFilesChanged(workspaceKeys, changes);
  });
  new DocumentEvents({ connection, documents, diagnostics, importFiles, settings, metadataSchemas, workspaceKeys }).register();

  // Requests whose parameters do not have the expected shape (see params.ts and serverMain.ts).
  connection.onRequest(INVALID_PARAMS_METHOD, ({ method, problem }: InvalidParams) => {
    connection.console.error(`Answered ${method} with an error: ${problem}.`);
    return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${problem}.`);
  });

  registerDiskFiles(context, {
    checkers,
    loadSettings: (uri) => settings.fetch(uri),
    isImportFile: importFiles.isImportFile,
    closed: (uri) => workspaceKeys.documentClosed(uri),
  });
  connection.onShutdown(() => {
    checkers.close();
    workspaceKeys.dispose();
  });
  registerCodeActions(context);
  registerOutline(context);
  registerLinks(context);
  registerFoldingAndFormatting(context, () => clientCapabilities.textDocument?.foldingRange?.rangeLimit);
  registerPreview(context, accessResults);
  registerAssetAccess(context, accessResults);
  registerCompletion(context, () => clientCapabilities);
  registerHover(context);
  registerLabelboxGlobalKeys(context);
  connection.listen();
}
