import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { GlobalKeysResult, LabelboxKeyResultsParams } from '../../common/protocol';
import { TestLspClient } from '../support/lspClient';

/**
 * The server's part of "Check Global Keys Against Labelbox": it lists a file's global keys,
 * and reports the keys Labelbox has (sent back by the client) at their rows until the command
 * runs again, the key changes or the file is closed.
 */

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(() => client.stop());

const TEXT = `[
  { "row_data": "https://example.com/a.jpg", "global_key": "survey/a.jpg" },
  { "row_data": "https://example.com/b.jpg", "global_key": "survey/b.jpg" },
  { "row_data": "https://example.com/c.jpg", "global_key": "survey/c.jpg" },
  { "row_data": "https://example.com/d.jpg", "global_key": "Survey/A.jpg" },
  { "row_data": "https://example.com/e.jpg" }
]`;
const CHECKED_AT = '2026-12-05T14:02:00.000Z';

/** [line, severity] of each global-key-exists-in-labelbox problem; severity 1 is error, 2 warning. */
const found = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'global-key-exists-in-labelbox').map((d) => [d.range.start.line, d.severity]);

async function foundWhen(uri: string, expected: unknown[][]): Promise<void> {
  await client.waitFor(
    () => {
      const latest = client.latestDiagnostics(uri);
      return latest && JSON.stringify(found(latest)) === JSON.stringify(expected) ? true : undefined;
    },
    5000,
    `global-key-exists-in-labelbox at ${JSON.stringify(expected)} (last: ${JSON.stringify(found(client.latestDiagnostics(uri) ?? []))})`,
  );
}

function sendResults(params: LabelboxKeyResultsParams): void {
  void client.connection.sendNotification('labelboxImport/labelboxGlobalKeyResults', params);
}

test("lists the file's global keys, each spelling once, in row order", async () => {
  const uri = 'file:///work/keys/list.labelbox.json';
  client.open(uri, TEXT);
  const keys = await client.request<GlobalKeysResult | null>('labelboxImport/globalKeys', { uri });
  assert.deepEqual(keys, { keys: ['survey/a.jpg', 'survey/b.jpg', 'survey/c.jpg', 'Survey/A.jpg'], total: 4 });
  const other = 'file:///work/keys/package.json';
  client.open(other, '{ "name": "x" }');
  assert.equal(await client.request('labelboxImport/globalKeys', { uri: other }), null);
});

test('the keys Labelbox has are reported at their rows; a new run replaces them; an edited key loses its finding', async () => {
  const uri = 'file:///work/keys/found.labelbox.json';
  client.open(uri, TEXT);
  await client.diagnosticsFor(uri);
  sendResults({ uri, checkedAt: CHECKED_AT, replace: true, results: [] });
  sendResults({ uri, checkedAt: CHECKED_AT, results: [{ key: 'survey/a.jpg', state: 'exists', dataRowId: 'clx0000000001dr0000000001' }] });
  sendResults({ uri, checkedAt: CHECKED_AT, results: [{ key: 'survey/c.jpg', state: 'access-denied' }] });
  // Both spellings of survey/a.jpg (rows 1 and 4) are errors; survey/c.jpg is a warning.
  await foundWhen(uri, [
    [1, 1],
    [3, 2],
    [4, 1],
  ]);
  const message = client.latestDiagnostics(uri)!.find((d) => d.code === 'global-key-exists-in-labelbox')!.message;
  assert.match(
    String(message),
    /^Labelbox already has a data row with the global key "survey\/a\.jpg" \(data row clx0000000001dr0000000001; checked 2026-12-05 14:02 UTC\)/,
  );

  // The row on line 4 gets another key: its finding goes, the others stay.
  const line = TEXT.split('\n')[4];
  const character = line.indexOf('Survey/A.jpg');
  client.change(uri, [{ range: { start: { line: 4, character }, end: { line: 4, character: character + 'Survey/A'.length } }, text: 'survey/z' }]);
  await foundWhen(uri, [
    [1, 1],
    [3, 2],
  ]);

  // The command runs again and Labelbox now has only survey/b.jpg.
  sendResults({ uri, checkedAt: CHECKED_AT, replace: true, results: [{ key: 'survey/b.jpg', state: 'exists' }] });
  await foundWhen(uri, [[2, 1]]);
});

test('closing the file drops the findings; messages of the wrong shape are dropped without harm', async () => {
  const uri = 'file:///work/keys/closed.labelbox.json';
  client.open(uri, TEXT);
  await client.diagnosticsFor(uri);
  sendResults({ uri, checkedAt: CHECKED_AT, replace: true, results: [{ key: 'survey/b.jpg', state: 'exists' }] });
  await foundWhen(uri, [[2, 1]]);
  client.close(uri);
  client.open(uri, TEXT);
  await foundWhen(uri, []);

  void client.connection.sendNotification('labelboxImport/labelboxGlobalKeyResults', {
    uri,
    checkedAt: CHECKED_AT,
    results: [{ key: 'survey/b.jpg', state: 'maybe' }],
  });
  void client.connection.sendNotification('labelboxImport/labelboxGlobalKeyResults', {
    uri,
    checkedAt: CHECKED_AT,
    results: Array.from({ length: 5001 }, () => ({ key: 'survey/b.jpg', state: 'exists' })),
  });
  await assert.rejects(client.request('labelboxImport/globalKeys', { uri: 42 }), /params\.uri is not a string/);
  const keys = await client.request<GlobalKeysResult>('labelboxImport/globalKeys', { uri });
  assert.equal(keys.total, 4);
  assert.deepEqual(found(client.latestDiagnostics(uri)!), []);
  // Results for a file that is not open are not kept.
  sendResults({ uri: 'file:///work/keys/never-opened.labelbox.json', checkedAt: CHECKED_AT, results: [{ key: 'x', state: 'exists' }] });
  assert.equal(client.exitCode, undefined);
});
