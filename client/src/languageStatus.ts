import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';
import { LANGUAGE_ID } from './settings';

/** The language status item of import files: rows, problems, how long the last check took. */
export class LanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('labelboxImport.status', { language: LANGUAGE_ID });
  private readonly statusByUri = new Map<string, StatusParams>();
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());

  constructor() {
    this.item.name = 'Labelbox import file';
    this.item.command = { command: 'labelboxImport.showOutput', title: 'Show Output' };
    this.render();
  }

  update(status: StatusParams): void {
    this.statusByUri.set(status.uri, status);
    this.render();
  }

  forget(uri: string): void {
    this.statusByUri.delete(uri);
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri ? this.statusByUri.get(uri) : undefined;
    if (!status || !status.isImportFile) {
      this.item.text = 'Labelbox import';
      this.item.detail = 'Checking…';
      this.item.accessibilityInformation = { label: 'Labelbox import file: checking…' };
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const counts = problemCounts(status);
    this.item.text = `$(database) ${counts.rows} · ${counts.problems}`;
    const notes = [`checked in ${status.checkMilliseconds.toLocaleString()} ms`];
    if (status.metadataSchemaProblem) notes.push(`metadata schema ${status.metadataSchema} cannot be used: ${status.metadataSchemaProblem}`);
    else if (status.metadataSchema) notes.push(`metadata schema: ${status.metadataSchema}`);
    if (status.outlineCapped) notes.push('outline shows the first rows only');
    this.item.detail = notes.join(' · ');
    // Screen readers read the label, not the text: without it they read "$(database)" aloud.
    this.item.accessibilityInformation = { label: `Labelbox import file: ${counts.rows}, ${counts.spokenProblems}, ${notes.join(', ')}` };
    this.item.severity = status.errors
      ? vscode.LanguageStatusSeverity.Error
      : status.warnings || status.metadataSchemaProblem
        ? vscode.LanguageStatusSeverity.Warning
        : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
    this.subscription.dispose();
  }
}

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

/** The rows and problems of a file, as shown ("2 infos") and as read aloud ("2 information messages"). */
export function problemCounts(status: Pick<StatusParams, 'rows' | 'errors' | 'warnings' | 'infos'>): { rows: string; problems: string; spokenProblems: string } {
  const rows = plural(status.rows, 'row');
  if (!status.errors && !status.warnings && !status.infos) return { rows, problems: 'no problems', spokenProblems: 'no problems' };
  const errorsAndWarnings = `${plural(status.errors, 'error')}, ${plural(status.warnings, 'warning')}`;
  return {
    rows,
    problems: `${errorsAndWarnings}, ${plural(status.infos, 'info')}`,
    spokenProblems: `${errorsAndWarnings}, ${plural(status.infos, 'information message')}`,
  };
}
