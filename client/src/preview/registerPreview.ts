import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_VIEW_TYPE, PreviewPanel, type PanelDeps } from './previewPanel';
import { parsePanelState } from './shared/messages';
import { TextLoader } from './textLoader';
import { activeTabUri } from '../unsyncedFiles';

export const OPEN_PREVIEW_TO_SIDE = 'labelboxImport.openPreviewToSide';
export const OPEN_PREVIEW = 'labelboxImport.openPreview';
export const SHOW_PREVIEW_SOURCE = 'labelboxImport.showPreviewSource';

/**
 * The preview panel: commands that open it, a serializer that brings it back after a window
 * reload, and the events that keep it in step with its editor.
 */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  const log = vscode.window.createOutputChannel('Labelbox Import Preview', { log: true });
  const deps: PanelDeps = { client, extensionUri: context.extensionUri, texts: new TextLoader(), log };
  const panels = new Map<string, PreviewPanel>();
  let activePanel: PreviewPanel | undefined;

  const track = (panel: PreviewPanel) => {
    const key = panel.uri.toString();
    panels.get(key)?.dispose();
    panels.set(key, panel);
    activePanel = panel;
    panel.panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.active) activePanel = panel;
    });
    panel.onDidDispose(() => {
      if (panels.get(key) === panel) panels.delete(key);
      if (activePanel === panel) activePanel = undefined;
    });
  };

  const open = async (uri: vscode.Uri | undefined, toSide: boolean) => {
    const editor = vscode.window.activeTextEditor;
    // A file VS Code does not hand over (over 50 MB) has no text editor, only its tab.
    const target = uri instanceof vscode.Uri ? uri : (editor?.document.uri ?? activeTabUri());
    if (!target) {
      void vscode.window.showInformationMessage('Open a Labelbox import file to preview it.');
      return;
    }
    const existing = panels.get(target.toString());
    const column = toSide ? vscode.ViewColumn.Beside : (editor?.viewColumn ?? vscode.ViewColumn.Active);
    if (existing) {
      existing.panel.reveal(toSide ? existing.panel.viewColumn : column, true);
      return;
    }
    const webviewPanel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide }, {});
    track(new PreviewPanel(webviewPanel, target, deps));
  };

  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(OPEN_PREVIEW_TO_SIDE, (uri?: vscode.Uri) => open(uri, true)),
    vscode.commands.registerCommand(OPEN_PREVIEW, (uri?: vscode.Uri) => open(uri, false)),
    vscode.commands.registerCommand(SHOW_PREVIEW_SOURCE, () => activePanel?.showSource()),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown) {
        const saved = parsePanelState(state);
        let uri: vscode.Uri | undefined;
        try {
          uri = saved ? vscode.Uri.parse(saved.uri, true) : undefined;
        } catch {
          uri = undefined;
        }
        if (!uri) {
          webviewPanel.dispose();
          return;
        }
        // The server knows only open documents; opening it (without an editor) is enough.
        try {
          await vscode.workspace.openTextDocument(uri);
        } catch {
          // The file is gone: the panel says so.
        }
        track(new PreviewPanel(webviewPanel, uri, deps));
      },
    }),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      panels.get(event.textEditor.document.uri.toString())?.onCursor(event.selections[0].active);
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) panels.get(editor.document.uri.toString())?.onCursor(editor.selection.active);
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length) panels.get(event.document.uri.toString())?.onEdit();
    }),
    vscode.workspace.onDidOpenTextDocument((document) => panels.get(document.uri.toString())?.refresh()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      for (const panel of panels.values()) if (event.affectsConfiguration('labelboxImport.preview', panel.uri)) panel.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      for (const panel of panels.values()) panel.refresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      for (const panel of panels.values()) panel.configureWebview();
    }),
    { dispose: () => [...panels.values()].forEach((panel) => panel.dispose()) },
  );
}
