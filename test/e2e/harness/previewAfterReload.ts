/**
 * A check the suite cannot make from inside the extension host, since a window reload ends
 * that host: the launcher reloads the page and looks whether the preview comes back as it
 * was (VS Code restores the panel through our WebviewPanelSerializer, and the page its saved
 * state: the view it showed, the row, the gallery's filter).
 */
import type { Page } from 'playwright-core';
import { webviewContent } from './webviewContent';
import type { TestOutcome } from '../suite/index';

export const RELOAD_TEST_TITLE = 'Preview in VS Code after a window reload the preview comes back as it was';

const TIMEOUT_MS = 60_000;

/** What the preview shows that must survive a reload. */
interface PreviewLook {
  selectedTab: string;
  rowTitle: string;
  galleryCount: string;
}

async function look(page: Page): Promise<PreviewLook> {
  const content = webviewContent(page);
  await content.getByTestId('preview-root').waitFor({ state: 'attached', timeout: TIMEOUT_MS });
  const selectedTab = (await content.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid', { timeout: TIMEOUT_MS })) ?? '';
  return {
    selectedTab,
    rowTitle: (await content.getByTestId('row-title').textContent({ timeout: TIMEOUT_MS })) ?? '',
    galleryCount: (await content.getByTestId('gallery-count').textContent({ timeout: TIMEOUT_MS })) ?? '',
  };
}

/** Polls until the restored preview looks as it did, or the deadline passes. */
async function waitForSameLook(page: Page, before: PreviewLook): Promise<PreviewLook> {
  const deadline = Date.now() + TIMEOUT_MS;
  let after: PreviewLook | undefined;
  for (;;) {
    after = await look(page).catch(() => undefined);
    if (after && JSON.stringify(after) === JSON.stringify(before)) return after;
    if (Date.now() > deadline) throw new Error(`before the reload: ${JSON.stringify(before)}; after: ${JSON.stringify(after ?? 'no preview')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * "Developer: Reload Window", as a user reloads: VS Code saves the editors' state (the panel,
 * the page's saved state) before it goes. A bare page reload in the browser does not wait
 * for that save, and brings back the state of the last periodic save instead.
 */
async function reloadWindow(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: TIMEOUT_MS });
  await input.fill('>Developer: Reload Window');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reload Window' }).first().waitFor({ timeout: TIMEOUT_MS });
  await Promise.all([page.waitForEvent('load', { timeout: TIMEOUT_MS }), page.keyboard.press('Enter')]);
  await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT_MS });
}

/** Reloads the workbench with the preview open and compares what it shows before and after. */
export async function checkPreviewAfterReload(page: Page, screenshotPath: string): Promise<TestOutcome> {
  const started = Date.now();
  try {
    const before = await look(page);
    if (!before.rowTitle.startsWith('Row ')) throw new Error(`the preview shows no row before the reload: ${JSON.stringify(before)}`);
    await reloadWindow(page);
    await waitForSameLook(page, before);
    await page.screenshot({ path: screenshotPath });
    return { title: RELOAD_TEST_TITLE, state: 'passed', durationMs: Date.now() - started };
  } catch (error) {
    await page.screenshot({ path: screenshotPath }).catch(() => undefined);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { title: RELOAD_TEST_TITLE, state: 'failed', durationMs: Date.now() - started, error: message };
  }
}
