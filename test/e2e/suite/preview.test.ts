import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, openFile, rangeOf, waitFor, workspaceUri } from './helpers';
import { skipUnless } from './skip';
import { inWorkbench, workbenchUiAvailable } from './workbenchUi';

const OPEN_PREVIEW_TO_SIDE = 'labelboxImport.openPreviewToSide';

async function previewCommandExists(): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(OPEN_PREVIEW_TO_SIDE);
}

/** Opens a file in the first editor group, beside the preview (not in the preview's group, which would hide it). */
async function openBesidePreview(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('labelboxImport.preview'));
}

function previewTab(): vscode.Tab | undefined {
  return previewTabs()[0];
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

  test('one preview follows the active import file, and a locked preview stays on its file', async function () {
    skipUnless(this, await previewCommandExists(), `the command ${OPEN_PREVIEW_TO_SIDE} does not exist yet`);
    skipUnless(this, workbenchUiAvailable, 'no browser drives the workbench here (only the code-server launcher does)');
    const first = await openBesidePreview('preview.labelbox.json');
    moveCursorTo(first, '"cow-1"');
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE);
    await waitFor('the preview tab', previewTab);
    await inWorkbench([{ action: 'waitVisible', inWebview: true, selector: '[data-testid="file-name"]', hasText: 'preview.labelbox.json' }]);

    // Another import file in the editor: the same preview shows it, no second tab.
    const second = await openBesidePreview('rows.labelbox.json');
    moveCursorTo(second, '"cat-1"');
    await inWorkbench([{ action: 'waitVisible', inWebview: true, selector: '[data-testid="file-name"]', hasText: 'rows.labelbox.json' }]);
    await waitFor('the preview tab to be titled after rows.labelbox.json', () => previewTab()?.label === 'Preview rows.labelbox.json' || undefined);
    assert.equal(
      previewTabs().length,
      1,
      `one preview; tabs: ${previewTabs()
        .map((tab) => tab.label)
        .join(', ')}`,
    );
    await inWorkbench([
      // The gallery of the test before is still selected: the row view shows the row at the cursor.
      { action: 'click', inWebview: true, selector: '[data-testid="tab-row"]' },
      { action: 'waitVisible', inWebview: true, selector: '[data-testid="row-title"]', hasText: 'Row 1 of 4' },
      { action: 'screenshot', name: 'preview-follows-editor' },
    ]);

    // Locked, it stays on rows.labelbox.json while another file is edited.
    await vscode.commands.executeCommand('labelboxImport.togglePreviewLock');
    await waitFor('the locked preview’s title', () => previewTab()?.label === '[Preview] rows.labelbox.json' || undefined);
    const third = await openBesidePreview('probe.labelbox.json');
    moveCursorTo(third, '"yak-1"');
    await waitFor('the language server to check probe.labelbox.json', () => vscode.languages.getDiagnostics(third.document.uri).length > 0 || undefined);
    const [shown] = await inWorkbench([{ action: 'readText', inWebview: true, selector: '[data-testid="file-name"]' }]);
    assert.equal(shown, 'rows.labelbox.json', 'the locked preview stays on its file');
    assert.equal(previewTabs().length, 1);
    // "Open Preview to the Side" then opens a preview of its own for the file in the editor.
    await vscode.commands.executeCommand(OPEN_PREVIEW_TO_SIDE);
    await waitFor('a second preview for probe.labelbox.json', () => (previewTabs().length === 2 ? previewTabs() : undefined));
    const labels = previewTabs()
      .map((tab) => tab.label)
      .sort();
    assert.deepEqual(labels, ['Preview probe.labelbox.json', '[Preview] rows.labelbox.json']);
    await inWorkbench([
      { action: 'waitVisible', inWebview: true, selector: '[data-testid="row-title"]', hasText: 'Row 1 of 1' },
      { action: 'screenshot', name: 'preview-locked' },
    ]);

    // Close the locked one: the suite goes on with the one that follows the editor.
    const locked = previewTabs().find((tab) => tab.label.startsWith('[Preview]'))!;
    await vscode.window.tabGroups.close(locked);
    await waitFor('one preview again', () => previewTabs().length === 1 || undefined);
  });
});
