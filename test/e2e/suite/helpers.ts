import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'labelbox-import-tools.labelbox-import';
export const DIAGNOSTIC_SOURCE = 'labelbox-import';
export const IMPORT_LANGUAGE = 'labelbox-json';

/**
 * Polls until `probe` returns something other than undefined (or false), and returns it.
 * Tests wait for what they expect this way and never by sleeping a fixed time.
 */
export async function waitFor<T>(
  what: string | (() => string),
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${typeof what === 'string' ? what : what()}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The diagnostics this extension published for a file (other extensions' are left out). */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Waits until the file has diagnostics from us with exactly these codes, in any order. */
export function waitForCodes(uri: vscode.Uri, codes: string[], timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  const wanted = [...codes].sort().join(',');
  return waitFor(
    () => `diagnostics [${wanted}] on ${vscode.workspace.asRelativePath(uri)} (now: [${ourDiagnostics(uri).map(codeOf).sort().join(',')}])`,
    () => {
      const diagnostics = ourDiagnostics(uri);
      return diagnostics.map(codeOf).sort().join(',') === wanted ? diagnostics : undefined;
    },
    timeoutMs,
  );
}

/** The range of the `occurrence`-th (0-based) appearance of `text` in the document. */
export function rangeOf(document: vscode.TextDocument, text: string, occurrence = 0): vscode.Range {
  const content = document.getText();
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = content.indexOf(text, offset + 1);
    assert.notEqual(offset, -1, `"${text}" occurs ${occurrence + 1} times in ${document.uri.path}`);
  }
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

export function describeRange(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function assertRange(actual: vscode.Range, expected: vscode.Range, what: string): void {
  assert.equal(describeRange(actual), describeRange(expected), `range of ${what}`);
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await extension.activate();
}

export function extensionPath(): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.extensionPath;
}

/** Replaces the whole text of an editor's document. */
export async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
}
