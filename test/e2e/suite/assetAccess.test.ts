import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { ASSET_SERVERS_VARIABLE } from '../workbenchProtocol';
import { activateExtension, assertRange, codeOf, openFile, ourDiagnostics, rangeOf, waitFor, waitForCodes, workspaceUri } from './helpers';
import { skipUnless } from './skip';
import { inWorkbench, workbenchUiAvailable } from './workbenchUi';

/**
 * "Labelbox: Check Asset Access" in the real VS Code, against the local HTTPS servers the
 * launcher starts (runInCodeServer.ts; their certificate is trusted through
 * NODE_EXTRA_CA_CERTS). The harness runs with workspace trust off (trusted), so the untrusted
 * gate is tested in test/lsp/assetAccess.test.ts with the trust given.
 */
suite('Asset access in VS Code', () => {
  suiteSetup(activateExtension);

  test('the command shows its progress, then the failures as problems at the URLs', async function () {
    this.timeout(120_000);
    const bases = JSON.parse(process.env[ASSET_SERVERS_VARIABLE] ?? 'null') as string[] | null;
    skipUnless(this, Boolean(bases) && workbenchUiAvailable, 'needs the launcher of runInCodeServer.ts (local asset servers and the workbench UI)');
    const [a, b] = bases!;
    const rows = [
      { row_data: `${a}/ok.png`, global_key: 'ok', media_type: 'IMAGE' },
      { row_data: `${a}/missing`, global_key: 'missing', media_type: 'IMAGE' },
      { row_data: `${b}/page`, global_key: 'page', media_type: 'IMAGE' },
      // Never answers: the progress notification stays up until the time limit.
      { row_data: `${b}/slow`, global_key: 'slow', media_type: 'IMAGE' },
    ];
    await vscode.workspace.fs.writeFile(workspaceUri('access.labelbox.json'), Buffer.from(JSON.stringify(rows, null, 2)));
    const config = vscode.workspace.getConfiguration('labelboxImport.assetCheck');
    await config.update('allowPrivateAddresses', true, vscode.ConfigurationTarget.Workspace);
    await config.update('timeoutSeconds', 4, vscode.ConfigurationTarget.Workspace);
    try {
      const { document } = await openFile('access.labelbox.json');
      await waitFor('the file to be checked', () => document.languageId === 'labelbox-json' || undefined);
      assert.deepEqual(ourDiagnostics(document.uri).map(codeOf), [], 'nothing is fetched before the command');
      // Not awaited: the command ends with a message that waits for a click.
      void vscode.commands.executeCommand('labelboxImport.checkAssetAccess');
      await inWorkbench([
        { action: 'waitVisible', selector: '.notification-toast', hasText: 'Checking asset access' },
        { action: 'screenshot', name: 'asset-access-progress' },
      ]);
      const diagnostics = await waitForCodes(document.uri, ['asset-content-type', 'asset-not-found', 'asset-timeout'], 60_000);
      const byCode = new Map(diagnostics.map((diagnostic) => [codeOf(diagnostic), diagnostic]));
      assertRange(byCode.get('asset-not-found')!.range, rangeOf(document, `${a}/missing`), 'the missing URL');
      assertRange(byCode.get('asset-content-type')!.range, rangeOf(document, `${b}/page`), 'the HTML page');
      assert.equal(byCode.get('asset-not-found')!.severity, vscode.DiagnosticSeverity.Warning);
      await inWorkbench([
        { action: 'waitVisible', selector: '.notification-toast', hasText: 'failed: see the problems' },
        { action: 'screenshot', name: 'asset-access-done' },
      ]);
    } finally {
      // The file goes, so that no later test of the run sees it.
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(workspaceUri('access.labelbox.json'));
      await config.update('allowPrivateAddresses', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('timeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
