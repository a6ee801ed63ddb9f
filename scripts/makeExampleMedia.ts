/**
 * Makes examples/media/: the local mirror that examples/.vscode/settings.json maps the made-up
 * hosts of the example files to (labelboxImport.preview.urlRewrites), so that the preview of
 * `npm start` shows real pictures, videos, maps and documents without any network.
 *
 *   npx tsx scripts/makeExampleMedia.ts      (then commit examples/media/)
 *
 * Pictures, overlays, map tiles and videos are drawn on canvases in headless Chromium
 * (scripts/exampleMedia/paint.ts) and saved as JPEG/PNG and H.264 MP4; the PDFs are printed
 * by Chromium from HTML; texts, pages and the WAV are written from here. Every asset is keyed
 * by the URL an example file uses, and its file is found with the preview's own URL resolver
 * and the rewrites of the settings, so the mirror cannot drift from either.
 */
import * as esbuild from 'esbuild';
import { parse as parseJsonc } from 'jsonc-parser';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeRow, type TiledModel } from '../common/preview/rowModel';
import { parseRewrites, resolveAddress, type ResolveContext } from '../common/node/urlResolver';
import { launchChromium } from '../test/e2e/harness/chromium';
import { pcmWav } from '../test/webview/testMedia';
import * as documents from './exampleMedia/documents';
import type { Animation, Output, Overlay, Scene, TileStyle } from './exampleMedia/specs';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');
const MEDIA = path.join(EXAMPLES, 'media');
/** The whole mirror stays small: it is committed. */
const BUDGET_BYTES = 1.5 * 1024 * 1024;
/** The preview's map is 360 px high (webview/style.css); tiles are made for the zoom that fits the bounds and one level either side. */
const MAP_HEIGHT = 360;

const PHOTO: Output = { width: 480, height: 320, format: 'jpeg', quality: 0.8 };
const PNG: Output = { width: 480, height: 320, format: 'png' };

type Maker = (page: Page) => Promise<Buffer>;

const text =
  (content: string): Maker =>
  async () =>
    Buffer.from(content);
const picture =
  (scene: Scene, label: string, output = PHOTO): Maker =>
  (page) =>
    call(page, 'picture', scene, label, output);
const overlay =
  (spec: Overlay, output = PNG): Maker =>
  (page) =>
    call(page, 'overlay', spec, output);
const video =
  (animation: Animation, label: string): Maker =>
  (page) =>
    call(page, 'video', animation, label, 384, 216, 2.5);
