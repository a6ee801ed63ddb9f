import * as assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { IMPORT_LANGUAGE, activateExtension, assertRange, codeOf, openFile, ourDiagnostics, rangeOf, setText, waitFor, waitForCodes } from './helpers';
import { screenshotWhenVisible } from './workbenchUi';

suite('Diagnostics in VS Code', () => {
  suiteSetup(activateExtension);

  test('an import file by name gets its problems at the exact ranges, with codes and links', async () => {
    const { document } = await openFile('rows.labelbox.json');
    assert.equal(document.languageId, IMPORT_LANGUAGE);
    const diagnostics = await waitForCodes(document.uri, ['invalid-value', 'missing-asset', 'unknown-property']);
    const byCode = new Map(diagnostics.map((diagnostic) => [codeOf(diagnostic), diagnostic]));

    const unknown = byCode.get('unknown-property')!;
    assertRange(unknown.range, rangeOf(document, '"rowData"'), 'the unknown key');
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.match(unknown.message, /Unknown property "rowData".*Did you mean "row_data"\?/);
    const code = unknown.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.scheme, 'https');
    assert.equal(code.target.authority, 'docs.labelbox.com');

    // The row without an asset is marked at its opening brace.
    const missing = byCode.get('missing-asset')!;
    const rowStart = rangeOf(document, '{ "global_key": "emu-1"').start;
    assertRange(missing.range, new vscode.Range(rowStart, rowStart.translate(0, 1)), 'the row without row_data');

    const invalid = byCode.get('invalid-value')!;
    assertRange(invalid.range, rangeOf(document, '"IMG"'), 'the wrong media type');
    assert.match(invalid.message, /Unknown media type "IMG"\. Did you mean "IMAGE"\?/);

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshotWhenVisible('problems-panel', '.markers-panel .monaco-list-row', 'rowData');
  });

  test('a JSON file under a labelbox/ folder is checked and switched to the import language', async () => {
    const { document } = await openFile('labelbox/batch.json');
    const [s3] = await waitForCodes(document.uri, ['s3-url']);
    assertRange(s3.range, rangeOf(document, '"s3://my-bucket/images/fox.jpg"'), 'the s3:// URL');
    assert.match(s3.message, /https:\/\/my-bucket\.s3\.<region>\.amazonaws\.com\/images\/fox\.jpg/);
    await waitFor(`the language of batch.json to become ${IMPORT_LANGUAGE}`, () => document.languageId === IMPORT_LANGUAGE || undefined);
  });

  test('a plain JSON file whose content looks like an import file is detected', async () => {
    const { document } = await openFile('exports/detected.json');
    const diagnostics = await waitForCodes(document.uri, ['duplicate-global-key', 'duplicate-global-key']);
    const ranges = diagnostics.map((diagnostic) => diagnostic.range).sort((a, b) => a.start.line - b.start.line);
    assertRange(ranges[0], rangeOf(document, '"owl-1"', 0), 'the first duplicate key');
    assertRange(ranges[1], rangeOf(document, '"owl-1"', 1), 'the second duplicate key');
    // Language ids are looked up afresh: VS Code replaces the document object when the language changes.
    await waitFor(
      'detected.json to switch to the import language',
      () => vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === document.uri.toString())?.languageId === IMPORT_LANGUAGE || undefined,
    );
  });

  test('a JSON file that is not an import file gets no diagnostics from us, until asked to check it', async () => {
    const editor = await openFile('config/app-config.json');
    const uri = editor.document.uri;
    assert.equal(editor.document.languageId, 'json');
    // The server handles documents in the order they are opened: once a file opened after this
    // one has its diagnostics, this one has been looked at too.
    const probe = (await openFile('probe.labelbox.json')).document;
    await waitForCodes(probe.uri, ['invalid-value']);
    assert.deepEqual(ourDiagnostics(uri), []);
    assert.equal(vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString())?.languageId, 'json');

    // The same content checked as an import file has problems: the silence above is a decision.
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('labelboxImport.checkAsImportFile');
    const problems = await waitFor('diagnostics after "Check This File as an Import File"', () => {
      const found = ourDiagnostics(uri);
      return found.length > 0 ? found : undefined;
    });
    assert.ok(
      problems.some((diagnostic) => codeOf(diagnostic) === 'root-not-array'),
      problems.map(codeOf).join(', '),
    );
  });

  test('editing a row updates its diagnostics, and fixing it clears them', async () => {
    const editor = await openFile('edit.labelbox.json');
    const { document } = editor;
    await waitFor('edit.labelbox.json to be an import file', () => document.languageId === IMPORT_LANGUAGE || undefined);
    assert.deepEqual(ourDiagnostics(document.uri).map(codeOf), []);

    const image = rangeOf(document, 'IMAGE');
    assert.ok(await editor.edit((edit) => edit.replace(image, 'IMG')));
    const [invalid] = await waitForCodes(document.uri, ['invalid-value']);
    assertRange(invalid.range, rangeOf(document, '"IMG"'), 'the edited media type');

    assert.ok(await editor.edit((edit) => edit.replace(rangeOf(document, 'IMG'), 'IMAGE')));
    await waitForCodes(document.uri, []);
  });

  test('the commands are registered, and the server comes back after a restart', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['labelboxImport.checkAsImportFile', 'labelboxImport.restartServer', 'labelboxImport.showOutput']) {
      assert.ok(commands.includes(command), `${command} is registered`);
    }
    await vscode.commands.executeCommand('labelboxImport.showOutput');
    await vscode.commands.executeCommand('labelboxImport.restartServer');

    const editor = await openFile('edit.labelbox.json');
    assert.ok(await editor.edit((edit) => edit.replace(rangeOf(editor.document, '"elk-1"'), '42')));
    const [wrongType] = await waitForCodes(editor.document.uri, ['invalid-type']);
    assertRange(wrongType.range, rangeOf(editor.document, '42'), 'the number given as a global key');
  });

  test('the client starts the server again when it crashes', async () => {
    const editor = await openFile('edit.labelbox.json');
    await waitFor('edit.labelbox.json to be an import file', () => editor.document.languageId === IMPORT_LANGUAGE || undefined);
    // The server is a child process of this extension host: kill it as a crash would.
    const serverPid = () =>
      execSync(`ps -o pid=,args= --ppid ${process.pid}`, { encoding: 'utf8' })
        .split('\n')
        .find((line) => /labelbox-import[^ ]*\/dist\/server\.js/.test(line) || line.includes('dist/server.js'))
        ?.trim()
        .split(/\s+/)[0];
    const crashed = await waitFor('the language server process', () => serverPid());
    process.kill(Number(crashed), 'SIGKILL');
    const restarted = await waitFor('a new language server process', () => {
      const pid = serverPid();
      return pid && pid !== crashed ? pid : undefined;
    });
    assert.notEqual(restarted, crashed);
    // The new server checks the document, and follows its edits.
    await setText(editor.document, '[\n  { "row_data": "https://storage.example.com/images/elk.jpg", "global_key": "elk-1", "media_type": "IMAGE" }\n]\n');
    await waitForCodes(editor.document.uri, []);
    assert.ok(await editor.edit((edit) => edit.replace(rangeOf(editor.document, '"IMAGE"'), '"VIDEO"')));
    await waitForCodes(editor.document.uri, ['media-type-extension']);
  });
});
