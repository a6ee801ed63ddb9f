/**
 * The preview page's row view in real Chromium, driven by the messages the extension sends.
 * Run after `npm run build` (it loads dist/webview.js).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { IMAGE_SIZE, PreviewHarness, type PreviewPage } from './harness';
import { imageRow, rowMessage, served } from './rows';

const harness = new PreviewHarness();
before(() => harness.start());
after(() => harness.stop());

const INIT = { type: 'init', uri: 'file:///work/rows.labelbox.json', fileName: 'rows.labelbox.json', allowScripts: false, locked: false } as const;

async function openWithRow(message: Parameters<PreviewPage['send']>[0], allowScripts = false): Promise<PreviewPage> {
  const preview = await harness.open();
  await preview.send({ ...INIT, allowScripts });
  await preview.send(message);
  return preview;
}

test('an image asset is shown at its natural size with its pixel size, and document strings stay text', async () => {
  const { message } = imageRow(harness.origin);
  const preview = await openWithRow(message);
  const page = preview.page;
  const image = page.getByTestId('asset-image');
  await page.getByTestId('image-size').filter({ hasText: 'px' }).waitFor();
  const size = await image.evaluate((element: HTMLImageElement) => ({
    natural: [element.naturalWidth, element.naturalHeight],
    shown: [element.clientWidth, element.clientHeight],
  }));
  assert.deepEqual(size.natural, [IMAGE_SIZE.width, IMAGE_SIZE.height]);
  assert.deepEqual(size.shown, [IMAGE_SIZE.width, IMAGE_SIZE.height], 'a small image is not scaled');
  assert.equal(await page.getByTestId('image-size').textContent(), `${IMAGE_SIZE.width} × ${IMAGE_SIZE.height} px`);

  // Identifiers, metadata with names from the schema, the row's problems.
  assert.equal(await page.getByTestId('field-global-key').textContent(), 'field-survey/2024/plot-12/<img src=x onerror="window.__pwned=1">');
  assert.equal(await page.getByTestId('field-external-id').textContent(), '<script>window.__pwned=2</script>IMG_0412.jpg');
  assert.equal(await page.getByTestId('field-media-type').textContent(), 'IMAGE');
  const table = await page.getByTestId('metadata-table').locator('tbody tr').allTextContents();
  assert.deepEqual(table, ['tagcko8s9r5v0001h2dk9elqdidhwheat', 'splitcko8sbczn0002h2dkdaxb5kaltraincko8sbscr0003h2dk04w86hof', 'altitude_m42.5']);
  assert.match((await page.getByTestId('row-problems').textContent()) ?? '', /A made-up warning about <this> row\./);
  assert.equal(await page.getByTestId('row-title').textContent(), 'Row 3 of 120');

  // Nothing from the document became markup or ran.
  const injected = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned,
    stray: document.querySelectorAll('img[src="x"], script:not([src])').length,
    bold: document.querySelectorAll('[data-testid="raw-text"] b').length,
  }));
  assert.deepEqual(injected, { pwned: undefined, stray: 0, bold: 0 });
  assert.deepEqual(preview.errors, []);
  await preview.close();
});

test('RAW_TEXT is rendered as safe markdown: emphasis and lists, raw HTML as text, javascript: links not linked', async () => {
  const preview = await openWithRow(imageRow(harness.origin).message);
  const note = preview.page.getByTestId('raw-text');
  assert.equal(await note.locator('strong').textContent(), 'Shadow');
  assert.deepEqual(await note.locator('li').allTextContents(), ['lower third', 'see https://example.com/protocol']);
  assert.equal(await note.locator('a').count(), 1, 'only the https link is a link');
  assert.equal(await note.locator('a').getAttribute('href'), 'https://example.com/protocol');
  assert.match((await note.textContent()) ?? '', /<b>not bold<\/b> click/);
  // Clicking a link asks the extension to open it; the page does not navigate.
  const before = preview.page.url();
  await note.locator('a').click();
  const sent = await preview.sent();
  assert.deepEqual(sent.at(-1), { type: 'openExternal', url: 'https://example.com/protocol' });
  assert.equal(preview.page.url(), before);
  await preview.close();
});

test('IMAGE_OVERLAY layers lie over the image, each with a toggle and an opacity slider saved in the state', async () => {
  const { message, ndvi, mask } = imageRow(harness.origin);
  const preview = await openWithRow(message);
  const page = preview.page;
  const overlays = page.getByTestId('overlay-image');
  assert.equal(await overlays.count(), 2);
  await page.getByTestId('image-size').filter({ hasText: 'px' }).waitFor();
  const boxes = await page.evaluate(() => {
    const base = document.querySelector('[data-testid="asset-image"]')!.getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="overlay-image"]')].map((overlay) => {
      const box = overlay.getBoundingClientRect();
      return [box.x - base.x, box.y - base.y, box.width - base.width, box.height - base.height];
    });
  });
  assert.deepEqual(boxes, [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ]);

  const toggle = page.getByTestId('overlay-toggle').first();
  assert.equal(await overlays.first().isVisible(), true);
  await toggle.uncheck();
  assert.equal(await overlays.first().isVisible(), false);
  assert.equal(await overlays.nth(1).isVisible(), true, 'the other layer stays');
  await toggle.check();
  assert.equal(await overlays.first().isVisible(), true);

  await page.getByTestId('overlay-opacity').first().fill('40');
  assert.equal(await overlays.first().evaluate((element: HTMLElement) => getComputedStyle(element).opacity), '0.4');
  assert.equal(await overlays.nth(1).evaluate((element: HTMLElement) => getComputedStyle(element).opacity), '1');
  const state = await preview.state();
  assert.deepEqual((state.layers as Record<string, unknown>)[ndvi], { visible: true, opacity: 0.4 });

  // The gs:// layer is not loaded; the panel says why.
  const blocked = page.getByTestId('overlay-controls').getByTestId('unavailable');
  assert.match((await blocked.textContent()) ?? '', /gs:\/\/ URLs are read by Labelbox through a Google Cloud Storage integration/);
  assert.match((await blocked.textContent()) ?? '', new RegExp(mask.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
  await preview.close();
});

/** An HTML page as the extension sends it: its text (read from the workspace or an https URL), never an address to load. */
function htmlRow(url: string, row: Record<string, unknown>, mediaType: string, base?: string) {
  const page = harness.media.get('page.html')!.toString('utf8');
  return rowMessage(1, row, {
    mediaType,
    resources: { [url]: { external: true, ...(base ? { base } : {}) } },
    texts: { [url]: { status: 'loaded', text: page, truncated: false } },
  });
}

