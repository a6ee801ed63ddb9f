import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import { activateExtension, openFile, ourDiagnostics, waitForCodes, workspaceUri } from './helpers';
import { skipUnless } from './skip';
import { inWorkbench, workbenchUiAvailable } from './workbenchUi';

/** The language status entry of the status bar: VS Code gathers every language status item of the editor in it. */
const STATUS_ENTRY = '[id="status.languageStatus"]';

suite('Language status in VS Code', () => {
  suiteSetup(activateExtension);

  test('the language status counts information too, and its accessible label is words', async function () {
    skipUnless(this, workbenchUiAvailable, 'no browser drives the workbench here (only the code-server launcher does)');
    const { document } = await openFile('status.labelbox.json');
    await waitForCodes(document.uri, ['missing-global-key', 'missing-global-key']);
    const [label] = await inWorkbench([{ action: 'waitAttribute', selector: STATUS_ENTRY, name: 'aria-label', contains: '2 rows' }]);
    // The entry reads every extension's item of the editor: "Editor Language Status: ours, next: another's…".
    const ours =
      String(label)
        .split(', next: ')
        .find((part) => part.includes('2 rows')) ?? '';
    assert.doesNotMatch(ours, /\$\(/, `no icon codes in the accessible label: ${label}`);
    assert.match(ours, /Labelbox import file: 2 rows, 0 errors, 0 warnings, 2 information messages, checked in/, String(label));

    const [, shown] = await inWorkbench([
      { action: 'click', selector: STATUS_ENTRY },
      { action: 'readText', selector: '.hover-language-status', hasText: 'rows' },
      { action: 'screenshot', name: 'language-status' },
      { action: 'press', key: 'Escape' },
    ]);
    assert.match(String(shown), /2 rows · 0 errors, 0 warnings, 2 infos/, String(shown));
  });

  test('a file of more elements than are checked says "Not checked" and why, and shows no problems', async function () {
    skipUnless(this, workbenchUiAvailable, 'no browser drives the workbench here (only the code-server launcher does)');
    this.timeout(120_000);
    // Generated here, not committed: 2 MB of one element more than the extension checks.
    const name = 'tiny-elements.labelbox.json';
    writeFileSync(workspaceUri(name).fsPath, `[${'1,'.repeat(1_000_000)}1]`);
    const { document } = await openFile(name);
    const [label] = await inWorkbench([{ action: 'waitAttribute', selector: STATUS_ENTRY, name: 'aria-label', contains: 'not checked' }]);
    assert.match(String(label), /Labelbox import file: not checked, its array has more than 1,000,000 elements/, String(label));
    const [, shown] = await inWorkbench([
      { action: 'click', selector: STATUS_ENTRY },
      { action: 'readText', selector: '.hover-language-status', hasText: 'Not checked' },
      { action: 'screenshot', name: 'not-checked-too-many-elements' },
      { action: 'press', key: 'Escape' },
    ]);
    assert.match(String(shown), /split the file/, String(shown));
    assert.deepEqual(ourDiagnostics(document.uri), []);
  });

  suiteTeardown(() => rmSync(workspaceUri('tiny-elements.labelbox.json').fsPath, { force: true }));
});
