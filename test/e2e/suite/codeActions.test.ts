import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openFile, ourDiagnostics, waitFor, waitForCodes } from './helpers';
import { codeActionKinds, serverCapabilities } from './serverCapabilities';
import { skipUnless } from './skip';
import { inWorkbench, workbenchUiAvailable } from './workbenchUi';

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind);
  // A provider may also answer with bare commands, whose `command` is a string.
  return actions.filter((action): action is vscode.CodeAction => typeof (action as vscode.Command).command !== 'string');
}

/** Applies a code action the way the editor does: its edit, then its command. */
async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of "${action.title}" applies`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

suite('Quick fixes and conversion in VS Code', () => {
  suiteSetup(activateExtension);

  test('the quick fix of an unknown key renames it to the key it resembles', async function () {
    skipUnless(this, Boolean((await serverCapabilities()).codeActionProvider), 'the language server does not declare code actions yet');
    const { document } = await openFile('quickfix.labelbox.json');
    const diagnostics = await waitForCodes(document.uri, ['unknown-property']);
    const unknown = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'unknown-property')!;

    const actions = await codeActions(document.uri, unknown.range, vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find((action) => action.title === 'Rename to "row_data"');
    assert.ok(rename, `a "Rename to \\"row_data\\"" quick fix; offered: ${actions.map((action) => action.title).join(' | ')}`);
    assert.ok(rename.kind && vscode.CodeActionKind.QuickFix.contains(rename.kind), 'it is a quick fix');
    await apply(rename);

    assert.equal(document.lineAt(1).text, '  { "row_data": "https://storage.example.com/images/bee.jpg", "global_key": "bee-1", "media_type": "IMAGE" }');
    await waitForCodes(document.uri, []);
  });

  test('"Convert file to the current import format" turns legacy rows into row_data rows', async function () {
    const capabilities = await serverCapabilities();
    const kinds = codeActionKinds(capabilities);
    const declaresSourceActions = capabilities.codeActionProvider === true || kinds.some((kind) => kind.startsWith('source'));
    skipUnless(
      this,
      Boolean(capabilities.codeActionProvider) && declaresSourceActions,
      'the language server does not declare source actions (the conversion) yet',
    );

    const { document } = await openFile('legacy.labelbox.json');
    // One note per legacy row: the SDK rejects each row without row_data.
    await waitForCodes(document.uri, ['legacy-dialect', 'legacy-dialect']);
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    const actions = await codeActions(document.uri, whole, vscode.CodeActionKind.Source.value);
    const convert = actions.find((action) => action.title === 'Convert file to the current import format');
    assert.ok(convert, `the conversion is offered; offered: ${actions.map((action) => action.title).join(' | ')}`);
    await apply(convert);

    const rows = await waitFor('the converted text to parse as JSON', () => {
      try {
        const value = JSON.parse(document.getText()) as Record<string, unknown>[];
        return 'row_data' in (value[0] ?? {}) ? value : undefined;
      } catch {
        return undefined;
      }
    });
    assert.deepEqual(
      rows.map((row) => ({ row_data: row.row_data, media_type: row.media_type, external_id: row.external_id })),
      [
        { row_data: 'https://storage.example.com/images/a.jpg', media_type: 'IMAGE', external_id: 'a' },
        { row_data: 'https://storage.example.com/images/b.jpg', media_type: 'IMAGE', external_id: 'b' },
      ],
    );
    for (const row of rows) {
      assert.ok(!('imageUrl' in row) && !('externalId' in row), `no legacy keys remain: ${JSON.stringify(row)}`);
    }
    await waitFor('the legacy-dialect warning to go', () => !ourDiagnostics(document.uri).some((d) => codeOf(d) === 'legacy-dialect') || undefined);
  });

  test('"Convert File" keeps one-line objects on one line, the key order and the indentation, and names the problems it adds', async function () {
    const capabilities = await serverCapabilities();
    skipUnless(this, Boolean(capabilities.codeActionProvider), 'the language server does not declare code actions yet');
    const editor = await openFile('legacy-layout.labelbox.json');
    const { document } = editor;
    // One legacy note per row (the three rows are legacy), and the TEXT attachment's.
    await waitForCodes(document.uri, ['legacy-dialect', 'legacy-dialect', 'legacy-dialect', 'deprecated-attachment-type']);
    // The conversion of the test before may still show its own "Converted 2 rows" toast: only this one's may be read below.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('labelboxImport.convertFile');
    await waitFor('the file to be converted', () => (document.getText().includes('"row_data"') ? true : undefined));
    assert.deepEqual(document.getText().split('\n'), [
      '[',
      '    {',
      '        "external_id": "orchard-north-0001.jpg",',
      '        "row_data": "https://orchard-data.s3.us-west-2.amazonaws.com/north/0001.jpg",',
      '        "media_type": "IMAGE",',
      '        "attachments": [',
      '            { "type": "IMAGE_OVERLAY", "value": "https://orchard-data.s3.us-west-2.amazonaws.com/north/0001_ndvi.png" }',
      '        ]',
      '    },',
      '    {',
      '        "external_id": "orchard-flyover.mp4",',
      '        "row_data": "https://orchard-data.s3.us-west-2.amazonaws.com/video/flyover.mp4",',
      '        "media_type": "VIDEO",',
      '        "attachments": [{ "type": "RAW_TEXT", "value": "Flown at 40 m." }]',
      '    },',
      '    { "external_id": "note-17", "global_key": "notes/note-17", "row_data": "Leaves show spots.", "media_type": "TEXT" }',
      ']',
      '',
    ]);
    // The current format recommends global keys, which two legacy rows lack: that is new, and said.
    await waitForCodes(document.uri, ['missing-global-key', 'missing-global-key']);
    if (!workbenchUiAvailable) return;
    const [message] = await inWorkbench([
      { action: 'readText', selector: '.notifications-toasts .notification-list-item-message', hasText: 'Converted' },
      { action: 'screenshot', name: 'convert-file' },
    ]);
    assert.match(String(message), /Converted 3 rows/);
    assert.match(String(message), /missing-global-key \(information\) in 2 rows: This row has an external_id but no global_key/);
  });
});
