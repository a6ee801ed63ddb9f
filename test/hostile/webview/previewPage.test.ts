/**
 * The preview page in real Chromium against hostile rows: a PDF address that answers with an
 * HTML page, media types and attachment types named after Object.prototype's members, and a
 * few hundred rows of the hostile documents, each as the extension would send it. The page
 * renders each, runs no script of the rows, and reports no error. Needs `npm run build`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext, ImportDocument } from '../../../service';
import { rowDetails } from '../../../service/features/rows';
import { addressesOf, describeRow } from '../../../common/preview/rowModel';
import { clipText, MAX_MEDIA_TYPE, type HostMessage, type PreviewRow, type Resource } from '../../../common/preview/messages';
import { resolveAddress } from '../../../common/node/urlResolver';
import { Random } from '../../../bench/random';
import { PreviewHarness, type PreviewPage } from '../../webview/harness';
import { rowMessage, served } from '../../webview/rows';
import { hostileDocument, PROTOTYPE_NAMES, unreadable } from '../hostileDocuments';

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_917) + 7;
const ROWS = Number(process.env.FUZZ_PREVIEW_ROWS ?? 200);
/** A generous guard per row (rendering takes milliseconds). */
const BOUND_MS = 5000;

const harness = new PreviewHarness();
before(() => harness.start());
after(() => harness.stop());

const INIT = { type: 'init', uri: 'file:///work/hostile.labelbox.json', fileName: 'hostile.labelbox.json', allowScripts: false, locked: false } as const;

/** Sends a message as JSON, parsed in the page: a "__proto__" key arrives as a key, as from VS Code. */
async function sendJson(preview: PreviewPage, message: HostMessage): Promise<void> {
  await preview.page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message));
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

test('a PDF whose address answers with an HTML page: the page never loads the address, nothing of it runs', async () => {
  const pdf = 'https://media.example-lab.org/docs/lease.pdf';
  harness.beacons.length = 0;
  const preview = await harness.open();
  await preview.send(INIT);
  // The address serves an HTML page with a script (test/webview/testMedia.ts HTML_PAGE).
  await preview.send(
    rowMessage(
      1,
      { row_data: { pdf_url: pdf }, media_type: 'PDF', attachments: [{ type: 'PDF_URL', value: pdf }] },
      { mediaType: 'PDF', resources: { [pdf]: served(harness.origin, '/media/page.html') } },
    ),
  );
  await preview.page.getByTestId('pdf-note').first().waitFor();
  await new Promise((done) => setTimeout(done, 1500));
  assert.deepEqual(harness.beacons, [], 'the HTML page answering the PDF address was loaded');
  const frames = await preview.page.evaluate(() => [...document.querySelectorAll('object, iframe, embed')].map((element) => element.outerHTML));
  assert.deepEqual(frames, []);
  assert.deepEqual(harness.beacons, []);
  assert.deepEqual(preview.errors, []);
  await preview.close();
});

