/**
 * The gallery in real Chromium: a virtualised grid over 50,000 rows, its filter, keyboard
 * and clicks; the state a reload brings back; screenshots in light and dark themes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { PreviewHarness, type PreviewPage, type StubWindow } from './harness';
import { imageRow } from './rows';

const ROWS = 50_000;
const harness = new PreviewHarness();
before(() => harness.start());
after(() => harness.stop());

const INIT = { type: 'init', uri: 'file:///work/big.labelbox.json', fileName: 'big.labelbox.json', allowScripts: false, locked: false } as const;

async function openGallery(options: Parameters<PreviewHarness['open']>[0] = {}): Promise<PreviewPage> {
  const preview = await harness.open({ galleryRows: ROWS, ...options });
  await preview.send(INIT);
  await preview.page.getByTestId('tab-gallery').click();
  await preview.page.getByTestId('gallery-count').filter({ hasText: 'rows' }).waitFor();
  return preview;
}

const tileIndexes = (preview: PreviewPage) =>
  preview.page.getByTestId('gallery-tile').evaluateAll((tiles) => tiles.map((tile) => Number((tile as HTMLElement).dataset.index)));

test('the gallery of 50,000 rows builds only the tiles in view and scrolls to the end', async () => {
  const preview = await openGallery();
  const page = preview.page;
  assert.equal(await page.getByTestId('gallery-count').textContent(), '50,000 of 50,000 rows');
  await page.getByTestId('gallery-tile').first().waitFor();
  const first = await tileIndexes(preview);
  assert.ok(first.length > 10 && first.length < 120, `${first.length} tiles built`);
  assert.equal(first[0], 0);
  // Every row has its place: the canvas is as tall as all rows.
  const heights = await page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="gallery-grid"]') as HTMLElement;
    return { scroll: scroller.scrollHeight, client: scroller.clientHeight };
  });
  assert.ok(heights.scroll > 1_000_000, JSON.stringify(heights));

  // Jump to the end, the middle and back: each time only the tiles in view exist, at once.
  const jumps: Array<[number, number]> = [];
  for (const fraction of [1, 0.5, 0.25, 0]) {
    const started = Date.now();
    await page.evaluate((where) => {
      const scroller = document.querySelector('[data-testid="gallery-grid"]') as HTMLElement;
      scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * where;
    }, fraction);
    const expected = fraction === 1 ? ROWS - 1 : Math.floor(ROWS * fraction);
    await page.waitForFunction(
      (index) => [...document.querySelectorAll<HTMLElement>('[data-testid="gallery-tile"]')].some((tile) => Math.abs(Number(tile.dataset.index) - index) < 60),
      expected,
      { timeout: 5000 },
    );
    jumps.push([fraction, Date.now() - started]);
    const built = await page.locator('.tile').count();
    assert.ok(built < 120, `${built} tiles built after scrolling to ${fraction}`);
  }
  for (const [fraction, milliseconds] of jumps) assert.ok(milliseconds < 1500, `scrolling to ${fraction} took ${milliseconds} ms`);

  // Smooth scrolling: 60 steps of a wheel-sized scroll, each frame rendered quickly.
  const frames = await page.evaluate(async () => {
    const scroller = document.querySelector('[data-testid="gallery-grid"]') as HTMLElement;
    scroller.scrollTop = 0;
    const times: number[] = [];
    for (let step = 0; step < 60; step++) {
      const started = performance.now();
      scroller.scrollTop += 120;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { median: times[30], worst: times[59] };
  });
  assert.ok(frames.median < 50, JSON.stringify(frames));
  const requests = await page.evaluate(() => (window as unknown as { __galleryRequests: number }).__galleryRequests);
  assert.ok(requests < 40, `${requests} page requests`);
  assert.deepEqual(preview.errors, []);

  // The end really is the last row.
  await page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="gallery-grid"]') as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight;
  });
  await page.locator(`[data-testid="gallery-tile"][data-index="${ROWS - 1}"]`).waitFor();
  await preview.close();
});

test('tiles show thumbnails for images, icons for other media, and a badge with the row problems', async () => {
  const preview = await openGallery();
  const page = preview.page;
  await page.locator('[data-testid="gallery-tile"][data-index="5"]').waitFor();
  const tile = (index: number) => page.locator(`[data-testid="gallery-tile"][data-index="${index}"]`);
  await tile(0).getByTestId('tile-thumb').waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-index="0"] img') as HTMLImageElement)?.naturalWidth === 32);
  assert.equal(await tile(4).getByTestId('tile-thumb').count(), 0, 'a video row has no thumbnail');
  assert.equal(await tile(4).locator('svg.media-icon').count(), 1);
  assert.equal(await tile(3).getByTestId('problem-badge').textContent(), '1');
  assert.equal(await tile(5).getByTestId('problem-badge').textContent(), '2');
  assert.equal(await tile(0).getByTestId('problem-badge').count(), 0);
  assert.equal(await tile(3).getAttribute('aria-label'), 'Row 4, row-3, IMAGE, 1 error');
  // A tile whose asset the asset access check could not load: a mark, its reason as text only.
  const mark = tile(6).getByTestId('asset-problem');
  assert.equal(await mark.getAttribute('data-code'), 'asset-not-found');
  assert.equal(await mark.getAttribute('title'), 'Labelbox may not load this asset: HEAD answered 404 <b>Not Found</b>.');
  assert.equal(await tile(6).locator('b').count(), 0);
  assert.match((await tile(6).getAttribute('aria-label')) ?? '', /asset not loadable: HEAD answered 404/);
  assert.equal(await tile(5).getByTestId('asset-problem').count(), 0);
  await preview.close();
});

test('the filter asks for matching rows: text, media type, only rows with problems', async () => {
  const preview = await openGallery();
  const page = preview.page;
  await page.getByTestId('gallery-filter-text').fill('row-4999');
  await page
    .getByTestId('gallery-count')
    .filter({ hasText: /^11 of 50,000 rows$/ })
    .waitFor();
  assert.deepEqual(await tileIndexes(preview), [4999, 49990, 49991, 49992, 49993, 49994, 49995, 49996, 49997, 49998, 49999]);
  await page.getByTestId('gallery-filter-media').selectOption('VIDEO');
  await page
    .getByTestId('gallery-count')
    .filter({ hasText: /^3 of 50,000 rows$/ })
    .waitFor();
  assert.deepEqual(await tileIndexes(preview), [4999, 49994, 49999]);
  await page.getByTestId('gallery-filter-text').fill('');
  await page.getByTestId('gallery-filter-media').selectOption('');
  await page.getByTestId('gallery-filter-problems').check();
  // The harness gives problems to the rows whose index is 3 mod 7 or 5 mod 11.
  let withProblems = 0;
  for (let index = 0; index < ROWS; index++) if (index % 7 === 3 || index % 11 === 5) withProblems++;
  await page
    .getByTestId('gallery-count')
    .filter({ hasText: `${withProblems.toLocaleString('en-US')} of 50,000 rows` })
    .waitFor();
  await page.locator('[data-testid="gallery-tile"][data-index="3"]').waitFor();
  const problems = await tileIndexes(preview);
  assert.ok(problems.length > 0 && problems.every((index) => index % 7 === 3 || index % 11 === 5), JSON.stringify(problems));
  const last = (await preview.sent()).filter((message) => message.type === 'galleryRequest').at(-1);
  assert.deepEqual(last?.filter, { text: '', mediaType: '', problemsOnly: true });
  await preview.close();
});

test('clicking a tile or pressing Enter on it asks the editor to reveal that row; arrows move between tiles', async () => {
  const preview = await openGallery();
  const page = preview.page;
  await page.locator('[data-testid="gallery-tile"][data-index="7"]').click();
  assert.deepEqual((await preview.sent()).at(-1), { type: 'reveal', index: 7 });

  const grid = page.getByTestId('gallery-grid');
  // Each key is handled before the next is pressed: wait for the active tile to change.
  const activeBecomes = (id: string) =>
    page.waitForFunction((expected) => document.querySelector('[data-testid="gallery-grid"]')?.getAttribute('aria-activedescendant') === expected, id, {
      timeout: 5000,
    });
  await grid.focus();
  await page.keyboard.press('Home');
  await activeBecomes('tile-0');
  await page.keyboard.press('ArrowRight');
  await activeBecomes('tile-1');
  await page.keyboard.press('ArrowRight');
  await activeBecomes('tile-2');
  await page.keyboard.press('ArrowDown');
  const columns = await page.evaluate(() => Math.floor(((document.querySelector('[data-testid="gallery-grid"]') as HTMLElement).clientWidth - 8) / (176 + 8)));
  await activeBecomes(`tile-${2 + columns}`);
  await page.keyboard.press('Enter');
  assert.deepEqual((await preview.sent()).at(-1), { type: 'reveal', index: 2 + columns });
  await page.keyboard.press('End');
  await page.locator(`#tile-${ROWS - 1}`).waitFor();
  assert.equal(await grid.getAttribute('aria-activedescendant'), `tile-${ROWS - 1}`);
  await preview.close();
});

test('the row shown in the row view is selected in the gallery and scrolled into view', async () => {
  const preview = await openGallery();
  const page = preview.page;
  const message = imageRow(harness.origin).message;
  message.row!.index = 30_000;
  await preview.send(message);
  const tile = page.locator('[data-testid="gallery-tile"][data-index="30000"]');
  await tile.waitFor();
  assert.equal(await tile.getAttribute('aria-selected'), 'true');
  assert.equal(await page.locator('[data-testid="gallery-tile"][aria-selected="true"]').count(), 1);
  await preview.close();
});

test('after a reload the page comes back as it was: view, filter, scroll, layers; it tells the extension its row', async () => {
  const preview = await openGallery();
  const page = preview.page;
  await page.getByTestId('gallery-filter-media').selectOption('IMAGE');
  await page.getByTestId('gallery-count').filter({ hasText: '40,000 of 50,000 rows' }).waitFor();
  await page.evaluate(() => {
    (document.querySelector('[data-testid="gallery-grid"]') as HTMLElement).scrollTop = 90_000;
  });
  await preview.send(imageRow(harness.origin).message);
  await page.waitForFunction(() => ((window as unknown as StubWindow).__state as { galleryScrollTop?: number }).galleryScrollTop === 90_000);
  const saved = await preview.state();
  assert.equal(saved.uri, INIT.uri);
  assert.equal(saved.view, 'gallery');
  assert.equal(saved.rowIndex, 2);
  await preview.close();

  const restored = await harness.open({ galleryRows: ROWS, state: saved });
  const again = restored.page;
  assert.deepEqual(
    (await restored.sent()).find((message) => message.type === 'ready'),
    { type: 'ready', restoredIndex: 2 },
  );
  assert.equal(await again.getByTestId('gallery-view').isVisible(), true);
  assert.equal(await again.getByTestId('tab-gallery').getAttribute('aria-selected'), 'true');
  assert.equal(await again.getByTestId('gallery-filter-media').inputValue(), 'IMAGE');
  await restored.send(INIT);
  await again.getByTestId('gallery-count').filter({ hasText: '40,000 of 50,000 rows' }).waitFor();
  await again.waitForFunction(() => (document.querySelector('[data-testid="gallery-grid"]') as HTMLElement).scrollTop === 90_000);
  await restored.close();
});

test('screenshots of the row view and the gallery in light and dark themes', async () => {
  const files: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    const preview = await harness.open({ galleryRows: ROWS, width: 900, height: 900 });
    await preview.theme(theme);
    await preview.send({ ...INIT, fileName: 'field-survey.labelbox.json' });
    await preview.send(imageRow(harness.origin).message);
    await preview.page.getByTestId('image-size').filter({ hasText: 'px' }).waitFor();
    const background = await preview.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, theme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(31, 31, 31)');
    files.push(await preview.screenshot(`row-${theme}`));
    await preview.page.getByTestId('tab-gallery').click();
    await preview.page.locator('[data-testid="gallery-tile"][data-index="3"] [data-testid="problem-badge"]').waitFor();
    await preview.page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('[data-testid="tile-thumb"]')].every((image) => image.complete));
    files.push(await preview.screenshot(`gallery-${theme}`));
    await preview.close();
  }
  for (const file of files) assert.ok(existsSync(file) && statSync(file).size > 5_000, file);
});
