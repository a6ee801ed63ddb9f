import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { FakeLabelboxApi } from '../../support/fakeLabelboxApi';
import { activateExtension, codeOf, openFile, ourDiagnostics, rangeOf, waitFor, waitForCodes, assertRange } from './helpers';
import { skipUnless } from './skip';
import { inWorkbench, workbenchUiAvailable } from './workbenchUi';

/**
 * "Labelbox: Check Global Keys Against Labelbox" in the real VS Code, against a local server
 * that answers as Labelbox's API does (test/support/fakeLabelboxApi.ts), started here in the
 * extension host; labelboxImport.apiEndpoint points at it. The API key is typed into VS Code's
 * input box in the browser, kept in SecretStorage and used again by the next run. The harness
 * turns workspace trust off, so the untrusted case is tested in test/unit/checkGlobalKeys.test.ts.
 */

const COMMAND = 'labelboxImport.checkGlobalKeysAgainstLabelbox';
const API_KEY = 'lb-e2e-key-0123456789';
const NEW_API_KEY = 'lb-e2e-key-rotated-9876';
const FILE = 'global-keys.labelbox.json';

suite('Check Global Keys Against Labelbox in VS Code', () => {
  let api: FakeLabelboxApi;
  const settings = () => vscode.workspace.getConfiguration('labelboxImport');

  suiteSetup(async () => {
    await activateExtension();
    api = await FakeLabelboxApi.start({ apiKey: API_KEY, existing: new Map([['e2e/bee.jpg', 'clxe2e0000000bee000000001']]), pendingPolls: 1 });
    await settings().update('apiEndpoint', api.endpoint, vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await settings().update('apiEndpoint', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('labelboxImport.forgetApiKey');
    await vscode.commands.executeCommand('notifications.clearAll');
    await api?.close();
  });

  test('asks for the API key, asks Labelbox about the keys, and shows each key it has at its row; the next run uses the stored key; a revoked key is replaced', async function () {
    skipUnless(this, workbenchUiAvailable, 'the API key is typed into the input box through the launcher, which drives the browser');
    this.timeout(120_000);
    const { document } = await openFile(FILE);
    await waitForCodes(document.uri, []);

    // Not awaited: the command waits for the input box, and then for its closing notification.
    void vscode.commands.executeCommand(COMMAND);
    await inWorkbench([
      { action: 'waitVisible', selector: '.quick-input-widget', hasText: 'Labelbox API key' },
      { action: 'type', text: API_KEY },
      { action: 'press', key: 'Enter' },
    ]);
    const [found] = await waitForCodes(document.uri, ['global-key-exists-in-labelbox']);
    assertRange(found.range, rangeOf(document, '"e2e/bee.jpg"'), 'the finding');
    assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
    assert.match(
      found.message,
      /^Labelbox already has a data row with the global key "e2e\/bee\.jpg" \(data row clxe2e0000000bee000000001; checked \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/,
    );
    // The SDK's two queries: the job with the file's keys, then its polls (PENDING, COMPLETE), each with the key typed.
    assert.deepEqual(
      api.received.map((query) => query.field),
      ['dataRowsForGlobalKeys', 'dataRowsForGlobalKeysResult', 'dataRowsForGlobalKeysResult'],
    );
    assert.deepEqual(api.received[0].variables, { globalKeys: ['e2e/ant.jpg', 'e2e/bee.jpg', 'e2e/cat.jpg'] });
    assert.ok(api.received.every((query) => query.authorization === `Bearer ${API_KEY}`));
    const summary = await inWorkbench([
      { action: 'readText', selector: '.notifications-toasts .notification-list-item-message', hasText: 'already exists in Labelbox' },
      { action: 'screenshot', name: 'global-keys-against-labelbox' },
    ]);
    assert.equal(summary[0], `1 of 3 global keys of ${FILE} already exists in Labelbox (each is an error at its rows).`);
    await vscode.commands.executeCommand('notifications.clearAll');

    // Labelbox now has ant and not bee: the second run replaces the first one's findings, with the stored key (no prompt).
    api.reset();
    api.existing = new Map([['e2e/ant.jpg', 'clxe2e0000000ant000000001']]);
    void vscode.commands.executeCommand(COMMAND);
    await waitFor(
      'the finding to move to the row of e2e/ant.jpg',
      () => {
        const [only, ...more] = ourDiagnostics(document.uri);
        return only && !more.length && codeOf(only) === 'global-key-exists-in-labelbox' && only.range.isEqual(rangeOf(document, '"e2e/ant.jpg"'));
      },
      60_000,
    );
    assert.ok(api.received.length >= 2 && api.received.every((query) => query.authorization === `Bearer ${API_KEY}`), 'the stored key was sent');
    await vscode.commands.executeCommand('notifications.clearAll');

    // The stored key is revoked in Labelbox: the command says so and offers to enter another, which then works.
    api.reset();
    api.apiKey = NEW_API_KEY;
    api.existing = new Map([['e2e/cat.jpg', 'clxe2e0000000cat000000001']]);
    void vscode.commands.executeCommand(COMMAND);
    await inWorkbench([
      { action: 'click', selector: '.notifications-toasts .monaco-button', hasText: 'Enter Another Key' },
      { action: 'waitVisible', selector: '.quick-input-widget', hasText: 'Labelbox API key' },
      { action: 'type', text: NEW_API_KEY },
      { action: 'press', key: 'Enter' },
    ]);
    await waitFor(
      'the finding to move to the row of e2e/cat.jpg',
      () => {
        const [only, ...more] = ourDiagnostics(document.uri);
        return only && !more.length && only.range.isEqual(rangeOf(document, '"e2e/cat.jpg"'));
      },
      60_000,
    );
    assert.equal(api.received[0].authorization, `Bearer ${API_KEY}`, 'the stored key was tried first');
    assert.ok(
      api.received.slice(1).every((query) => query.authorization === `Bearer ${NEW_API_KEY}`),
      'then only the new key',
    );
  });
});
