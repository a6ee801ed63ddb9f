import type { FrameLocator, Page } from 'playwright-core';

/** The content of the (last) webview in VS Code's workbench: two frames deep. */
export function webviewContent(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').last().contentFrame().locator('#active-frame').contentFrame();
}
