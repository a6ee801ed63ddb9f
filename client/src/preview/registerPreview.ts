import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_VIEW_TYPE, PreviewPanel, type PanelDeps } from './previewPanel';
import { parsePanelState } from './shared/messages';
import { TextLoader } from './textLoader';
import { LANGUAGE_ID } from '../settings';

export const OPEN_PREVIEW_TO_SIDE = 'labelboxImport.openPreviewToSide';
export const OPEN_PREVIEW = 'labelboxImport.openPreview';
export const SHOW_PREVIEW_SOURCE = 'labelboxImport.showPreviewSource';
export const TOGGLE_PREVIEW_LOCK = 'labelboxImport.togglePreviewLock';

/**
 * The preview panels, as VS Code's Markdown preview keeps them: one preview follows the active
 * import file; a locked one stays on its file. Commands open, lock and unlock them; a serializer
 * brings them back after a window reload; editor events keep them in step.
 */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  const log = vscode.window.createOutputChannel('Labelbox Import Preview', { log: true });
  const deps: PanelDeps = { client, extensionUri: context.extensionUri, texts: new TextLoader(), log };
  const panels = new Set<PreviewPanel>();
  let activePanel: PreviewPanel | undefined;

  /** The preview that follows the editor: the unlocked one. */
  const following = () => [...panels].find((panel) => !panel.locked);
  const showing = (uri: vscode.Uri) => [...panels].filter((panel) => panel.uri.toString() === uri.toString());

  const track = (panel: PreviewPanel) => {
    panels.add(panel);
    activePanel = panel;
    panel.panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.active) activePanel = panel;
    });
    panel.onDidDispose(() => {
      panels.delete(panel);
      if (activePanel === panel) activePanel = undefined;
    });
  };

  const open = async (uri: vscode.Uri | undefined, toSide: boolean) => {
    const editor = vscode.window.activeTextEditor;
    const target = uri instanceof vscode.Uri ? uri : editor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open a Labelbox import file to preview it.');
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (editor?.viewColumn ?? vscode.ViewColumn.Active);
    // A preview of this file already, else the one that follows the editor, moved to this file.
    const existing = showing(target).find((panel) => !panel.locked) ?? showing(target)[0] ?? following();
    if (existing) {
      existing.setUri(target);
      existing.panel.reveal(toSide ? existing.panel.viewColumn : column, true);
      return;
    }
    const webviewPanel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide }, {});
    track(new PreviewPanel(webviewPanel, target, deps));
  };

  /** Locks the preview in front (or the one that follows the editor) to its file, or unlocks it. */
  const toggleLock = () => {
    const panel = activePanel?.panel.active ? activePanel : (following() ?? activePanel);
    if (!panel) return;
    const unlocking = panel.locked;
    panel.setLocked(!unlocking);
    if (!unlocking) return;
    // One preview follows the editor: the others that did are no longer needed.
    for (const other of [...panels]) if (other !== panel && !other.locked) other.dispose();
    const editor = vscode.window.activeTextEditor;
    if (editor && isImportEditor(editor)) panel.setUri(editor.document.uri);
  };

  /** The editor shows another file: the preview that follows moves to it if it is an import file. */
  const follow = (editor: vscode.TextEditor | undefined) => {
    if (!editor) return;
    if (isImportEditor(editor)) following()?.setUri(editor.document.uri);
    for (const panel of showing(editor.document.uri)) panel.onCursor(editor.selection.active);
  };

  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(OPEN_PREVIEW_TO_SIDE, (uri?: vscode.Uri) => open(uri, true)),
    vscode.commands.registerCommand(OPEN_PREVIEW, (uri?: vscode.Uri) => open(uri, false)),
    vscode.commands.registerCommand(SHOW_PREVIEW_SOURCE, () => activePanel?.showSource()),
    vscode.commands.registerCommand(TOGGLE_PREVIEW_LOCK, toggleLock),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown) {
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
        // Only one preview follows the editor.
        const locked = saved.locked ?? true;
        track(new PreviewPanel(webviewPanel, uri, deps, locked || following() !== undefined));
      },
    }),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      for (const panel of showing(event.textEditor.document.uri)) panel.onCursor(event.selections[0].active);
    }),
    vscode.window.onDidChangeActiveTextEditor(follow),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length) for (const panel of showing(event.document.uri)) panel.onEdit();
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      for (const panel of showing(document.uri)) panel.refresh();
      // A JSON file found to be an import file changes language while it is in front.
      const editor = vscode.window.activeTextEditor;
      if (editor?.document === document) follow(editor);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      for (const panel of panels) if (event.affectsConfiguration('labelboxImport.preview', panel.uri)) panel.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      for (const panel of panels) panel.refresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      for (const panel of panels) panel.configureWebview();
    }),
    { dispose: () => [...panels].forEach((panel) => panel.dispose()) },
  );
}

function isImportEditor(editor: vscode.TextEditor): boolean {
  return editor.document.languageId === LANGUAGE_ID;
}