test('an HTML asset is framed (srcdoc) in a sandbox without scripts; the setting allows scripts, never same-origin', async () => {
  const url = 'https://media.example-lab.org/html/product-page-5.html';
  const message = htmlRow(url, { row_data: url, global_key: 'web/5', media_type: 'HTML' }, 'HTML');
  harness.beacons.length = 0;
  const preview = await openWithRow(message);
  const frame = preview.page.getByTestId('html-frame');
  assert.equal(await frame.getAttribute('sandbox'), '');
  assert.equal(await frame.getAttribute('src'), null, 'the frame loads no address: the page comes as srcdoc');
  // The frame's page shows (its heading, its image), but its script did not run.
  assert.equal(await preview.page.frameLocator('[data-testid="html-frame"]').locator('h1').textContent(), 'Product page');
  await waitFor(() => harness.beacons.includes('html-image-loaded'), 'the framed page to load');
  await new Promise((done) => setTimeout(done, 500));
  assert.equal(harness.beacons.includes('script-ran'), false, 'the script of the HTML asset ran');
  await preview.close();

  // With allowScripts, the same page runs its script, still without allow-same-origin. Its
  // forged message to the preview is ignored: only the host page may send messages.
  harness.beacons.length = 0;
  const trusting = await openWithRow(message, true);
  assert.equal(await trusting.page.getByTestId('html-frame').getAttribute('sandbox'), 'allow-scripts');
  await waitFor(() => harness.beacons.includes('script-ran'), 'the allowed script to run');
  await new Promise((done) => setTimeout(done, 300));
  assert.equal(await trusting.page.getByText('FORGED BY THE FRAME').count(), 0);
  assert.equal(await trusting.page.getByTestId('html-frame').count(), 1);
  await trusting.close();
});

