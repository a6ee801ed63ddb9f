import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AssetAccessResultsNotification, AssetUrlsRequest } from '../../common/protocol';
import { assetCheckSettings } from '../settings';
import { runAccessCheck } from './checkAccessFlow';

export const CHECK_ASSET_ACCESS = 'labelboxImport.checkAssetAccess';

/** "Labelbox: Check Asset Access" on the active import file (see checkAccessFlow.ts). */
export function registerAssetAccessCommand(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): void {
  context.subscriptions.push(vscode.commands.registerCommand(CHECK_ASSET_ACCESS, () => checkAssetAccess(client, output)));
}

async function checkAssetAccess(client: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage('Open a Labelbox import file to check whether Labelbox can load its assets.');
    return;
  }
  const uri = document.uri.toString();
  const outcome = await runAccessCheck({
    isTrusted: vscode.workspace.isTrusted,
    settings: assetCheckSettings(document.uri),
    requestUrls: () => client.sendRequest(AssetUrlsRequest, { uri }),
    sendResults: (results, keepMinutes) => void client.sendNotification(AssetAccessResultsNotification, { results, keepMinutes }),
    withProgress: (work) =>
      Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking asset access', cancellable: true }, (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return work((message) => progress.report({ message }), controller.signal);
        }),
      ),
  });
  switch (outcome.kind) {
    case 'untrusted':
      void vscode.window.showInformationMessage(outcome.message);
      return;
    case 'not-an-import-file':
      void vscode.window.showInformationMessage('This file is not checked as a Labelbox import file (Labelbox: Check This File as an Import File).');
      return;
    case 'done': {
      output.info(`Asset access of ${document.uri.fsPath || uri}: ${outcome.message}`);
      for (const line of outcome.details) output.info(`  ${line}`);
      const show = outcome.failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      const choice = await show(outcome.message, ...(outcome.failed ? ['Show Problems'] : []), 'Show Details');
      if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
      else if (choice === 'Show Details') output.show(true);
    }
  }
}
