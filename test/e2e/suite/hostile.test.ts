import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openFile, ourDiagnostics, rangeOf, waitFor, waitForCodes, assertRange } from './helpers';
import { inWorkbench, workbenchUiAvailable } from './workbenchUi';

/**
 * Hostile input in the real VS Code: keys named after Object.prototype's members (a file with
 * a "constructor" key showed no problem at all, as VS Code refused diagnostics without a
 * message), and a language server that keeps stopping.
 */
suite('Hostile files in VS Code', () => {
  suiteSetup(activateExtension);

  test('a "constructor" key gets the same problems as any unknown key', async () => {
    const colour = await openFile('hostile/colour-key.labelbox.json');
    const expected = ['invalid-value', 's3-url', 'unknown-property'];
    await waitForCodes(colour.document.uri, expected);
    const { document } = await openFile('hostile/constructor-key.labelbox.json');
    const diagnostics = await waitForCodes(document.uri, expected);
    const unknown = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'unknown-property')!;
    assert.equal(unknown.message, 'Unknown property "constructor" in a data row.');
    assertRange(unknown.range, rangeOf(document, '"constructor"'), 'the "constructor" key');
  });

  test('keys and values named toString, __proto__, valueOf, hasOwnProperty are reported, each with a message', async () => {
    const { document } = await openFile('hostile/prototype-keys.labelbox.json');
    const diagnostics = await waitForCodes(document.uri, [
      'invalid-value',
      'invalid-value',
      'missing-asset',
      'unknown-property',
      'unknown-property',
      'unknown-property',
    ]);
    for (const key of ['"toString"', '"__proto__"', '"hasOwnProperty"']) {
      const found = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'unknown-property' && diagnostic.range.isEqual(rangeOf(document, key)));
      assert.ok(found, `no unknown-property on ${key}`);
    }
    for (const diagnostic of diagnostics) assert.doesNotMatch(diagnostic.message, /\[native code\]|function Object\(|\[object Object\]/);
  });

  test('a server that keeps stopping is started again 4 times, then left stopped with one message', async function () {
    if (process.platform !== 'linux') this.skip();
    const servers = () => serverProcesses();
    const { document } = await openFile('hostile/colour-key.labelbox.json');
    const checked = () => ourDiagnostics(document.uri).length === 3 || undefined;
    // Other tests stop the server too; the Restart command counts its stops afresh.
    const before = servers()[0];
    await vscode.commands.executeCommand('labelboxImport.restartServer');
    let current = await waitFor('the language server after the restart command', () => servers().find((pid) => pid !== before));
    await waitFor('the diagnostics of colour-key.labelbox.json', checked);
    for (let stop = 1; stop <= 5; stop++) {
      process.kill(current, 'SIGKILL');
      // The client drops the server's diagnostics when it stops; a server started again publishes them anew.
      await waitFor(`the diagnostics to be dropped after stop ${stop}`, () => ourDiagnostics(document.uri).length === 0 || undefined);
      if (stop === 5) break;
      const previous = current;
      current = await waitFor(`the language server started again after stop ${stop}`, () => servers().find((pid) => pid !== previous));
      await waitFor(`the diagnostics from the server started after stop ${stop}`, checked);
    }
    const message = 'The Labelbox import language server stopped 5 times within 3 minutes and was not started again.';
    if (workbenchUiAvailable) {
      await vscode.commands.executeCommand('notifications.showList');
      await inWorkbench([
        { action: 'waitVisible', selector: '.notifications-center', hasText: message },
        { action: 'screenshot', name: 'server-stopped' },
      ]);
      const [shown] = await inWorkbench([
        { action: 'count', selector: '.notifications-center .notification-list-item', hasText: 'Labelbox import language server' },
      ]);
      assert.equal(shown, 1, 'one message about the server');
      await vscode.commands.executeCommand('notifications.clearAll');
    }
    assert.deepEqual(servers(), [], 'a sixth server was started');
    // The user's way back: the command starts it again, and checking works.
    await vscode.commands.executeCommand('labelboxImport.restartServer');
    await waitFor('the language server after the restart command', () => servers()[0]);
    await waitFor('diagnostics after the restart', checked);
  });
});

/** Language server processes started by this extension host (Linux: read from /proc). */
function serverProcesses(): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (command.includes('dist/server.js')) found.push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}