const pdf =
  (html: string): Maker =>
  async (page) => {
    await page.setContent(html);
    const bytes = await page.pdf({ format: 'A5', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
    await page.setContent('');
    // The same file on every run: a fixed date, as long as the real one so the offsets stay right.
    return Buffer.from(
      bytes.toString('latin1').replace(/\/(CreationDate|ModDate) \(D:\d{14}/g, (_, key: string) => `/${key} (D:20240501000000`),
      'latin1',
    );
  };

const fieldSurvey = 'https://field-survey.s3.eu-west-1.amazonaws.com/2024';
const orchard = 'https://orchard-data.s3.us-west-2.amazonaws.com';
const lab = 'https://media.example-lab.org';
const wheat412: Scene = { kind: 'field', crop: 'wheat', seed: 412, shadow: true };
const wheat413: Scene = { kind: 'field', crop: 'wheat', seed: 413 };
const orchard1: Scene = { kind: 'field', crop: 'orchard', seed: 1 };
const street0419: Extract<Scene, { kind: 'street' }> = { kind: 'street', seed: 419, weather: 'day' };

/** Every file of the mirror, by the URL the examples use. Tile layers are found in the examples. */
const ASSETS: Record<string, Maker> = {
  // current-format.labelbox.json
  [`${fieldSurvey}/plot-12/IMG_0412.jpg`]: picture(wheat412, 'IMG_0412'),
  [`${fieldSurvey}/plot-12/IMG_0412_ndvi.png`]: overlay({ kind: 'ndvi', of: wheat412 }),
  [`${fieldSurvey}/plot-12/IMG_0413.jpg`]: picture(wheat413, 'IMG_0413'),
  [`${fieldSurvey}/plot-12/IMG_0413_ndvi.png`]: overlay({ kind: 'ndvi', of: wheat413 }),
  'https://field-survey.s3.eu-west-1.amazonaws.com/2023/plot-12/IMG_0301.jpg': picture({ ...wheat413, young: true }, 'IMG_0301 (2023)'),
  'https://field-survey.s3.eu-west-1.amazonaws.com/docs/survey-protocol.pdf': pdf(documents.SURVEY_PROTOCOL_PDF_HTML),
  'gs://field-survey-gcs/2024/plot-13/IMG_0420.jpg': picture({ kind: 'field', crop: 'barley', seed: 420 }, 'IMG_0420'),
  'gs://field-survey-gcs/2024/plot-13/IMG_0421.jpg': picture({ kind: 'field', crop: 'barley', seed: 421, lodging: true }, 'IMG_0421'),
  'https://fieldsurveyeu.blob.core.windows.net/drone/2024/flight-07/frame-0001.jpg': picture({ kind: 'drone', seed: 7, shift: 0 }, 'flight 07, frame 1'),
  'https://fieldsurveyeu.blob.core.windows.net/drone/2024/flight-07/frame-0002.jpg': picture({ kind: 'drone', seed: 7, shift: 36 }, 'flight 07, frame 2'),
  'https://fieldsurveyeu.blob.core.windows.net/drone/2024/flight-07/log.html': text(documents.FLIGHT_LOG_HTML),
  [`${fieldSurvey}/plot-14/IMG_0501.png`]: picture({ kind: 'rows', seed: 501, angle: 0.35 }, 'IMG_0501', PNG),
  [`${fieldSurvey}/plot-14/IMG_0501_moisture.png`]: overlay({ kind: 'moisture', seed: 501 }),
  [`${fieldSurvey}/plot-14/report.txt`]: text(documents.REPORT_TXT),
  [`${fieldSurvey}/plot-14/IMG_0502.png`]: picture({ kind: 'rows', seed: 502, angle: -0.2 }, 'IMG_0502', PNG),
  [`${fieldSurvey}/plot-14/walkthrough.mp4`]: video('walkthrough', 'plot 14 walk-through'),
  [`${fieldSurvey}/plot-15/IMG_0610.jpg`]: picture({ kind: 'field', crop: 'sunflower', seed: 610 }, 'IMG_0610'),
  [`${fieldSurvey}/plot-15/IMG_0611.jpg`]: picture({ kind: 'field', crop: 'sunflower', seed: 611, damage: true }, 'IMG_0611'),
  // legacy-format.labelbox.json
  [`${orchard}/north/0001.jpg`]: picture(orchard1, 'north 0001'),
  [`${orchard}/north/0001_ndvi.png`]: overlay({ kind: 'ndvi', of: orchard1 }),
  [`${orchard}/north/0001_2020.jpg`]: picture({ ...orchard1, blossom: true }, 'north 0001 (2020)'),
  [`${orchard}/north/0002.jpg`]: picture({ kind: 'field', crop: 'orchard', seed: 2 }, 'north 0002'),
  [`${orchard}/north/0003.jpg`]: picture({ kind: 'field', crop: 'orchard', seed: 3 }, 'north 0003'),
  [`${orchard}/video/flyover.mp4`]: video('flyover', 'orchard fly-over'),
  [`${orchard}/maps/route.png`]: picture({ kind: 'route' }, 'flight route', PNG),
  [`${orchard}/chats/support-chat-43.json`]: text(documents.SUPPORT_CHAT_43_JSON),
  [`${orchard}/guides/orchard-north.html`]: text(documents.ORCHARD_GUIDE_HTML),
  // mixed-media.labelbox.json
  [`${lab}/images/street-0412.jpg`]: picture({ kind: 'street', seed: 412, weather: 'day' }, 'street 0412'),
  [`${lab}/video/intersection-03.mp4`]: video('intersection', 'intersection 03'),
  [`${lab}/video/intersection-03-b.mp4`]: video('intersection-b', 'intersection 03, camera B'),
  [`${lab}/text/terms-of-service-2024.txt`]: text(documents.TERMS_TXT),
  [`${lab}/conversations/support-0042.json`]: text(documents.SUPPORT_0042_JSON),
  [`${lab}/docs/lease-2023.pdf`]: pdf(documents.LEASE_PDF_HTML),
  [`${lab}/html/product-page-5.html`]: text(documents.PRODUCT_PAGE_HTML),
  [`${lab}/audio/call-0193.wav`]: async () => chime(),
  // mistakes.labelbox.json: the rows whose mistakes still leave a picture to show (the last
  // row is previewed although a comma is missing).
  [`${lab}/images/street-0413.jpg`]: picture({ kind: 'street', seed: 413, weather: 'day' }, 'street 0413'),
  [`${lab}/images/street-0415.jpg`]: picture({ kind: 'street', seed: 415, weather: 'fog' }, 'street 0415'),
  [`${lab}/images/street-0416.jpg`]: picture({ kind: 'street', seed: 416, weather: 'day' }, 'street 0416'),
  [`${lab}/images/street-0417.jpg`]: picture({ kind: 'street', seed: 417, weather: 'rain' }, 'street 0417'),
  [`${lab}/images/street-0418.jpg`]: picture({ kind: 'street', seed: 418, weather: 'dusk' }, 'street 0418'),
  [`${lab}/images/street-0419.jpg`]: picture(street0419, 'street 0419'),
  [`${lab}/images/street-0420.jpg`]: picture({ kind: 'street', seed: 420, weather: 'fog' }, 'street 0420'),
  ...Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [`${lab}/layers/0419-${String(i + 1).padStart(2, '0')}.png`, overlay({ kind: 'mask', of: street0419, layer: i + 1 })]),
  ),
};

/** The tile style of each tile layer prefix the examples use. */
const TILE_STYLES: Record<string, { style: TileStyle; output: Output; metres: number }> = {
  'https://tiles.example-lab.org/city/': { style: 'city', output: { width: 256, height: 256, format: 'png' }, metres: 110 },
  'https://tiles.example-lab.org/city-sat/': { style: 'city-sat', output: { width: 256, height: 256, format: 'jpeg', quality: 0.6 }, metres: 110 },
  'https://tiles.example-maps.com/parcels/': { style: 'parcels', output: { width: 256, height: 256, format: 'png' }, metres: 30 },
};

async function call(page: Page, name: string, ...args: unknown[]): Promise<Buffer> {
  // A string, not a function: tsx would wrap a function in helpers the page does not have.
  const base64 = await page.evaluate(`examplePaint.${name}(...${JSON.stringify(args)})`);
  if (typeof base64 !== 'string') throw new Error(`examplePaint.${name} returned no data`);
  return Buffer.from(base64, 'base64');
}

/** Three soft notes of a door chime, as the "call" recording. */
function chime(): Buffer {
  const rate = 8000;
  const samples = new Float32Array(rate * 2.4);
  [659.25, 523.25, 392].forEach((frequency, note) => {
    const start = note * 0.6 * rate;
    for (let i = 0; start + i < samples.length; i++) {
      const t = i / rate;
      samples[start + i] += 0.3 * Math.exp(-t * 2.5) * (Math.sin(2 * Math.PI * frequency * t) + 0.3 * Math.sin(4 * Math.PI * frequency * t));
    }
  });
  return pcmWav(samples, rate);
}

function exampleFiles(): string[] {
  return readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(EXAMPLES, name));
}

