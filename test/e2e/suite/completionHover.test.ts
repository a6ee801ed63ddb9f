import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, openFile, rangeOf, workspaceUri } from './helpers';
import { serverCapabilities } from './serverCapabilities';
import { skipUnless } from './skip';
import { inWorkbench, screenshotWhenVisible, workbenchUiAvailable } from './workbenchUi';

function labelOf(item: vscode.CompletionItem): string {
  const label = typeof item.label === 'string' ? item.label : item.label.label;
  return label.replace(/^"|"$/g, '');
}

function markdownOf(hover: vscode.Hover): string {
  return hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : '')).join('\n');
}

suite('Completion and hover in VS Code', () => {
  suiteSetup(activateExtension);

  test('completion in a data row offers the data row keys, with their documentation', async function () {
    skipUnless(this, Boolean((await serverCapabilities()).completionProvider), 'the language server does not declare completion yet');
    const editor = await openFile('completion.labelbox.json');
    // Between the quotes of the empty key in the first row.
    const position = rangeOf(editor.document, '{ ""').start.translate(0, 3);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    const labels = list.items.map(labelOf);
    for (const key of ['row_data', 'global_key', 'media_type', 'external_id', 'attachments', 'metadata_fields']) {
      assert.ok(labels.includes(key), `completion offers ${key}; it offered: ${labels.join(', ')}`);
    }
    const rowData = list.items.find((item) => labelOf(item) === 'row_data')!;
    const documentation = typeof rowData.documentation === 'string' ? rowData.documentation : (rowData.documentation?.value ?? '');
    assert.ok(`${rowData.detail ?? ''} ${documentation}`.trim().length > 20, 'row_data comes with documentation');

    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await screenshotWhenVisible('completion-list', '.suggest-widget.visible', 'global_key');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  test('hover on the "row_data" key shows its documentation', async function () {
    skipUnless(this, Boolean((await serverCapabilities()).hoverProvider), 'the language server does not declare hover yet');
    const editor = await openFile('completion.labelbox.json');
    const position = rangeOf(editor.document, '"row_data"').start.translate(0, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hovers.map(markdownOf).join('\n');
    assert.match(text, /row_data/, `hover text: ${text}`);
    assert.ok(text.length > 40, `the hover explains the key: ${text}`);

    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshotWhenVisible('hover', '.monaco-hover', 'row_data');
  });

  async function hoverText(editor: vscode.TextEditor, text: string): Promise<string> {
    const position = rangeOf(editor.document, text).start.translate(0, 12);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    editor.selection = new vscode.Selection(position, position);
    return hovers.map(markdownOf).join('\n');
  }

  test('hover on an image URL shows its thumbnail from the workspace mirror the preview uses (urlRewrites)', async function () {
    skipUnless(this, Boolean((await serverCapabilities()).hoverProvider), 'the language server does not declare hover yet');
    const editor = await openFile('hover.labelbox.json');
    const text = await hoverText(editor, '"https://media.example.test/field.png"');
    const image = /!\[[^\]]*\]\(([^)|]+)/.exec(text);
    assert.ok(image, `the hover has an image: ${text}`);
    assert.equal(vscode.Uri.parse(image[1]).toString(), workspaceUri('media/field.png').toString(), 'the thumbnail is the mirrored file');
    assert.match(text, /media\/field\.png/, 'the hover says where the picture comes from');
    if (!workbenchUiAvailable) return;
    await vscode.commands.executeCommand('editor.action.showHover');
    const [size] = await inWorkbench([
      { action: 'waitImageLoaded', selector: '.monaco-hover img' },
      { action: 'screenshot', name: 'hover-thumbnail' },
      { action: 'press', key: 'Escape' },
    ]);
    assert.equal(size, '96×64', 'the thumbnail is the picture itself, not a broken image');
  });

  test('hover on an image that cannot be shown says why in words, without a broken image', async function () {
    skipUnless(this, Boolean((await serverCapabilities()).hoverProvider), 'the language server does not declare hover yet');
    const editor = await openFile('hover.labelbox.json');
    const missing = await hoverText(editor, '"https://media.example.test/missing.png"');
    assert.doesNotMatch(missing, /!\[/, `no image in the hover: ${missing}`);
    assert.match(missing, /No thumbnail: `media\/missing\.png` does not exist/, missing);
    if (workbenchUiAvailable) {
      await vscode.commands.executeCommand('editor.action.showHover');
      await screenshotWhenVisible('hover-no-thumbnail', '.monaco-hover', 'does not exist');
      await inWorkbench([{ action: 'press', key: 'Escape' }]);
    }
    const bucket = await hoverText(editor, '"gs://field-survey-gcs/plot-13.jpg"');
    assert.doesNotMatch(bucket, /!\[/, `no image in the hover: ${bucket}`);
    assert.match(bucket, /No thumbnail: gs:\/\/ URLs are read by Labelbox through a Google Cloud Storage integration/, bucket);
  });
});
