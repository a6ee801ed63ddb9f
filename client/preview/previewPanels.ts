import * as vscode from 'vscode';
import { PREVIEW_VIEW_TYPE, PreviewPanel, type PanelDeps } from './previewPanel';
import { LANGUAGE_ID } from '../settings';

/**
 * The open previews, kept as VS Code's Markdown preview keeps its own: one follows the active
 * import file; a locked one stays on its file.
 */
export class PreviewPanels implements vscode.Disposable {
  private readonly panels = new Set<PreviewPanel>();
  private activePanel: PreviewPanel | undefined;

  constructor(private readonly deps: PanelDeps) {}

  get all(): readonly PreviewPanel[] {
    return [...this.panels];
  }

  /** The preview in front, or the last one that was. */
  get active(): PreviewPanel | undefined {
    return this.activePanel;
  }

  /** The preview that follows the editor: the unlocked one. */
  following(): PreviewPanel | undefined {
    return this.all.find((panel) => !panel.locked);
  }

  showing(uri: vscode.Uri): PreviewPanel[] {
    return this.all.filter((panel) => panel.uri.toString() === uri.toString());
  }

  /** Keeps a new or restored panel; only one may follow the editor, so a second unlocked one is locked. */
  add(webviewPanel: vscode.WebviewPanel, uri: vscode.Uri, locked: boolean): PreviewPanel {
    const panel = new PreviewPanel(webviewPanel, uri, this.deps, locked || this.following() !== undefined);
    this.panels.add(panel);
    this.activePanel = panel;
    panel.panel.onDidChangeViewState(({ webviewPanel: changed }) => {
      if (changed.active) this.activePanel = panel;
    });
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      if (this.activePanel === panel) this.activePanel = undefined;
    });
    return panel;
  }

  /** Shows a file: in a preview of it already, else in the one that follows the editor, else in a new one. */
  open(target: vscode.Uri, column: vscode.ViewColumn, toSide: boolean): void {
    const existing = this.showing(target).find((panel) => !panel.locked) ?? this.showing(target)[0] ?? this.following();
    if (existing) {
      existing.setUri(target);
      existing.panel.reveal(toSide ? existing.panel.viewColumn : column, true);
      return;
    }
    const webviewPanel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide }, {});
    this.add(webviewPanel, target, false);
  }

  /** Locks the preview in front (or the one that follows the editor) to its file, or unlocks it. */
  toggleLock(): void {
    const panel = this.activePanel?.panel.active ? this.activePanel : (this.following() ?? this.activePanel);
    if (!panel) return;
    const unlocking = panel.locked;
    panel.setLocked(!unlocking);
    if (!unlocking) return;
    // One preview follows the editor: the others that did are no longer needed.
    for (const other of this.all) if (other !== panel && !other.locked) other.dispose();
    const editor = vscode.window.activeTextEditor;
    if (editor && isImportEditor(editor)) panel.setUri(editor.document.uri);
  }

  /** The editor shows another file: the preview that follows moves to it if it is an import file. */
  follow(editor: vscode.TextEditor | undefined): void {
    if (!editor) return;
    if (isImportEditor(editor)) this.following()?.setUri(editor.document.uri);
    for (const panel of this.showing(editor.document.uri)) panel.onCursor(editor.selection.active);
  }

  dispose(): void {
    for (const panel of this.all) panel.dispose();
  }
}

function isImportEditor(editor: vscode.TextEditor): boolean {
  return editor.document.languageId === LANGUAGE_ID;
}
