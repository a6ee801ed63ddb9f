import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, codeOf, ourDiagnostics, waitFor, workspaceUri } from './helpers';

const FIRST = 'keys/batch-001.labelbox.json';
const SECOND = 'keys/batch-002.labelbox.json';

/** The problems of `uri` about keys another file uses, once `check` holds for them. */
function crossFileProblems(uri: vscode.Uri, check: (found: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => `${what} (now: ${ourDiagnostics(uri).map(codeOf).join(', ')})`,
    () => {
      const found = ourDiagnostics(uri).filter((diagnostic) => codeOf(diagnostic) === 'global-key-in-other-file');
      return check(found) ? found : undefined;
    },
    30_000,
  );
}

suite('Global keys across files in VS Code', () => {
  suiteSetup(activateExtension);

  test('a key an earlier file (never opened) uses is a warning naming it; renaming it (WorkspaceEdit and workspace.fs) and deleting it are followed', async () => {
    // In the first group, and closed at the end: the window-reload check after the suite looks for the preview beside it.
    const document = await vscode.workspace.openTextDocument(workspaceUri(SECOND));
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
    const [problem] = await crossFileProblems(document.uri, (found) => found.length === 1, 'the warning naming batch-001');
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(problem.message, /in keys\/batch-001\.labelbox\.json \(row 2\)/);
    assert.equal(problem.relatedInformation?.[0].location.uri.toString(), workspaceUri(FIRST).toString());

    // A rename made in the editor: the language client sends it as a file operation.
    const later = workspaceUri('keys/batch-009.labelbox.json');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(workspaceUri(FIRST), later);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await crossFileProblems(document.uri, (found) => found.length === 0, 'the warning to go: batch-002 now comes first');

    // A rename through workspace.fs: only the file watcher tells.
    await vscode.workspace.fs.rename(later, workspaceUri(FIRST));
    await crossFileProblems(document.uri, (found) => found.length === 1, 'the warning to come back');

    await vscode.workspace.fs.delete(workspaceUri(FIRST));
    await crossFileProblems(document.uri, (found) => found.length === 0, 'the warning to go with the deleted file');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
