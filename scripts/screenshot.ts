/**
 * `npm run screenshot`: makes images/screenshot.png, the picture at the top of the README.
 * Packages the extension (the npm script does), serves code-server on a fresh copy of examples/ with it
 * (scripts/examplesServer.ts, as `npm start` does, in a fresh profile of its own), and drives
 * the workbench in headless Chromium as a person would: open examples/mistakes.labelbox.json,
 * put the cursor in a row full of mistakes, open the preview to the side, show the Problems
 * panel, hover over a problem. Then it photographs the window and writes it as a PNG.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/harness/chromium';
import { webviewContent } from '../test/e2e/harness/webviewContent';
import { serveExamples } from './examplesServer';

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'images', 'screenshot.png');
const WINDOW = { width: 1400, height: 860 };
const FILE = 'mistakes.labelbox.json';
/** The row to show (its image has nine overlay layers), and the token to hover over: the tenth overlay, one too many. */
const ROW_TEXT = '"row_data": "https://media.example-lab.org/images/street-0419.jpg"';
const HOVER_LINE_TEXT = '"name": "Layer 10"';
const HOVER_TOKEN = '"IMAGE_OVERLAY"';
const TIMEOUT_MS = 30_000;
const MAX_BYTES = 400 * 1024;
/** Enough of the Problems panel for a few problems, leaving the rest to the editor and the preview. */
const PANEL_HEIGHT = 210;

const SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 150,
  'editor.stickyScroll.enabled': false,
  'workbench.editor.enablePreview': false,
  'window.commandCenter': false,
};

async function main(): Promise<void> {
  const home = path.join(ROOT, '.vscode-test', 'screenshot');
  const { server, logFile } = await serveExamples({ root: ROOT, home, keep: false, settings: SETTINGS });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: WINDOW });
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(server.url);
    await stage(page);
    // Chromium's PNG is as small as a lossless re-encoding gets (tried: zlib 9 with a filter per row came out 7% bigger).
    const png = await page.screenshot({ type: 'png' });
    mkdirSync(path.dirname(OUTPUT), { recursive: true });
    writeFileSync(OUTPUT, png);
    console.log(`Wrote ${path.relative(process.cwd(), OUTPUT)}: ${WINDOW.width}×${WINDOW.height}, ${Math.round(png.length / 1024)} KB.`);
    if (png.length > MAX_BYTES) console.warn(`It is over ${MAX_BYTES / 1024} KB: the README loads it on every visit. Show less photographic content?`);
  } catch (error) {
    const failure = path.join(home, 'screenshot-failure.png');
    await browser
      .contexts()[0]
      ?.pages()[0]
      ?.screenshot({ path: failure })
      .catch(() => undefined);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nThe window at the failure: ${failure}; the log: ${logFile}`, { cause: error });
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Sets the scene: the file at the row, the preview beside it, the Problems panel, a hover. */
async function stage(page: Page): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).click();
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  // Our diagnostics are in once the file has error squiggles.
  await editor.locator('.squiggly-error').first().waitFor({ state: 'attached' });
  await command(page, 'View: Close Primary Side Bar');

  const { line, column } = positionOf(ROW_TEXT);
  await goToLine(page, line, column);
  await command(page, 'Labelbox: Open Preview to the Side');
  const preview = webviewContent(page);
  await preview.locator('[data-testid="field-global-key"]', { hasText: 'streets/street-0419.jpg' }).waitFor();
  await waitForImages(preview.locator('[data-testid="asset"] img'));

  // The image with its overlay layers at the top of the preview.
  await preview.locator('[data-testid="asset"]').evaluate((element) => {
    element.scrollIntoView({ block: 'start' });
    element.closest('[data-testid="row-view"]')?.scrollBy(0, -12);
  });

  await command(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  await page.locator('.markers-panel .monaco-list-row').first().waitFor();
  await setPanelHeight(page, PANEL_HEIGHT);
  await command(page, 'Notifications: Clear All Notifications');
  // Back in the editor, scrolled so that the row starts at the top.
  await goToLine(page, line, column);
  await scrollEditorTo(page, line - 1);

  const token = page
    .locator('.editor-group-container .monaco-editor .view-line', { hasText: HOVER_LINE_TEXT })
    .locator('span span', { hasText: HOVER_TOKEN })
    .first();
  const box = await token.boundingBox();
  if (!box) throw new Error(`${HOVER_TOKEN} is not on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'image overlay number 10' }).first().waitFor();
  // Let the hover finish fading in.
  await page.waitForTimeout(500);
}

/** 1-based line and column of a text in the example file. */
function positionOf(text: string): { line: number; column: number } {
  const content = readFileSync(path.join(ROOT, 'examples', FILE), 'utf8');
  const offset = content.indexOf(text);
  if (offset < 0) throw new Error(`${text} is not in examples/${FILE}`);
  const before = content.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Runs a command from the command palette, waiting until it is the one selected. */
async function command(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Scrolls the active editor down (Ctrl+ArrowDown, one line at a time) until `line` is the first one shown. */
async function scrollEditorTo(page: Page, line: number): Promise<void> {
  const numbers = page.locator('.editor-group-container.active .monaco-editor .line-numbers');
  for (let step = 0; step < 100; step++) {
    const shown = (await numbers.allInnerTexts()).map(Number).filter(Number.isFinite);
    // Monaco keeps a line or two above the viewport rendered.
    if (Math.min(...shown) >= line - 1) return;
    await page.keyboard.press('Control+ArrowDown');
  }
  throw new Error(`could not scroll the editor to line ${line}`);
}

/** Drags the border between the editors and the panel so that the panel has this height. */
async function setPanelHeight(page: Page, height: number): Promise<void> {
  const panel = await page.locator('.part.panel').boundingBox();
  if (!panel) throw new Error('the panel is not shown');
  const border = panel.y;
  await page.mouse.move(panel.x + panel.width / 2, border + 1);
  await page.mouse.down();
  await page.mouse.move(panel.x + panel.width / 2, border + panel.height - height, { steps: 5 });
  await page.mouse.up();
}

async function waitForImages(images: Locator): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const states = await images.evaluateAll((elements) =>
      elements.map((element) => {
        const image = element as unknown as { complete: boolean; naturalWidth: number };
        return image.complete && image.naturalWidth > 0;
      }),
    );
    if (states.length > 0 && states.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`the preview's images did not load (${states.filter(Boolean).length} of ${states.length})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
