// Renders images/icon.svg to the 128×128 images/icon.png of the marketplace listing, with the
// Debian Chromium and playwright-core (run again after changing the SVG, then commit both).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const svgPath = fileURLToPath(new URL('../images/icon.svg', import.meta.url));
const pngPath = fileURLToPath(new URL('../images/icon.png', import.meta.url));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<body style="margin:0;background:transparent">${readFileSync(svgPath, 'utf8')}</body>`);
  await page.locator('svg').screenshot({ path: pngPath, omitBackground: true });
  console.log(`wrote ${pngPath}`);
} finally {
  await browser.close();
}
