import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_VIEW_TYPE, type PanelDeps } from './previewPanel';
import { PreviewPanels } from './previewPanels';
import { parsePanelState } from '../../common/preview/messages';
import { TextLoader } from './textLoader';
import { affectsPreview } from '../settings';
import { activeTabUri } from '../unsyncedFiles';

export const OPEN_PREVIEW_TO_SIDE = 'labelboxImport.openPreviewToSide';
export const OPEN_PREVIEW = 'labelboxImport.openPreview';
export const SHOW_PREVIEW_SOURCE = 'labelboxImport.showPreviewSource';
export const TOGGLE_PREVIEW_LOCK = 'labelboxImport.togglePreviewLock';

/**
 * The preview panels: commands that open, lock and unlock them, a serializer that brings them
 * back after a window reload, and the editor events that keep them in step.
 */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  const log = vscode.window.createOutputChannel('Labelbox Import Preview', { log: true });
  const deps: PanelDeps = { client, extensionUri: context.extensionUri, texts: new TextLoader(), log };
  const panels = new PreviewPanels(deps);

  const open = (uri: vscode.Uri | undefined, toSide: boolean) => {
    const editor = vscode.window.activeTextEditor;
    // A file VS Code does not hand over (over 50 MB) has no text editor, only its tab.
    const target = uri instanceof vscode.Uri ? uri : (editor?.document.uri ?? activeTabUri());
    if (!target) {
      void vscode.window.showInformationMessage('Open a Labelbox import file to preview it.');
      return;
    }
    panels.open(target, toSide ? vscode.ViewColumn.Beside : (editor?.viewColumn ?? vscode.ViewColumn.Active), toSide);
  };

  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(OPEN_PREVIEW_TO_SIDE, (uri?: vscode.Uri) => open(uri, true)),
    vscode.commands.registerCommand(OPEN_PREVIEW, (uri?: vscode.Uri) => open(uri, false)),
    vscode.commands.registerCommand(SHOW_PREVIEW_SOURCE, () => panels.active?.showSource()),
    vscode.commands.registerCommand(TOGGLE_PREVIEW_LOCK, () => panels.toggleLock()),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, { deserializeWebviewPanel: (webviewPanel, state) => restore(panels, webviewPanel, state) }),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      for (const panel of panels.showing(event.textEditor.document.uri)) panel.onCursor(event.selections[0].active);
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => panels.follow(editor)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length) for (const panel of panels.showing(event.document.uri)) panel.onEdit();
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      for (const panel of panels.showing(document.uri)) panel.refresh();
      // A JSON file found to be an import file changes language while it is in front.
      const editor = vscode.window.activeTextEditor;
      if (editor?.document === document) panels.follow(editor);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      for (const panel of panels.all) if (affectsPreview(event, panel.uri)) panel.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      for (const panel of panels.all) panel.refresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      for (const panel of panels.all) panel.configureWebview();
    }),
    panels,
  );
}

/** Brings a preview back after a window reload, on its file, locked or following as it was. */
async function restore(panels: PreviewPanels, webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
  const saved = parsePanelState(state);
  let uri: vscode.Uri | undefined;
  try {
    uri = saved ? vscode.Uri.parse(saved.uri, true) : undefined;
  } catch {
    uri = undefined;
  }
  if (!saved || !uri) {
    webviewPanel.dispose();
    return;
  }
  // The server knows only open documents; opening it (without an editor) is enough.
  try {
    await vscode.workspace.openTextDocument(uri);
  } catch {
    // The file is gone: the panel says so.
  }
  // Previews saved before they followed the editor were bound to their file: they come back locked.
  panels.add(webviewPanel, uri, saved.locked ?? true);
}
