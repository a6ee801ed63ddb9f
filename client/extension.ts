import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { CheckAsImportFileRequest, ImportFileDetectedNotification, StatusNotification } from '../common/protocol';
import { createLanguageClient } from './languageClient';
import { LanguageStatus } from './languageStatus';
import { RestartPolicy } from './restartPolicy';
import { registerMetadataCommands } from './metadata/fetchCommand';
import { registerGlobalKeyCommand } from './globalKeys/checkGlobalKeysCommand';
import { registerPreview } from './preview/registerPreview';
import { registerAssetAccessCommand } from './assetAccess/checkAccessCommand';
import { LANGUAGE_ID } from './settings';
import { UnsyncedFiles } from './unsyncedFiles';
import { registerWorkspaceKeysStatus } from './workspaceKeysStatus';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Labelbox Import', { log: true });
  const status = new LanguageStatus();
  context.subscriptions.push(output, status);

  const restarts = new RestartPolicy();
  client = createLanguageClient(context, output, restarts);
  const languageClient = client;
  registerPreview(context, languageClient);
  registerWorkspaceKeysStatus(context, languageClient);

  context.subscriptions.push(
    languageClient.onNotification(StatusNotification, (params) => status.update(params)),
    // The server found an import file opened as plain JSON: switching its language stops
    // VS Code's JSON support from reporting the same problems and showing a second outline.
    languageClient.onNotification(ImportFileDetectedNotification, ({ uri }) => void useImportLanguage(uri)),
    vscode.commands.registerCommand('labelboxImport.checkAsImportFile', async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (!document) {
        void vscode.window.showInformationMessage('Open a JSON file to check it as a Labelbox import file.');
        return;
      }
      await languageClient.sendRequest(CheckAsImportFileRequest, { uri: document.uri.toString() });
      await useImportLanguage(document.uri.toString());
    }),
    vscode.commands.registerCommand('labelboxImport.convertFile', () =>
      vscode.commands.executeCommand('editor.action.sourceAction', { kind: 'source.convertToCurrentFormat', apply: 'first' }),
    ),
    // Run after a conversion's edit (the code action's command): what it did, and the problems it adds.
    vscode.commands.registerCommand('labelboxImport.reportConversion', (message: unknown, level: unknown) => {
      if (typeof message !== 'string') return;
      if (level === 'warning') void vscode.window.showWarningMessage(message);
      else void vscode.window.showInformationMessage(message);
    }),
    vscode.commands.registerCommand('labelboxImport.restartServer', () => {
      restarts.reset();
      return languageClient.restart();
    }),
    // Trust granted: start the server again, so that it reads the settings it ignored until now.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void languageClient.restart()),
    vscode.commands.registerCommand('labelboxImport.showOutput', () => output.show(true)),
    vscode.workspace.onDidCloseTextDocument((document) => status.forget(document.uri.toString())),
  );
  registerMetadataCommands(context, output);
  registerGlobalKeyCommand(context, languageClient, output);
  registerAssetAccessCommand(context, languageClient, output);

  // No silent clean: while the server is down, every import file says it is not checked.
  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      if (newState === State.Running) status.serverDown(undefined);
      else if (newState === State.Stopped) {
        status.serverDown('the Labelbox language server is not running (Labelbox: Restart Language Server)');
        output.warn('The Labelbox language server stopped: import files are not checked until it runs again (Labelbox: Restart Language Server).');
      }
    }),
  );
  try {
    await languageClient.start();
  } catch (error) {
    const reason = `the Labelbox language server could not start: ${error instanceof Error ? error.message : String(error)}`;
    status.serverDown(reason);
    output.error(`${reason}. Import files are not checked.`);
  }
  context.subscriptions.push(new UnsyncedFiles(languageClient, status, output));
}

async function useImportLanguage(uri: string): Promise<void> {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
  if (document && document.languageId !== LANGUAGE_ID) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
