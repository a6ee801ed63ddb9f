/**
 * What the preview shows for each kind of asset in the real VS Code, where the page sits in
 * VS Code's webview frames and loads workspace files the way VS Code serves them (a plain
 * HTTP server, as in test/webview, does not show these).
 */
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, rangeOf, waitFor, workspaceUri } from './helpers';
import { skipUnless } from './skip';
import { inWorkbench, workbenchUiAvailable } from './workbenchUi';

const FILE = 'media-kinds.labelbox.json';
const ASSET_FRAME = '[data-testid="asset"] [data-testid="html-frame"]';
const ATTACHMENT_FRAME = '[data-testid="attachment"][data-type="HTML"] [data-testid="html-frame"]';

/** Opens the file, puts the cursor in the row of `globalKey` and waits for the preview to show that row. */
async function previewRow(globalKey: string, rowNumber: number): Promise<void> {
  // In the first group: opened in the preview's group, the file would hide the preview.
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(FILE)), {
    viewColumn: vscode.ViewColumn.One,
    preview: false,
  });
  const position = rangeOf(editor.document, `"${globalKey}"`).start;
  editor.selection = new vscode.Selection(position, position);
  await vscode.commands.executeCommand('labelboxImport.openPreviewToSide');
  await waitFor('the preview tab', () =>
    vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('labelboxImport.preview')),
  );
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  editor.selection = new vscode.Selection(position, position);
  await inWorkbench([
    { action: 'click', inWebview: true, selector: '[data-testid="tab-row"]' },
    { action: 'waitVisible', inWebview: true, selector: '[data-testid="row-title"]', hasText: `Row ${rowNumber} of 5` },
  ]);
}

suite('Preview content in VS Code', () => {
  suiteSetup(async function () {
    skipUnless(this, workbenchUiAvailable, 'no browser drives the workbench here (only the code-server launcher does)');
    await activateExtension();
  });

  test('an HTML asset and an HTML attachment from workspace files show their pages in sandboxed frames, without scripts', async () => {
    await previewRow('web/product-page', 1);
    const [assetHeading, sandbox, scriptRan, price, attachmentText] = await inWorkbench([
      { action: 'readText', inWebview: true, frame: ASSET_FRAME, selector: 'h1' },
      { action: 'readAttribute', inWebview: true, selector: ASSET_FRAME, name: 'sandbox' },
      { action: 'readAttribute', inWebview: true, frame: ASSET_FRAME, selector: 'body', name: 'data-script-ran' },
      { action: 'readText', inWebview: true, frame: ASSET_FRAME, selector: '[data-testid="price"]' },
      { action: 'readText', inWebview: true, frame: ATTACHMENT_FRAME, selector: 'p' },
    ]);
    assert.equal(assetHeading, 'Garden hose, 25 m', 'the page of the HTML asset is shown');
    assert.equal(price, '€ 24.90');
    assert.equal(sandbox, '', 'the frame is sandboxed without scripts and without the preview’s origin');
    assert.equal(scriptRan, null, 'the page’s script did not run');
    assert.equal(attachmentText, 'Drain the hose before the first frost.', 'the page of the HTML attachment is shown');
    await inWorkbench([
      { action: 'waitVisible', inWebview: true, frame: ASSET_FRAME, selector: 'h1' },
      { action: 'screenshot', name: 'preview-html' },
    ]);
  });

  test('a missing audio file says "not found", with at most one action on its card', async () => {
    await previewRow('calls/call-0193', 2);
    const [text, actions, players] = await inWorkbench([
      { action: 'readText', inWebview: true, selector: '[data-testid="asset"] [data-reason="not-found"]' },
      { action: 'count', inWebview: true, selector: '[data-testid="asset"] [data-testid="open-external"]' },
      { action: 'count', inWebview: true, selector: '[data-testid="asset"] audio:visible' },
      { action: 'screenshot', name: 'preview-audio-not-found' },
    ]);
    assert.match(String(text), /Not found/);
    assert.match(String(text), /calls\/call-0193\.wav does not exist/);
    assert.doesNotMatch(String(text), /codec|format/i, 'a missing file is not a codec problem');
    assert.ok(Number(actions) <= 1, `one action at most on the card; there are ${actions}`);
    assert.equal(players, 0, 'no player for a file that is not there');
  });

  test('a PDF is never an empty box: the card says why it is not shown here and opens it elsewhere', async () => {
    await previewRow('docs/lease', 3);
    const [text, actions, objects] = await inWorkbench([
      { action: 'readText', inWebview: true, selector: '[data-testid="asset"] [data-reason="cannot-show"]' },
      { action: 'count', inWebview: true, selector: '[data-testid="asset"] [data-testid="open-external"]' },
      { action: 'count', inWebview: true, selector: '[data-testid="asset"] object' },
      { action: 'screenshot', name: 'preview-pdf' },
    ]);
    assert.match(String(text), /cannot show PDF documents/);
    assert.equal(actions, 1, 'one way to open the PDF');
    assert.equal(objects, 0, 'no empty document box');
  });

  test('a row whose media_type is wrong but whose URL is an image shows the image, with the problem above it', async () => {
    await previewRow('fields/field-1', 4);
    const [note, size] = await inWorkbench([
      { action: 'readText', inWebview: true, selector: '[data-testid="asset"] [data-testid="asset-note"]' },
      { action: 'waitImageLoaded', inWebview: true, selector: '[data-testid="asset"] [data-testid="asset-image"]' },
      { action: 'screenshot', name: 'preview-wrong-media-type' },
    ]);
    assert.match(String(note), /IMAGEX/);
    assert.match(String(note), /shown as an image/);
    assert.equal(size, '96×64');
  });

  test('a gs:// image says it is not allowed here, and why', async () => {
    await previewRow('fields/plot-13', 5);
    const [text] = await inWorkbench([
      { action: 'readText', inWebview: true, selector: '[data-testid="asset"] [data-reason="not-allowed"]' },
      { action: 'screenshot', name: 'preview-not-allowed' },
    ]);
    assert.match(String(text), /gs:\/\/ URLs are read by Labelbox through a Google Cloud Storage integration/);
  });
});