function resolveContext(): ResolveContext {
  const settings = parseJsonc(readFileSync(path.join(EXAMPLES, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
  const { rules, problems } = parseRewrites(settings['labelboxImport.preview.urlRewrites'], [{ name: 'examples', path: EXAMPLES }]);
  if (problems.length) throw new Error(problems.join('\n'));
  return { rules, workspaceFolders: [{ name: 'examples', path: EXAMPLES }], documentFolder: EXAMPLES };
}

/** The file an URL is mirrored in. */
function fileOf(url: string, context: ResolveContext): string {
  const resolution = resolveAddress(url, context);
  if (resolution.kind !== 'local' || !resolution.path.startsWith(MEDIA + path.sep)) {
    throw new Error(`${url} is not mapped to examples/media/ by examples/.vscode/settings.json`);
  }
  return resolution.path;
}

/** The tiled imagery of the example rows, read as the preview reads it (rows that do not parse are skipped). */
function tiledRows(): TiledModel[] {
  const found: TiledModel[] = [];
  for (const file of exampleFiles()) {
    let rows: unknown;
    try {
      rows = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue; // mistakes.labelbox.json is not valid JSON, on purpose
    }
    if (!Array.isArray(rows)) continue;
    for (const row of rows) {
      const asset = describeRow(row, undefined).asset;
      if (asset.kind === 'tiled' && asset.tiled.bounds) found.push(asset.tiled);
    }
  }
  return found;
}

const worldX = (lng: number) => (lng + 180) / 360;
const worldY = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2;

/** The tiles the preview's map asks for around a row's bounds: z/x/y of each. */
function tilesOf(model: TiledModel): Array<[number, number, number]> {
  const [[south, west], [north, east]] = model.bounds!;
  const [x0, x1, y0, y1] = [worldX(west), worldX(east), worldY(north), worldY(south)];
  // Leaflet's fitBounds: the highest zoom at which the bounds fit the map's height.
  let fit = 0;
  while ((y1 - y0) * 256 * 2 ** (fit + 1) <= MAP_HEIGHT) fit++;
  const highest = model.maxNativeZoom ?? model.maxZoom ?? 22;
  const tiles: Array<[number, number, number]> = [];
  for (let z = Math.max(fit - 1, model.minZoom ?? 0); z <= Math.min(fit + 1, highest); z++) {
    const n = 2 ** z;
    for (let x = Math.floor(x0 * n); x <= Math.floor(x1 * n); x++) for (let y = Math.floor(y0 * n); y <= Math.floor(y1 * n); y++) tiles.push([z, x, y]);
  }
  return tiles;
}

function write(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

function sizeOf(folder: string): number {
  return readdirSync(folder, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(folder, entry.name);
    return sum + (entry.isDirectory() ? sizeOf(full) : statSync(full).size);
  }, 0);
}

async function main(): Promise<void> {
  const context = resolveContext();
  const used = exampleFiles()
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  for (const url of Object.keys(ASSETS)) if (!used.includes(`"${url}"`)) throw new Error(`No example file uses ${url}`);

  const bundle = await esbuild.build({
    entryPoints: [path.join(__dirname, 'exampleMedia', 'paint.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'examplePaint',
    target: 'chrome120',
  });
  rmSync(MEDIA, { recursive: true, force: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    for (const [url, make] of Object.entries(ASSETS)) write(fileOf(url, context), await make(page));

    for (const model of tiledRows()) {
      for (const layer of model.layers) {
        const prefix = Object.keys(TILE_STYLES).find((candidate) => layer.url.startsWith(candidate));
        if (!prefix) continue;
        const { style, output, metres } = TILE_STYLES[prefix];
        const latitude = (model.bounds![0][0] + model.bounds![1][0]) / 2;
        const pitch = metres / (40_075_016.686 * Math.cos((latitude * Math.PI) / 180));
        for (const [z, x, y] of tilesOf(model)) {
          const url = layer.url.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
          write(fileOf(url, context), await call(page, 'tile', style, z, x, y, pitch, output));
        }
      }
    }
  } finally {
    await browser.close();
  }
  const total = sizeOf(MEDIA);
  console.log(`Wrote ${path.relative(ROOT, MEDIA)}: ${(total / 1024).toFixed(0)} KB.`);
  if (total > BUDGET_BYTES) throw new Error(`examples/media is over its budget of ${BUDGET_BYTES / 1024} KB: make the pictures smaller.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