test('an HTML page gets a <base> at its https address, so that its relative links resolve as for a labeler', async () => {
  const url = 'https://media.example-lab.org/html/product-page-5.html';
  const preview = await openWithRow(htmlRow(url, { row_data: url, media_type: 'HTML' }, 'HTML', url));
  const srcdoc = (await preview.page.getByTestId('html-frame').getAttribute('srcdoc')) ?? '';
  assert.match(srcdoc, /^<!DOCTYPE html>\n<html><head><base href="https:\/\/media\.example-lab\.org\/html\/product-page-5\.html"><title>Product page<\/title>/);
  assert.doesNotMatch(srcdoc, /nonce=/, 'without allowScripts, the page’s scripts get no nonce');
  await preview.close();
});

test('an HTML page that is still loading, or could not be read, says so', async () => {
  const url = 'https://media.example-lab.org/html/slow.html';
  const preview = await openWithRow(
    rowMessage(
      3,
      { row_data: url, media_type: 'HTML' },
      { mediaType: 'HTML', resources: { [url]: { external: true } }, texts: { [url]: { status: 'loading' } } },
    ),
  );
  const loading = preview.page.getByTestId('asset').locator('[data-reason="not-loaded"]');
  assert.match((await loading.textContent()) ?? '', /Not loaded yet.*Loading the page…/);
  await preview.send({ type: 'text', seq: 3, url, state: { status: 'failed', reason: 'The server answered 404 Not Found.' } });
  const failed = preview.page.getByTestId('asset').locator('[data-reason="load-failed"]');
  assert.match((await failed.textContent()) ?? '', /Could not be loaded.*The page could not be read: The server answered 404 Not Found\./);
  assert.equal(await failed.getByTestId('open-external').count(), 1, 'one action');
  await preview.close();
});

test('an HTML attachment is sandboxed too', async () => {
  const url = 'https://media.example-lab.org/context.html';
  const message = htmlRow(url, { row_data: 'Some text', media_type: 'TEXT', attachments: [{ type: 'HTML', name: 'Context', value: url }] }, 'TEXT');
  harness.beacons.length = 0;
  const preview = await openWithRow(message);
  const attachment = preview.page.locator('[data-testid="attachment"][data-type="HTML"]');
  assert.match((await attachment.locator('h4').textContent()) ?? '', /^Context/);
  assert.equal(await attachment.getByTestId('html-frame').getAttribute('sandbox'), '');
  await waitFor(() => harness.beacons.includes('html-image-loaded'), 'the framed page to load');
  await new Promise((done) => setTimeout(done, 300));
  assert.equal(harness.beacons.includes('script-ran'), false);
  assert.equal(await preview.page.getByTestId('asset-text').textContent(), 'Some text');
  await preview.close();
});

test('a WebM video plays in the player; a file that cannot play shows the "open externally" fallback', async () => {
  const url = 'https://media.example-lab.org/video/intersection-03.webm';
  const broken = 'https://media.example-lab.org/video/broken.mp4';
  const message = rowMessage(
    1,
    { row_data: url, media_type: 'VIDEO', attachments: [{ type: 'VIDEO', name: 'Second angle', value: broken }] },
    { mediaType: 'VIDEO', resources: { [url]: served(harness.origin, '/media/clip.webm'), [broken]: served(harness.origin, '/media/broken.mp4') } },
  );
  const preview = await openWithRow(message);
  const page = preview.page;
  const asset = page.getByTestId('asset');
  const player = asset.getByTestId('video-player');
  await waitForPage(preview, () => (document.querySelector('[data-testid="asset"] video') as HTMLVideoElement).readyState >= 1);
  assert.deepEqual(await player.evaluate((video: HTMLVideoElement) => [video.videoWidth, video.videoHeight, video.error]), [80, 60, null]);
  assert.match((await asset.getByTestId('media-info').textContent()) ?? '', /^80 × 60 px/);
  assert.equal(await asset.getByTestId('media-fallback').isVisible(), false);
  await player.evaluate((video: HTMLVideoElement) => video.play());
  await waitForPage(preview, () => (document.querySelector('[data-testid="asset"] video') as HTMLVideoElement).currentTime > 0);

  const attachment = page.locator('[data-testid="attachment"][data-type="VIDEO"]');
  const fallback = attachment.getByTestId('media-fallback');
  await fallback.waitFor({ state: 'visible' });
  // It arrived but is no video Chromium can open: a format problem, not a missing file.
  assert.match((await fallback.textContent()) ?? '', /^Cannot play hereThe video is there, but its format or codec does not play here\./);
  assert.equal(await fallback.getAttribute('data-reason'), 'cannot-play');
  assert.equal(await attachment.getByTestId('video-player').isVisible(), false);
  assert.equal(await attachment.getByTestId('open-external').count(), 1, 'one way out, not two');
  await fallback.getByTestId('open-external').click();
  assert.deepEqual((await preview.sent()).at(-1), { type: 'openExternal', url: broken });
  await preview.close();
});

