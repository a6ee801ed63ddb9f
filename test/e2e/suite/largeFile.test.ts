import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { generateImportFile } from '../../../bench/generateRows';
import { activateExtension, codeOf, describeRange, ourDiagnostics, waitFor, workspaceUri } from './helpers';
import { inWorkbench, workbenchUiAvailable } from './workbenchUi';

/** VS Code hands no text over 50 MB (in characters) to extensions. */
const SYNC_LIMIT = 50 * 1024 * 1024;

/** Line and character of the `occurrence`-th (0-based) `fragment` in `text`, as VS Code counts them. */
function positionOf(text: string, fragment: string, occurrence = 0): vscode.Position {
  let offset = -1;
  for (let index = 0; index <= occurrence; index++) {
    offset = text.indexOf(fragment, offset + 1);
    assert.notEqual(offset, -1, `${fragment} occurs ${occurrence + 1} times`);
  }
  let line = 0;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return new vscode.Position(line, offset - lineStart);
}

function tabOf(uri: vscode.Uri): vscode.Tab | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()) return tab;
  }
  return undefined;
}

suite('A file over 50 MB, which VS Code does not hand to extensions', () => {
  const uri = workspaceUri('huge.labelbox.json');
  suiteSetup(activateExtension);
  suiteTeardown(() => rmSync(uri.fsPath, { force: true }));

  test('is checked from disk: its problems show, follow changes on disk, and go when its editor closes', async function () {
    this.timeout(300_000);
    // Generated here, not committed: about 57 MB, one row in a hundred wrong.
    const file = generateImportFile(85_000, 16);
    assert.ok(file.text.length > SYNC_LIMIT, `the file has ${file.text.length} characters, more than VS Code hands over`);
    writeFileSync(uri.fsPath, file.text);
    const wrongMediaType = '"media_type": "image"';
    const expectedAt = positionOf(file.text, wrongMediaType);

    await vscode.commands.executeCommand('vscode.open', uri);
    await waitFor('the editor tab of huge.labelbox.json', () => tabOf(uri));
    const diagnostics = await waitFor(
      () => `problems of huge.labelbox.json (now ${ourDiagnostics(uri).length})`,
      () => (ourDiagnostics(uri).length > 0 ? ourDiagnostics(uri) : undefined),
      180_000,
    );
    // Never handed over: the problems come from the check from disk.
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), 'VS Code did not hand the document over');
    const wrongRows = new Set(file.errors.map((error) => error.row));
    assert.ok(diagnostics.length >= wrongRows.size, `${diagnostics.length} problems for ${wrongRows.size} wrong rows`);
    const mediaType = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'invalid-value' && diagnostic.range.start.line === expectedAt.line);
    assert.ok(mediaType, `the wrong media type on line ${expectedAt.line + 1} is reported`);
    assert.equal(describeRange(mediaType.range).split('-')[0], `${expectedAt.line}:${expectedAt.character + '"media_type": '.length}`);
    if (workbenchUiAvailable) {
      // VS Code gives such an editor no language status: a status bar item says it is checked from disk.
      // Its counts, not "Checking… 0% · from disk": the file, written just before it was opened,
      // may be checked a second time when the watcher reports that write.
      const [statusText] = await inWorkbench([
        { action: 'waitVisible', selector: '.statusbar-item', hasText: '85,000 rows' },
        { action: 'readText', selector: '.statusbar-item', hasText: '85,000 rows' },
        { action: 'screenshot', name: 'large-file' },
      ]).then((results) => results.slice(1));
      assert.match(String(statusText), /85,000 rows · [\d,]+ errors, [\d,]+ warnings, [\d,]+ infos · from disk/);

      // The preview shows rows the server reads from disk, and the gallery pages through them;
      // a tile opens the editor at its row (the cursor itself cannot be followed without a document).
      await vscode.commands.executeCommand('labelboxImport.openPreviewToSide', uri);
      const [, rowText] = await inWorkbench([
        { action: 'waitVisible', inWebview: true, selector: '[data-testid="row-title"]', hasText: 'Row 1 of 85,000' },
        { action: 'readText', inWebview: true, selector: '[data-testid="row-view"]' },
        { action: 'click', inWebview: true, selector: '[data-testid="tab-gallery"]' },
        { action: 'waitVisible', inWebview: true, selector: '[data-testid="gallery-tile"][data-index="1"]' },
        { action: 'readText', inWebview: true, selector: '[data-testid="gallery-count"]' },
        { action: 'screenshot', name: 'large-file-gallery' },
        { action: 'click', inWebview: true, selector: '[data-testid="gallery-tile"][data-index="1"]' },
      ]);
      assert.match(String(rowText), /IMG_000000\.jpg/, `the first row is shown: ${rowText}`);
      // The editor moved to the second row's opening brace (VS Code's status bar shows where the cursor is).
      const secondRow = positionOf(file.text, '\n  {', 1).translate(1, 0);
      await inWorkbench([
        { action: 'waitVisible', selector: '.statusbar-item', hasText: `Ln ${secondRow.line + 1}, Col 3` },
        { action: 'click', inWebview: true, selector: '[data-testid="tab-row"]' },
        { action: 'waitVisible', inWebview: true, selector: '[data-testid="row-title"]', hasText: 'Row 2 of 85,000' },
      ]);
    }

    // A change on disk (as a save writes it) is checked again: the first wrong media type is mended.
    const before = diagnostics.length;
    writeFileSync(uri.fsPath, file.text.replace(wrongMediaType, '"media_type": "IMAGE"'));
    await waitFor(
      () => `one problem fewer after the change on disk (${before} before, now ${ourDiagnostics(uri).length})`,
      () => ourDiagnostics(uri).length === before - 1 && !ourDiagnostics(uri).some((diagnostic) => diagnostic.range.start.line === expectedAt.line),
      180_000,
    );

    // Closing the editor clears them.
    const tab = tabOf(uri);
    assert.ok(tab, 'the tab is still open');
    await vscode.window.tabGroups.close(tab);
    await waitFor(
      () => `no problems once the editor closed (now ${ourDiagnostics(uri).length})`,
      () => ourDiagnostics(uri).length === 0,
      30_000,
    );
  });
});
