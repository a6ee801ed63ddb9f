import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, openFile, rangeOf, waitFor } from './helpers';
import { skipUnless } from './skip';
import { inWorkbench, workbenchUiAvailable } from './workbenchUi';

const OPEN_PREVIEW_TO_SIDE = 'labelboxImport.openPreviewToSide';

async function previewCommandExists(): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(OPEN_PREVIEW_TO_SIDE);
}

function previewTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('labelboxImport.preview'));
}

/** Puts the cursor at the start of a text in the editor. */
function moveCursorTo(editor: vscode.TextEditor, text: string): void {
  const position = rangeOf(editor.document, text).start;
  editor.selection = new vscode.Selection(position, position);
}

suite('Preview in VS Code', () => {
  suiteSetup(activateExtension);

  test('"Open Preview to the Side" opens the preview beside the file', async function () {
    skipUnless(this, await previewCommandExists(), `the command ${OPEN_PREVIEW_TO_SIDE} does not exist yet`);
    const editor = await openFile('preview.labelbox.json');
    moveCursorTo(editor, '"hen-1"');
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE);
    const tab = await waitFor('the preview tab', previewTab);
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview is in another editor group');
  });

  test('the preview follows the cursor, and a click on a gallery tile moves the cursor to its row', async function () {
    skipUnless(this, await previewCommandExists(), `the command ${OPEN_PREVIEW_TO_SIDE} does not exist yet`);
    skipUnless(this, workbenchUiAvailable, 'no browser drives the workbench here (only the code-server launcher does)');
    const editor = await openFile('preview.labelbox.json');
    moveCursorTo(editor, '"hen-1"');
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE);
    await waitFor('the preview tab', previewTab);

    const [, rowText] = await inWorkbench([
      { action: 'waitVisible', inWebview: true, selector: '[data-testid="row-title"]', hasText: 'Row 3 of 4' },
      { action: 'readText', inWebview: true, selector: '[data-testid="row-view"]' },
    ]);
    assert.match(String(rowText), /hen-1/, `the preview shows the row under the cursor; it shows: ${rowText}`);

    // Moving the cursor in the editor moves the preview along.
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    moveCursorTo(editor, '"goat-1"');
    await inWorkbench([
      { action: 'waitVisible', inWebview: true, selector: '[data-testid="row-title"]', hasText: 'Row 4 of 4' },
      { action: 'screenshot', name: 'preview' },
    ]);

    // A click on the second tile of the gallery puts the editor's cursor in the second row.
    await inWorkbench([
      { action: 'click', inWebview: true, selector: '[data-testid="tab-gallery"]' },
      { action: 'waitVisible', inWebview: true, selector: '[data-testid="gallery-tile"][data-index="1"]' },
      { action: 'screenshot', name: 'preview-gallery' },
      { action: 'click', inWebview: true, selector: '[data-testid="gallery-tile"][data-index="1"]' },
    ]);
    const pigLine = rangeOf(editor.document, '"pig-1"').start.line;
    await waitFor(`the cursor to move to line ${pigLine + 1}`, () => {
      const target = vscode.window.visibleTextEditors.find((visible) => visible.document.uri.toString() === editor.document.uri.toString());
      return target?.selection.active.line === pigLine || undefined;
    });
  });
});