test('an audio asset plays in an audio player', async () => {
  const url = 'https://media.example-lab.org/audio/call-0193.wav';
  const preview = await openWithRow(
    rowMessage(1, { row_data: url, media_type: 'AUDIO' }, { mediaType: 'AUDIO', resources: { [url]: served(harness.origin, '/media/tone.wav') } }),
  );
  await waitForPage(preview, () => (document.querySelector('[data-testid="audio-player"]') as HTMLAudioElement).readyState >= 1);
  assert.match((await preview.page.getByTestId('media-info').textContent()) ?? '', /^1\.0 s$/);
  await preview.close();
});

test('TEXT_URL text comes from the extension and is shown as text; a late answer for an older row is ignored', async () => {
  const url = 'https://field-survey.s3.eu-west-1.amazonaws.com/notes/plot-14-full.txt';
  const message = rowMessage(
    5,
    { row_data: 'Plot 14 was re-seeded.', media_type: 'TEXT', attachments: [{ type: 'TEXT_URL', value: url }] },
    { mediaType: 'TEXT', resources: { [url]: { external: true } }, texts: { [url]: { status: 'loading' } } },
  );
  const preview = await openWithRow(message);
  const attachment = preview.page.locator('[data-testid="attachment"][data-type="TEXT_URL"]');
  assert.equal(await attachment.getByTestId('text-status').textContent(), 'Loading…');
  await preview.send({ type: 'text', seq: 4, url, state: { status: 'loaded', text: 'from an older row', truncated: false } });
  await preview.send({ type: 'text', seq: 5, url, state: { status: 'loaded', text: 'Full notes.\n<script>window.__pwned = 5</script>', truncated: true } });
  await attachment.getByTestId('attachment-text').waitFor({ state: 'visible' });
  assert.equal(await attachment.getByTestId('attachment-text').textContent(), 'Full notes.\n<script>window.__pwned = 5</script>');
  assert.equal(await attachment.getByTestId('text-status').textContent(), 'The first megabyte of the text:');
  assert.equal(await preview.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  await preview.send({ type: 'text', seq: 5, url, state: { status: 'failed', reason: 'The server answered 403 Forbidden.' } });
  assert.equal(await attachment.getByTestId('text-status').textContent(), 'Could not load the text: The server answered 403 Forbidden.');
  await preview.close();
});

test('a gs:// asset shows a placeholder that says why, and no load is attempted', async () => {
  const url = 'gs://field-survey-gcs/2024/plot-13/IMG_0413.jpg';
  const reason =
    'gs:// URLs are read by Labelbox through a Google Cloud Storage integration; a browser cannot load them. Map its prefix with labelboxImport.preview.urlRewrites.';
  const preview = await openWithRow(
    rowMessage(1, { row_data: url, media_type: 'IMAGE' }, { mediaType: 'IMAGE', resources: { [url]: { blocked: reason, external: false } } }),
  );
  const placeholder = preview.page.getByTestId('asset').getByTestId('unavailable');
  assert.equal(await placeholder.locator('.placeholder-reason').textContent(), reason);
  assert.equal(await placeholder.getByTestId('open-external').count(), 0);
  assert.equal(await preview.page.locator('[data-testid="asset"] img').count(), 0);
  await preview.close();
});

test('a private-bucket image that fails to load says the bucket may be private', async () => {
  const url = 'https://private-bucket.s3.us-east-1.amazonaws.com/a.jpg';
  const hint = 'This is an Amazon S3 bucket. If it is private, Labelbox reads it through an IAM integration.';
  const preview = await openWithRow(
    rowMessage(
      1,
      { row_data: url, media_type: 'IMAGE' },
      { mediaType: 'IMAGE', resources: { [url]: { src: `${harness.origin}/media/missing.png`, failHint: hint, external: true } } },
    ),
  );
  const failed = preview.page.getByTestId('load-failed');
  await failed.waitFor();
  assert.equal(await failed.locator('.placeholder-reason').textContent(), `The image could not be loaded. ${hint}`);
  await preview.close();
});

test('tiled imagery is a map of the tile layer within its bounds; the alternative layer can be chosen', async () => {
  const main = 'https://tiles.example-lab.org/city/{z}/{x}/{y}.png';
  const satellite = 'https://tiles.example-lab.org/city-sat/{z}/{x}/{y}.png';
  const value = {
    row_data: {
      tileLayerUrl: main,
      bounds: [
        [-99.2105, 19.4056],
        [-99.2053, 19.4005],
      ],
      minZoom: 12,
      maxZoom: 20,
      maxNativeZoom: 19,
      epsg: 'EPSG4326',
      version: 2,
      alternativeLayers: [{ tileLayerUrl: satellite, name: 'Satellite <b>HD</b>' }],
    },
    media_type: 'TMS_GEO',
  };
  const resources = { [main]: served(harness.origin, '/tiles/{z}/{x}/{y}.png'), [satellite]: served(harness.origin, '/tiles-alt/{z}/{x}/{y}.png') };
  const preview = await openWithRow(rowMessage(1, value, { mediaType: 'TMS_GEO', resources }));
  const page = preview.page;
  const loadedTiles = (path: string) =>
    page.evaluate(
      (prefix) =>
        [...document.querySelectorAll<HTMLImageElement>('.leaflet-tile-loaded')].filter(
          (tile) => new URL(tile.src).pathname.startsWith(prefix) && tile.naturalWidth === 256,
        ).length,
      path,
    );
  await waitFor(async () => (await loadedTiles('/tiles/')) > 0, 'tiles of the main layer');
  assert.equal(await page.getByTestId('tile-map').count(), 1);
  // Zoomed to the bounds (Mexico City, [lng, lat] in version 2), within the zoom range.
  const view = await page.evaluate(() => {
    const tile = document.querySelector<HTMLImageElement>('.leaflet-tile-loaded')!;
    const [z, x, y] = new URL(tile.src).pathname
      .split('/')
      .slice(2)
      .map((part) => Number.parseInt(part, 10));
    return { z, lng: (x / 2 ** z) * 360 - 180, lat: (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI };
  });
  assert.ok(view.z >= 12 && view.z <= 19, `zoom ${view.z}`);
  assert.ok(Math.abs(view.lng + 99.2) < 0.05 && Math.abs(view.lat - 19.4) < 0.05, JSON.stringify(view));

  const select = page.getByTestId('layer-select');
  assert.deepEqual(await select.locator('option').allTextContents(), ['Tile layer', 'Satellite <b>HD</b>']);
  await select.selectOption('1');
  await waitFor(async () => (await loadedTiles('/tiles-alt/')) > 0, 'tiles of the alternative layer');
  assert.equal(await page.locator('.leaflet-tile-container img[src*="/tiles/"]').count(), 0, 'the first layer is gone');
  assert.match((await page.locator('.map-facts').textContent()) ?? '', /zoom 12–20/);
  assert.deepEqual(preview.errors, []);
  await preview.close();
});

test('a conversation is shown as a chat, with model responses', async () => {
  const value = {
    row_data: {
      type: 'application/vnd.labelbox.conversational',
      version: 1,
      messages: [
        { messageId: 'q1', content: 'Which plan includes <b>phone</b> support?', user: { userId: 'u-77', name: 'Visitor' }, align: 'right', canLabel: true },
        { messageId: 'a1', content: 'The Pro plan.', user: { userId: 'bot', name: 'Agent' }, align: 'left', canLabel: false },
      ],
      modelOutputs: [{ title: 'Response A', content: 'The Pro plan includes phone support.', modelConfigName: 'model-a' }],
    },
    media_type: 'CONVERSATIONAL',
  };
  const preview = await openWithRow(rowMessage(1, value, { mediaType: 'CONVERSATIONAL' }));
  const messages = preview.page.getByTestId('chat-message');
  assert.equal(await messages.count(), 2);
  assert.deepEqual(await messages.evaluateAll((items) => items.map((item) => item.className)), ['message right', 'message left']);
  assert.equal(await messages.first().locator('.message-content').textContent(), 'Which plan includes <b>phone</b> support?');
  assert.match((await preview.page.getByTestId('model-output').textContent()) ?? '', /Response A · model-a/);
  await preview.close();
});

test('a PDF offers to open it, and DICOM shows its name and a link', async () => {
  const pdf = 'https://media.example-lab.org/docs/lease-2023.pdf';
  const dicom = 'https://media.example-lab.org/dicom/ct-0007.dcm';
  const preview = await openWithRow(
    rowMessage(
      1,
      { row_data: { pdf_url: pdf }, media_type: 'PDF', attachments: [{ type: 'PDF_URL', value: pdf }] },
      { mediaType: 'PDF', resources: { [pdf]: served(harness.origin, '/media/lease.pdf') } },
    ),
  );
  const asset = preview.page.getByTestId('asset');
  // VS Code's webviews have no PDF viewer: a card says so instead of an empty box.
  assert.match((await asset.getByTestId('pdf-note').textContent()) ?? '', /^Cannot show here.*cannot show PDF documents/);
  assert.equal(await asset.locator('object, embed, iframe').count(), 0);
  assert.equal(await asset.getByTestId('open-external').count(), 1);
  await asset.getByTestId('open-external').click();
  assert.deepEqual((await preview.sent()).at(-1), { type: 'openExternal', url: pdf });
  await preview.send(rowMessage(2, { row_data: dicom, media_type: 'DICOM' }, { mediaType: 'DICOM', resources: { [dicom]: { external: true } } }));
  assert.match((await preview.page.getByTestId('dicom').textContent()) ?? '', /^ct-0007\.dcm/);
  await preview.close();
});

test('a DICOM address with a malformed %-escape still shows its name, undecoded', async () => {
  const dicom = 'https://media.example-lab.org/dicom/scan%zz-0007.dcm?v=2';
  const preview = await openWithRow(
    rowMessage(1, { row_data: dicom, media_type: 'DICOM' }, { mediaType: 'DICOM', resources: { [dicom]: { external: true } } }),
  );
  assert.match((await preview.page.getByTestId('dicom').textContent()) ?? '', /^scan%zz-0007\.dcm/);
  assert.deepEqual(preview.errors, []);
  await preview.close();
});

test('an edit of the metadata rebuilds the metadata only: the image element is kept', async () => {
  const { message } = imageRow(harness.origin, 1);
  const preview = await openWithRow(message);
  const page = preview.page;
  await page.getByTestId('image-size').filter({ hasText: 'px' }).waitFor();
  await page.getByTestId('asset-image').evaluate((element) => ((element as HTMLElement & { marked?: boolean }).marked = true));
  const edited = imageRow(harness.origin, 2).message;
  // The row as the extension sends it after the third metadata field's value was edited to 43.
  edited.row!.model.metadata[2].value = 43;
  await preview.send(edited);
  await page.getByTestId('metadata-table').getByText('43').waitFor();
  assert.equal(await page.getByTestId('asset-image').evaluate((element) => (element as HTMLElement & { marked?: boolean }).marked), true);
  // A different row replaces the asset.
  const other = imageRow(harness.origin, 3).message;
  // The row as the extension sends it after its row_data was edited to another image.
  (other.row!.model.asset as { url: string }).url = 'https://field-survey.s3.eu-west-1.amazonaws.com/other.jpg';
  other.resources['https://field-survey.s3.eu-west-1.amazonaws.com/other.jpg'] = served(harness.origin, '/media/thumb.png');
  await preview.send(other);
  await page.getByTestId('image-size').filter({ hasText: '32 × 24 px' }).waitFor();
  assert.equal(await page.getByTestId('asset-image').evaluate((element) => (element as HTMLElement & { marked?: boolean }).marked), undefined);
  await preview.close();
});

test('malformed messages are ignored, and the page keeps working', async () => {
  const preview = await openWithRow(imageRow(harness.origin).message);
  const page = preview.page;
  await page.evaluate(() => {
    window.postMessage({ type: 'row', seq: -1, row: null, resources: {}, texts: {} }, '*');
    window.postMessage({ type: 'row', seq: 9, row: { index: 'x' }, resources: {}, texts: {} }, '*');
    window.postMessage({ type: 'text', seq: 1 }, '*');
    window.postMessage('row', '*');
    window.postMessage({ type: 'evil', html: '<img src=x onerror=alert(1)>' }, '*');
  });
  await new Promise((done) => setTimeout(done, 200));
  assert.equal(await page.getByTestId('row-title').textContent(), 'Row 3 of 120');
  await preview.send(rowMessage(10, { row_data: 'Hello', media_type: 'TEXT' }, { mediaType: 'TEXT', index: 7 }));
  assert.equal(await page.getByTestId('row-title').textContent(), 'Row 8 of 120');
  assert.deepEqual(preview.errors, []);
  await preview.close();
});

test('the Content-Security-Policy has a nonce, no unsafe-eval and no unsafe-inline scripts, and blocks inline scripts', async () => {
  const preview = await harness.open();
  const page = preview.page;
  const policy = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  assert.match(policy, /script-src 'nonce-[A-Za-z0-9+/=]{16,}';/);
  // Inline styles are allowed for framed HTML pages (srcdoc frames inherit the policy); scripts never are.
  assert.doesNotMatch(policy, /unsafe-eval|script-src[^;]*unsafe-inline/);
  const blocked = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.body.appendChild(script);
    // A string given to setTimeout is eval: it runs later, as page code, under the policy.
    (setTimeout as unknown as (code: string, delay: number) => void)('window.__evaluated = 1', 0);
    await new Promise((done) => setTimeout(done, 100));
    const page = window as unknown as { __inline?: number; __evaluated?: number };
    return { inline: page.__inline, evaluated: page.__evaluated, violations };
  });
  assert.equal(blocked.inline, undefined);
  assert.equal(blocked.evaluated, undefined);
  assert.ok(
    blocked.violations.some((directive) => directive.startsWith('script-src')),
    JSON.stringify(blocked.violations),
  );
  await preview.close();
});

