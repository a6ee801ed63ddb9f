/**
 * "Labelbox: Check Asset Access" between the client's flow (client/assetAccess/checkAccessFlow.ts,
 * run here with the workspace trust given) and the bundled server over stdio: the server lists
 * the file's URLs, the flow requests them from local HTTPS servers (test/support/assetServers.ts)
 * and sends the results back, and the server publishes them as problems, marks the gallery's
 * tiles and keeps them for the next check.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestLspClient } from '../support/lspClient';
import { startAssetServers, type AssetServers } from '../support/assetServers';
import { runAccessCheck, UNTRUSTED_MESSAGE, type AccessCheckHost } from '../../client/assetAccess/checkAccessFlow';
import type { AssetUrlsResult, GalleryResult } from '../../common/protocol';
import type { AccessResult } from '../../common/assetAccess';

let client: TestLspClient;
let servers: AssetServers;

before(async () => {
  [client, servers] = await Promise.all([TestLspClient.start(), startAssetServers()]);
});
after(async () => {
  await client.stop();
  await servers.close();
});

const SETTINGS = { concurrency: 8, perHost: 2, timeoutSeconds: 5, cacheMinutes: 30, origins: [], allowPrivateAddresses: true };

function hostFor(uri: string, extra: Partial<AccessCheckHost> = {}): AccessCheckHost & { sent: AccessResult[]; asked: number } {
  const host = {
    isTrusted: true,
    settings: SETTINGS,
    ca: servers.ca,
    sent: [] as AccessResult[],
    asked: 0,
    requestUrls: () => {
      host.asked++;
      return client.request<AssetUrlsResult | null>('labelboxImport/assetUrls', { uri });
    },
    sendResults: (results: AccessResult[], keepMinutes: number) => {
      host.sent.push(...results);
      void client.connection.sendNotification('labelboxImport/assetAccessResults', { results, keepMinutes });
    },
    withProgress: <T>(work: (report: (message: string) => void, signal: AbortSignal) => Promise<T>) => work(() => undefined, new AbortController().signal),
    ...extra,
  };
  return host;
}

function codesAt(diagnostics: Diagnostic[], code: string): number[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code).map((diagnostic) => diagnostic.range.start.line);
}

test('the check end to end: URLs listed, requested, and the failures published at every use; the gallery marks the tile; a second check reuses the results', async () => {
  const [a, b] = servers.servers;
  const uri = 'file:///work/access.labelbox.json';
  const text = `[
  { "row_data": "${a.base}/ok.png", "global_key": "ok", "media_type": "IMAGE" },
  { "row_data": "${a.base}/missing", "global_key": "missing", "media_type": "IMAGE" },
  { "row_data": "${b.base}/page", "global_key": "page", "media_type": "IMAGE",
    "attachments": [{ "type": "IMAGE", "value": "${a.base}/missing" }] },
  { "row_data": "gs://bucket/x.jpg", "global_key": "gs", "media_type": "IMAGE" }
]`;
  client.open(uri, text);
  await client.diagnosticsFor(uri);
  const listed = await client.request<AssetUrlsResult>('labelboxImport/assetUrls', { uri });
  assert.deepEqual(
    listed.urls.map((entry) => [entry.url.replace(/^https:\/\/[^/]+/, ''), entry.expect, entry.rows]),
    [
      ['/ok.png', 'image', [0]],
      ['/missing', 'image', [1, 2]],
      ['/page', 'image', [2]],
    ],
  );
  assert.deepEqual(
    listed.notCheckable.map((entry) => [entry.url, entry.rows]),
    [['gs://bucket/x.jpg', [3]]],
  );

  servers.reset();
  const host = hostFor(uri);
  const before = client.publications(uri);
  const outcome = await runAccessCheck(host);
  assert.ok(outcome.kind === 'done');
  assert.equal(outcome.checked, 3);
  assert.equal(outcome.failed, 2);
  assert.equal(outcome.notCheckable, 1);
  assert.match(outcome.message, /^Checked 3 URLs; 2 failed: see the problems; 1 cannot be checked from here\.$/);
  assert.equal(servers.allRequests().length, 3);
  const published = await client.waitFor(
    () => {
      const latest = client.publications(uri) > before ? client.latestDiagnostics(uri) : undefined;
      return latest && latest.some((diagnostic) => diagnostic.code === 'asset-content-type') ? latest : undefined;
    },
    10_000,
    'the access problems',
  );
  assert.deepEqual(codesAt(published, 'asset-not-found'), [2, 4]);
  assert.deepEqual(codesAt(published, 'asset-content-type'), [3]);

  const gallery = await client.request<GalleryResult>('labelboxImport/gallery', { uri, from: 0, count: 10 });
  assert.deepEqual(
    gallery.tiles.map((tile) => tile.assetProblem?.code),
    [undefined, 'asset-not-found', 'asset-content-type', undefined],
  );

  // A second check: the kept results are reused, nothing is requested again.
  servers.reset();
  const again = await runAccessCheck(hostFor(uri));
  assert.ok(again.kind === 'done' && again.reused === 3 && again.failed === 2, JSON.stringify(again));
  assert.equal(servers.allRequests().length, 0);

  // The row goes: so does its problem (the URL stays failed at its other use).
  const lines = text.split('\n');
  const removed = [lines[0], lines[1], lines[3], lines[4], lines[5], lines[6]].join('\n');
  client.change(uri, [{ text: removed }]);
  const after = await client.diagnosticsFor(uri);
  assert.deepEqual(codesAt(after, 'asset-not-found'), [3]);
});

test('in an untrusted workspace the command explains it is off, asks the server nothing and requests nothing', async () => {
  const uri = 'file:///work/untrusted.labelbox.json';
  client.open(uri, `[{ "row_data": "${servers.servers[0].base}/ok.png", "global_key": "u" }]`);
  await client.diagnosticsFor(uri);
  servers.reset();
  const host = hostFor(uri, { isTrusted: false });
  const outcome = await runAccessCheck(host);
  assert.deepEqual(outcome, { kind: 'untrusted', message: UNTRUSTED_MESSAGE });
  assert.equal(host.asked, 0);
  assert.equal(servers.allRequests().length, 0);
});

test('results with an unknown reason or a URL too long are dropped; the server stays up', async () => {
  const uri = 'file:///work/hostile.labelbox.json';
  client.open(uri, '[{ "row_data": "https://cdn.example.com/x.png", "global_key": "h" }]');
  await client.diagnosticsFor(uri);
  const before = client.publications(uri);
  await client.connection.sendNotification('labelboxImport/assetAccessResults', {
    results: [
      { url: 'https://cdn.example.com/x.png', checkedAt: Date.now(), verdict: { ok: false, reason: 'constructor', detail: 'x' } },
      { url: `https://cdn.example.com/${'a'.repeat(9000)}`, checkedAt: Date.now(), verdict: { ok: false, reason: 'not-found', detail: 'x' } },
    ],
    keepMinutes: 5,
  });
  await client.connection.sendNotification('labelboxImport/assetAccessResults', { results: 'no', keepMinutes: 5 });
  const listed = await client.request<AssetUrlsResult>('labelboxImport/assetUrls', { uri });
  assert.equal(listed.known.length, 0);
  assert.equal(client.publications(uri), before);
  assert.equal(client.exitCode, undefined);
});
