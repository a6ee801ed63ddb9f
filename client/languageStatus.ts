import * as vscode from 'vscode';
import type { StatusParams } from '../common/protocol';
import { LANGUAGE_ID } from './settings';
import { activeTabUri, NOT_SYNCED_CAUSE } from './unsyncedFiles';

type Origin = StatusParams['origin'];

/** What is known about a file: its last check, or that it is being checked (and how far), or why it could not be. */
type FileStatus =
  | { kind: 'checked'; origin: Origin; status: StatusParams }
  | { kind: 'checking'; origin: Origin; progress?: number }
  | { kind: 'notChecked'; origin: Origin; reason: string };

/**
 * The language status item of import files: rows, problems, how long the last check took; while
 * a big file is checked, how far it is; and, when a file could not be checked, why (it is then
 * never shown as clean). For a file checked from disk, which VS Code gives no language status,
 * a status bar item shows the same.
 */
export class LanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('labelboxImport.status', { language: LANGUAGE_ID });
  private readonly statusByUri = new Map<string, FileStatus>();
  /** Files checked from disk, which have no language status in VS Code. */
  private readonly unsynced = new Map<string, vscode.Uri>();
  private readonly diskItem = vscode.window.createStatusBarItem('labelboxImport.diskStatus', vscode.StatusBarAlignment.Right, 100);
  private downReason: string | undefined;
  private readonly subscriptions = [
    vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    vscode.window.tabGroups.onDidChangeTabs(() => this.render()),
    vscode.window.tabGroups.onDidChangeTabGroups(() => this.render()),
  ];

  constructor() {
    this.item.name = 'Labelbox import file';
    this.diskItem.name = 'Labelbox import file (checked from disk)';
    this.diskItem.command = { command: 'labelboxImport.showOutput', title: 'Show Output' };
    this.item.command = { command: 'labelboxImport.showOutput', title: 'Show Output' };
    this.render();
  }

  update(status: StatusParams): void {
    const { uri, origin } = status;
    if (status.notChecked) this.statusByUri.set(uri, { kind: 'notChecked', origin, reason: status.notChecked });
    else if (status.checking !== undefined) this.statusByUri.set(uri, { kind: 'checking', origin, progress: status.checking });
    else this.statusByUri.set(uri, { kind: 'checked', origin, status });
    this.render();
  }

  /** The file is being checked (the server's first status is on its way). */
  checking(uri: string): void {
    this.statusByUri.set(uri, { kind: 'checking', origin: this.statusByUri.get(uri)?.origin ?? 'disk' });
    this.render();
  }

  notChecked(uri: string, reason: string, origin: Origin): void {
    this.statusByUri.set(uri, { kind: 'notChecked', origin, reason });
    this.render();
  }

  /**
   * The server stopped (or could not start), with the reason, or runs again (undefined): while
   * it is down, no import file is checked, and each says so.
   */
  serverDown(reason: string | undefined): void {
    this.downReason = reason;
    if (!reason) this.statusByUri.clear();
    this.render();
  }

  addUnsynced(uri: vscode.Uri): void {
    this.unsynced.set(uri.toString(), uri);
    this.render();
  }

  removeUnsynced(uri: vscode.Uri): void {
    this.unsynced.delete(uri.toString());
    this.forget(uri.toString());
    this.render();
  }

  forget(uri: string): void {
    this.statusByUri.delete(uri);
  }

  private render(): void {
    // A file VS Code does not hand over has a tab but no text editor.
    const uri = (vscode.window.activeTextEditor?.document.uri ?? activeTabUri())?.toString();
    const view = this.viewOf(uri);
    this.item.text = view.text;
    this.item.detail = view.detail;
    this.item.severity = view.severity;
    // Screen readers read the label, not the text: without it they read "$(database)" aloud.
    this.item.accessibilityInformation = { label: view.label };
    // VS Code shows no language status for an editor whose text it does not hand to extensions:
    // for those files a status bar item says the same.
    if (uri && this.unsynced.has(uri)) {
      this.diskItem.text = `${view.text} · from disk`;
      this.diskItem.tooltip = `Labelbox import file: ${view.detail}`;
      this.diskItem.accessibilityInformation = { label: view.label };
      this.diskItem.backgroundColor =
        view.severity === vscode.LanguageStatusSeverity.Warning && view.notChecked ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.diskItem.show();
    } else {
      this.diskItem.hide();
    }
  }

  private viewOf(uri: string | undefined): { text: string; detail: string; label: string; severity: vscode.LanguageStatusSeverity; notChecked?: boolean } {
    const known: FileStatus | undefined = this.downReason
      ? { kind: 'notChecked', origin: 'editor', reason: this.downReason }
      : uri
        ? this.statusByUri.get(uri)
        : undefined;
    const fromDisk =
      known?.origin === 'disk' || (uri !== undefined && this.unsynced.has(uri)) ? `checked from disk when saved: ${NOT_SYNCED_CAUSE}` : undefined;
    if (known?.kind === 'notChecked') {
      return {
        text: '$(warning) Not checked',
        detail: known.reason,
        label: `Labelbox import file: not checked, ${known.reason}`,
        severity: vscode.LanguageStatusSeverity.Warning,
        notChecked: true,
      };
    }
    if (known?.kind !== 'checked' || !known.status.isImportFile) {
      const progress = known?.kind === 'checking' && known.progress !== undefined ? ` ${Math.floor(known.progress * 100)}%` : '';
      const detail = fromDisk ?? 'Checking…';
      return {
        text: known?.kind === 'checking' ? `$(sync~spin) Checking…${progress}` : 'Labelbox import',
        detail,
        label: fromDisk ? `Labelbox import file: checking${progress}, ${fromDisk}` : `Labelbox import file: checking${progress}…`,
        severity: vscode.LanguageStatusSeverity.Information,
      };
    }
    const status = known.status;
    const counts = problemCounts(status);
    const text = `$(database) ${counts.rows} · ${counts.problems}`;
    const notes = [`checked in ${status.checkMilliseconds.toLocaleString()} ms`];
    if (fromDisk) notes.unshift(fromDisk);
    if (status.metadataSchemaProblem) notes.push(`metadata schema ${status.metadataSchema} cannot be used: ${status.metadataSchemaProblem}`);
    else if (status.metadataSchema) notes.push(`metadata schema: ${status.metadataSchema}`);
    if (status.outlineCapped) notes.push('outline shows the first rows only');
    const severity = status.errors
      ? vscode.LanguageStatusSeverity.Error
      : status.warnings || status.metadataSchemaProblem
        ? vscode.LanguageStatusSeverity.Warning
        : vscode.LanguageStatusSeverity.Information;
    return { text, detail: notes.join(' · '), label: `Labelbox import file: ${counts.rows}, ${counts.spokenProblems}, ${notes.join(', ')}`, severity };
  }

  dispose(): void {
    this.item.dispose();
    this.diskItem.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

/** The rows and problems of a file, as shown ("2 infos") and as read aloud ("2 information messages"). */
export function problemCounts(status: Pick<StatusParams, 'rows' | 'errors' | 'warnings' | 'infos'>): {
  rows: string;
  problems: string;
  spokenProblems: string;
} {
  const rows = plural(status.rows, 'row');
  if (!status.errors && !status.warnings && !status.infos) return { rows, problems: 'no problems', spokenProblems: 'no problems' };
  const errorsAndWarnings = `${plural(status.errors, 'error')}, ${plural(status.warnings, 'warning')}`;
  return {
    rows,
    problems: `${errorsAndWarnings}, ${plural(status.infos, 'info')}`,
    spokenProblems: `${errorsAndWarnings}, ${plural(status.infos, 'information message')}`,
  };
}