async function waitFor(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function waitForPage(preview: PreviewPage, probe: () => boolean): Promise<void> {
  await preview.page.waitForFunction(probe, undefined, { timeout: 10_000 });
}

test('a model chat evaluation, an object with no preview and a row without row_data each show their own element', async () => {
  const cases: Array<{ kind: string; testId: string; value: unknown; mediaType?: string; text?: RegExp }> = [
    {
      kind: 'modelChat',
      testId: 'model-chat',
      mediaType: 'CONVERSATIONAL',
      value: {
        row_data: { type: 'application/vnd.labelbox.conversational.model-chat-evaluation', version: 1, modelOutputs: [], messages: {} },
        media_type: 'CONVERSATIONAL',
      },
      text: /model chat evaluation/,
    },
    { kind: 'unknown', testId: 'unknown-asset', value: { row_data: { caption: 'no asset here' } }, text: /No preview for this row_data object/ },
    { kind: 'missing', testId: 'missing-asset', value: { global_key: 'row-without-data' }, text: /no row_data/ },
  ];
  for (const { kind, testId, value, mediaType, text } of cases) {
    const preview = await openWithRow(rowMessage(1, value, { mediaType }));
    const element = preview.page.getByTestId(testId);
    await element.waitFor({ state: 'attached' });
    assert.equal(await preview.page.getByTestId('asset').getAttribute('data-kind'), kind);
    if (text) assert.match((await element.textContent()) ?? '', text);
    await preview.close();
  }
});
