import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceKeysStatusNotification, type WorkspaceKeysStatusParams } from '../common/protocol';
import { LANGUAGE_ID } from './settings';

/**
 * A language status item of import files for the global keys of the whole workspace: while the
 * server reads the other import files ("Global keys: indexing 7 of 20 files"), then how many
 * keys in how many files, and which files were left out and why.
 */
export function registerWorkspaceKeysStatus(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.languages.createLanguageStatusItem('labelboxImport.globalKeys', { language: LANGUAGE_ID });
  item.name = 'Labelbox global keys across files';
  item.command = { command: 'labelboxImport.showOutput', title: 'Show Output' };
  render(item, undefined);
  context.subscriptions.push(
    item,
    client.onNotification(WorkspaceKeysStatusNotification, (status) => render(item, status)),
  );
}

function render(item: vscode.LanguageStatusItem, status: WorkspaceKeysStatusParams | undefined): void {
  const files = (count: number) => `${count.toLocaleString('en-US')} file${count === 1 ? '' : 's'}`;
  item.busy = status?.state === 'scanning' || status?.state === 'indexing';
  item.severity = status?.skipped.length ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  const skipped = status?.skipped.length
    ? ` ${status.skipped.length} left out: ${status.skipped.map((entry) => `${entry.file} (${entry.reason})`).join('; ')}.`
    : '';
  switch (status?.state) {
    case undefined:
    case 'scanning':
      item.text = 'Global keys: looking for import files…';
      item.detail = 'Global keys are compared across every import file of the workspace.';
      break;
    case 'indexing':
      item.text = `Global keys: indexing ${status.indexedFiles.toLocaleString('en-US')} of ${files(status.totalFiles)}…`;
      item.detail = `Reading the import files that are not open in the background.${skipped}`;
      break;
    case 'ready':
      item.text = `Global keys: ${status.keys.toLocaleString('en-US')} in ${files(status.indexedFiles)}`;
      item.detail = `Compared across every import file of the workspace.${skipped}`;
      break;
    case 'off':
      item.text = 'Global keys: this file only';
      item.detail = 'labelboxImport.globalKeys.acrossFiles is off.';
      break;
  }
}
