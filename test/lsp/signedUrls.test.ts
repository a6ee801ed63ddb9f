import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestLspClient } from '../support/lspClient';

/**
 * Signed URLs in the running server: the verdict is recomputed as time passes, without an
 * edit (a timer for the next moment it changes), and labelboxImport.signedUrls.expiringSoonHours
 * is honoured.
 */

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start();
});
after(() => client.stop());

/** X-Amz-Date's form: YYYYMMDDTHHMMSSZ. */
const amzDate = (time: number) =>
  new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function s3Row(signedAt: number, seconds: number): string {
  const url = `https://field-survey.s3.eu-west-1.amazonaws.com/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${amzDate(signedAt)}&X-Amz-Expires=${seconds}&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bb`;
  return `[\n  { "row_data": "${url}", "global_key": "a", "media_type": "IMAGE" }\n]`;
}

test('a URL that expires a few seconds after opening turns from "expiring soon" into a warning, with no edit', async () => {
  const uri = 'file:///work/signed/soon.labelbox.json';
  // Signed a second ago (X-Amz-Date has whole seconds) for 4 seconds: it expires 2 to 3 seconds from now.
  const signedAt = Math.floor(Date.now() / 1000) * 1000 - 1000;
  client.open(uri, s3Row(signedAt, 4));
  const first = await client.diagnosticsFor(uri);
  assert.deepEqual(
    first.map((d) => [d.code, d.severity]),
    [['signed-url-expiring-soon', 3]],
    JSON.stringify(first),
  );
  assert.equal(first[0].range.start.line, 1);
  assert.match(String(first[0].message), /expires on .* UTC, in less than a minute/);
  const publications = client.publications(uri);
  const later = await client.nextDiagnostics(uri, publications, 1, 15_000);
  assert.deepEqual(
    later.diagnostics.map((d) => [d.code, d.severity]),
    [['signed-url-expired', 2]],
    JSON.stringify(later.diagnostics),
  );
  assert.match(String(later.diagnostics[0].message), /expired on .* UTC, less than a minute ago/);
  assert.ok(Date.now() >= signedAt + 4000, 'published again only once the moment had passed');
});

test('labelboxImport.signedUrls.expiringSoonHours sets the window: 0 turns the note off, 2 reports a URL that expires within 2 hours', async () => {
  const signedAt = Math.floor(Date.now() / 1000) * 1000;
  const text = s3Row(signedAt, 3600);
  const settings = await TestLspClient.start({ settings: { signedUrls: { expiringSoonHours: 0 } } });
  try {
    const uri = 'file:///work/signed/off.labelbox.json';
    settings.open(uri, text);
    assert.deepEqual(await settings.diagnosticsFor(uri), []);
    settings.useSettings({ signedUrls: { expiringSoonHours: 2 } });
    const before = settings.publications(uri);
    void settings.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const published = await settings.nextDiagnostics(uri, before, 1, 10_000);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['signed-url-expiring-soon'],
    );
    assert.match(
      String(published.diagnostics[0].message),
      /in 59 minutes \(its X-Amz-Date \+ X-Amz-Expires; labelboxImport\.signedUrls\.expiringSoonHours is 2\)/,
    );
  } finally {
    await settings.stop();
  }
});

test('closing the file stops its timer: nothing is published for it afterwards', async () => {
  const uri = 'file:///work/signed/closed.labelbox.json';
  const signedAt = Math.floor(Date.now() / 1000) * 1000 - 1000;
  client.open(uri, s3Row(signedAt, 3));
  await client.diagnosticsFor(uri);
  client.close(uri);
  // The close clears the diagnostics (one more publication, empty); then nothing more, even after the expiry.
  await client.waitFor(() => (client.latestDiagnostics(uri)?.length === 0 ? true : undefined), 5_000, 'the cleared diagnostics');
  const count = client.publications(uri);
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  assert.equal(client.publications(uri), count);
});
