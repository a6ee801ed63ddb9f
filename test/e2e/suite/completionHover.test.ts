import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, openFile, rangeOf } from './helpers';
import { serverCapabilities } from './serverCapabilities';
import { skipUnless } from './skip';
import { screenshotWhenVisible } from './workbenchUi';

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
    const documentation = typeof rowData.documentation === 'string' ? rowData.documentation : rowData.documentation?.value ?? '';
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
});
