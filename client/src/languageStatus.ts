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
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const problems = status.errors + status.warnings + status.infos;
    this.item.text = `$(database) ${status.rows.toLocaleString()} row${status.rows === 1 ? '' : 's'} · ${problems ? `${status.errors} errors, ${status.warnings} warnings` : 'no problems'}`;
    const notes = [`checked in ${status.checkMilliseconds.toLocaleString()} ms`];
    if (status.metadataSchemaProblem) notes.push(`metadata schema ${status.metadataSchema} cannot be used: ${status.metadataSchemaProblem}`);
    else if (status.metadataSchema) notes.push(`metadata schema: ${status.metadataSchema}`);
    if (status.outlineCapped) notes.push('outline shows the first rows only');
    this.item.detail = notes.join(' · ');
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