test('media types, attachment types and schema ids named after Object.prototype members', async () => {
  const preview = await harness.open();
  await preview.send(INIT);
  let seq = 0;
  for (const name of PROTOTYPE_NAMES) {
    const value = JSON.parse(
      JSON.stringify({
        row_data: 'https://x.example.com/a.jpg',
        global_key: name,
        media_type: name,
        attachments: [
          { type: name, value: 'https://x.example.com/b.jpg' },
          { type: 'IMAGE', value: name },
        ],
        metadata_fields: [{ schema_id: name, value: name }],
      }).replace('"global_key"', `"${name}": 1, "global_key"`),
    );
    await sendJson(preview, rowMessage(++seq, value, { mediaType: name, metadataNames: JSON.parse(`{"${name}": "named"}`) }));
    await waitFor(async () => (await preview.page.getByTestId('row-view').getAttribute('data-seq')) === String(seq), `row ${name}`);
    // An unknown media type on a URL that is plainly an image: the image, with the problem named above it.
    assert.equal(await preview.page.getByTestId('asset').getAttribute('data-kind'), 'image', name);
    const text = (await preview.page.getByTestId('row-view').textContent()) ?? '';
    assert.match(text, new RegExp(`Unknown attachment type ${name.replace(/[$_]/g, '\\$&')}\\.`), name);
    assert.doesNotMatch(text, /\[native code\]|function Object\(/, name);
  }
  // The gallery with tiles of such media types.
  await preview.page.getByTestId('tab-gallery').click();
  await sendJson(preview, {
    type: 'galleryPage',
    requestId: 1,
    from: 0,
    total: PROTOTYPE_NAMES.length,
    rowCount: PROTOTYPE_NAMES.length,
    tiles: PROTOTYPE_NAMES.map((name, index) => ({ index, line: index + 1, globalKey: name, mediaType: name, errors: 1, warnings: 0 })),
  });
  await new Promise((done) => setTimeout(done, 500));
  assert.deepEqual(preview.errors, []);
  await preview.close();
});

/** What the extension sends for row `index` of a document (previewPanel.sendRow and postRow, with addresses served by the harness). */
function messageOf(document: ImportDocument, index: number, seq: number, origin: string): HostMessage | undefined {
  const details = rowDetails(document, index);
  if (!details) return undefined;
  const mediaType = clipText(details.facts.mediaType ?? details.facts.inferredMediaType, MAX_MEDIA_TYPE);
  const row: PreviewRow = {
    index,
    rowCount: document.rows.length,
    line: 0,
    model: describeRow(details.value, mediaType, {}),
    dialect: details.facts.dialect,
    mediaType,
    mediaTypeInferred: details.facts.mediaType === undefined,
    problems: details.problems.slice(0, 50).map((problem) => ({ severity: problem.severity, code: problem.code, message: problem.message, line: 0 })),
  };
  const { load, fetch, link } = addressesOf(row.model);
  const resources: Record<string, Resource> = {};
  const texts: Record<string, { status: 'failed'; reason: string }> = {};
  const context = { rules: [], workspaceFolders: [{ name: 'w', path: '/nonexistent-workspace' }], documentFolder: '/nonexistent-workspace' };
  for (const address of [...load, ...link, ...fetch]) {
    const resolution = resolveAddress(address, context);
    // Every address the extension would load is served by the harness: no request leaves the machine.
    const resource: Resource =
      resolution.kind === 'blocked'
        ? { blocked: resolution.reason, external: false }
        : load.includes(address)
          ? served(origin, '/media/image.png')
          : { external: true };
    Object.defineProperty(resources, address, { value: resource, enumerable: true, configurable: true, writable: true });
  }
  for (const address of fetch)
    Object.defineProperty(texts, address, {
      value: { status: 'failed', reason: 'Not fetched in this test.' },
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return { type: 'row', seq, row, resources, texts };
}

test(`${ROWS} rows of hostile documents render, without errors or script (seed ${SEED})`, async () => {
  const random = new Random(SEED);
  const context = createValidationContext();
  harness.beacons.length = 0;
  const preview = await harness.open();
  await preview.send(INIT);
  let seq = 0;
  while (seq < ROWS) {
    const text = hostileDocument(random);
    const document = new ImportDocument(text, context);
    if (!document.rows.length) continue;
    const message = messageOf(document, random.int(0, Math.min(document.rows.length, 5) - 1), ++seq, harness.origin);
    if (!message) {
      seq--;
      continue;
    }
    const started = Date.now();
    await sendJson(preview, message);
    await waitFor(
      async () => (await preview.page.getByTestId('row-view').getAttribute('data-seq')) === String(seq),
      `row message ${seq} of seed ${SEED}: ${JSON.stringify(text.slice(0, 100))}`,
      BOUND_MS,
    );
    assert.ok(Date.now() - started < BOUND_MS);
    const shown = (await preview.page.getByTestId('row-view').textContent()) ?? '';
    assert.equal(unreadable(shown, text), undefined, `row message ${seq} of seed ${SEED}`);
    assert.deepEqual(preview.errors, [], `row message ${seq} of seed ${SEED}: ${JSON.stringify(text.slice(0, 100))}`);
  }
  const { heap, injected } = await preview.page.evaluate(() => ({
    heap: (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    injected: document.querySelectorAll('script:not([src]), [onerror], [onload]').length,
  }));
  assert.equal(injected, 0);
  assert.ok(heap < 512 * 1024 * 1024, `the page holds ${Math.round(heap / 1024 / 1024)} MB`);
  assert.deepEqual(
    harness.beacons.filter((beacon) => beacon === 'script-ran'),
    [],
  );
  await preview.close();
});
