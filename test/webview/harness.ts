/**
 * Runs the preview page in real Chromium: a local HTTP server serves the page (built by the
 * extension's own previewHtml, with its Content-Security-Policy), the bundled dist/webview.js
 * and test media; a stub of acquireVsCodeApi records what the page posts and keeps its state.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../e2e/harness/chromium';
import { createNonce, previewHtml } from '../../client/preview/previewHtml';
import type { HostMessage } from '../../common/preview/messages';
import { HTML_PAGE, png, wav } from './testMedia';

export const ROOT = resolve(__dirname, '../..');
export const RESULTS = join(ROOT, 'test-results', 'webview');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.map': 'application/json',
  '.html': 'text/html',
  '.txt': 'text/plain; charset=utf-8',
  '.webm': 'video/webm',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
};

export const IMAGE_SIZE = { width: 64, height: 48 };

export class PreviewHarness {
  readonly beacons: string[] = [];
  readonly media = new Map<string, Buffer>();
  origin = '';
  private server: Server | undefined;
  browser: Browser | undefined;

  async start(): Promise<void> {
    if (!existsSync(join(ROOT, 'dist/webview.js'))) throw new Error('dist/webview.js is missing: run npm run build first.');
    this.media.set(
      'image.png',
      png(IMAGE_SIZE.width, IMAGE_SIZE.height, (x, y) => [40 + x * 3, 80 + y * 3, 160, 255]),
    );
    this.media.set(
      'thumb.png',
      png(32, 24, () => [90, 140, 90, 255]),
    );
    // Overlay layers: a red square and a blue stripe, half transparent around them.
    this.media.set(
      'overlay-a.png',
      png(IMAGE_SIZE.width, IMAGE_SIZE.height, (x, y) => (x > 8 && x < 30 && y > 8 && y < 30 ? [255, 0, 0, 200] : [0, 0, 0, 0])),
    );
    this.media.set(
      'overlay-b.png',
      png(IMAGE_SIZE.width, IMAGE_SIZE.height, (_x, y) => (y > 30 && y < 40 ? [0, 0, 255, 200] : [0, 0, 0, 0])),
    );
    this.media.set(
      'tile.png',
      png(256, 256, (x, y) => (((x >> 5) + (y >> 5)) % 2 ? [200, 220, 200, 255] : [120, 170, 120, 255])),
    );
    this.media.set(
      'tile-alt.png',
      png(256, 256, (x, y) => (((x >> 5) + (y >> 5)) % 2 ? [200, 200, 240, 255] : [110, 110, 190, 255])),
    );
    this.media.set('tone.wav', wav(1));
    this.media.set('page.html', Buffer.from(HTML_PAGE));
    this.media.set('notes.txt', Buffer.from('Plot 14 was re-seeded.\n<script>window.__pwned = 3</script>\n'));
    this.media.set('broken.mp4', Buffer.from('this is not a video at all'.repeat(40)));
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const path = decodeURIComponent(url.pathname);
      const send = (status: number, body: Buffer | string, type = 'text/plain') => {
        response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        response.end(body);
      };
      if (path.startsWith('/beacon/')) {
        this.beacons.push(path.slice('/beacon/'.length));
        return send(
          200,
          png(1, 1, () => [0, 0, 0, 0]),
          'image/png',
        );
      }
      if (path === '/preview.html') {
        return send(
          200,
          previewHtml({
            cspSource: this.origin,
            nonce: createNonce(),
            scriptUri: `${this.origin}/dist/webview.js`,
            styleUri: `${this.origin}/dist/webview.css`,
            title: 'Preview',
          }),
          'text/html',
        );
      }
      const tile = /^\/(tiles|tiles-alt)\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(path);
      if (tile) return send(200, this.media.get(tile[1] === 'tiles' ? 'tile.png' : 'tile-alt.png')!, 'image/png');
      if (path.startsWith('/media/')) {
        const body = this.media.get(path.slice('/media/'.length));
        return body ? send(200, body, TYPES[extname(path)] ?? 'application/octet-stream') : send(404, 'not found');
      }
      if (path.startsWith('/dist/')) {
        const file = normalize(join(ROOT, path));
        if (!file.startsWith(join(ROOT, 'dist')) || !existsSync(file)) return send(404, 'not found');
        return send(200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
      }
      send(404, 'not found');
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
    this.media.set('clip.webm', await this.recordWebm());
  }

  /** A real WebM (VP8) recorded from a canvas by Chromium's MediaRecorder. */
  private async recordWebm(): Promise<Buffer> {
    const context = await this.browser!.newContext();
    const page = await context.newPage();
    await page.goto(`${this.origin}/media/notes.txt`);
    const base64 = await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 80;
      canvas.height = 60;
      const draw = canvas.getContext('2d')!;
      const recorder = new MediaRecorder(canvas.captureStream(20), { mimeType: 'video/webm;codecs=vp8' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      let frame = 0;
      const timer = setInterval(() => {
        draw.fillStyle = `hsl(${(frame++ * 20) % 360} 70% 50%)`;
        draw.fillRect(0, 0, 80, 60);
      }, 40);
      recorder.start();
      await new Promise((done) => setTimeout(done, 700));
      const stopped = new Promise((done) => (recorder.onstop = done));
      recorder.stop();
      await stopped;
      clearInterval(timer);
      const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    });
    await context.close();
    const webm = Buffer.from(base64, 'base64');
    if (webm.length < 200) throw new Error('Chromium recorded no WebM video.');
    return webm;
  }

  private shared: { context: BrowserContext; page: Page; errors: string[] } | undefined;

  /**
   * Opens the preview page with the VS Code API stubbed; `state` is what getState returns (as
   * after a reload). One browser page serves every test of a file (a new one costs seconds
   * here); each open loads the page afresh.
   */
  async open(options: { state?: unknown; galleryRows?: number; width?: number; height?: number } = {}): Promise<PreviewPage> {
    if (!this.shared) {
      const context = await this.browser!.newContext();
      const page = await context.newPage();
      const shared = { context, page, errors: [] as string[] };
      // tsx keeps function names with a helper the page lacks; functions sent to the page need it.
      await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
      await page.addInitScript(stubVsCodeApi);
      page.on('pageerror', (error) => shared.errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') shared.errors.push(message.text());
      });
      this.shared = shared;
    }
    const { page, context } = this.shared;
    const errors: string[] = [];
    this.shared.errors = errors;
    await page.setViewportSize({ width: options.width ?? 900, height: options.height ?? 700 });
    const stub = JSON.stringify({ state: options.state, galleryRows: options.galleryRows ?? 0, origin: this.origin });
    await page.goto(`${this.origin}/preview.html?stub=${encodeURIComponent(stub)}`);
    await page.waitForFunction(() => (window as unknown as StubWindow).__sent.some((message) => message.type === 'ready'));
    return new PreviewPage(page, context, errors, this.origin);
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

export interface StubWindow {
  __sent: Array<{ type: string; [key: string]: unknown }>;
  __state: unknown;
  acquireVsCodeApi: () => unknown;
}

/**
 * Runs in the page before its scripts: the three functions VS Code gives a webview, and an
 * answer to gallery requests from `galleryRows` made-up rows (as the extension would).
 */
function stubVsCodeApi(): void {
  const options = JSON.parse(new URLSearchParams(location.search).get('stub') ?? '{}') as { state: unknown; galleryRows: number; origin: string };
  const page = window as unknown as StubWindow & { __galleryRequests: number };
  page.__sent = [];
  page.__state = options.state;
  page.__galleryRequests = 0;
  const tileOf = (index: number) => {
    const mediaType = index % 5 === 4 ? 'VIDEO' : 'IMAGE';
    return {
      index,
      line: index + 1,
      globalKey: `row-${index}`,
      mediaType,
      errors: index % 7 === 3 ? 1 : 0,
      warnings: index % 11 === 5 ? 2 : 0,
      // The asset access check's mark, with a server's text that looks like markup.
      ...(index % 13 === 6 ? { assetProblem: { code: 'asset-not-found', detail: 'HEAD answered 404 <b>Not Found</b>.' } } : {}),
      ...(mediaType === 'IMAGE' ? { thumb: { src: `${options.origin}/media/thumb.png`, external: true } } : {}),
    };
  };
  const answerGallery = (message: { requestId: number; from: number; count: number; filter: { text: string; mediaType: string; problemsOnly: boolean } }) => {
    page.__galleryRequests++;
    const { text, mediaType, problemsOnly } = message.filter;
    const matches = (tile: ReturnType<typeof tileOf>) =>
      (!text || tile.globalKey.includes(text.toLowerCase())) &&
      (!mediaType || tile.mediaType === mediaType) &&
      (!problemsOnly || tile.errors + tile.warnings > 0);
    const filtered = text || mediaType || problemsOnly;
    let total = options.galleryRows;
    let tiles: Array<ReturnType<typeof tileOf>> = [];
    if (!filtered) {
      for (let index = message.from; index < Math.min(total, message.from + message.count); index++) tiles.push(tileOf(index));
    } else {
      const all: Array<ReturnType<typeof tileOf>> = [];
      for (let index = 0; index < options.galleryRows; index++) {
        const tile = tileOf(index);
        if (matches(tile)) all.push(tile);
      }
      total = all.length;
      tiles = all.slice(message.from, message.from + message.count);
    }
    setTimeout(
      () => window.postMessage({ type: 'galleryPage', requestId: message.requestId, from: message.from, total, rowCount: options.galleryRows, tiles }, '*'),
      5,
    );
  };
  page.acquireVsCodeApi = () => ({
    postMessage: (message: { type: string; [key: string]: unknown }) => {
      page.__sent.push(message);
      if (message.type === 'galleryRequest' && options.galleryRows) answerGallery(message as never);
    },
    getState: () => page.__state,
    setState: (state: unknown) => {
      page.__state = state;
    },
  });
}

/** Light and dark colours with the names VS Code gives its theme variables. */
export const THEMES: Record<'light' | 'dark', { bodyClass: string; variables: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    variables: {
      '--vscode-font-family': 'system-ui, "DejaVu Sans", sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace',
      '--vscode-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#717171',
      '--vscode-editor-background': '#ffffff',
      '--vscode-panel-border': '#e5e5e5',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-textLink-foreground': '#005fb8',
      '--vscode-button-background': '#005fb8',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-badge-background': '#cccccc',
      '--vscode-badge-foreground': '#3b3b3b',
      '--vscode-input-background': '#ffffff',
      '--vscode-input-border': '#cecece',
      '--vscode-editorWidget-background': '#f8f8f8',
      '--vscode-textCodeBlock-background': '#f0f0f0',
      '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
      '--vscode-list-activeSelectionBackground': '#e8e8e8',
      '--vscode-editorError-foreground': '#e51400',
      '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-panelTitle-activeBorder': '#005fb8',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    variables: {
      '--vscode-font-family': 'system-ui, "DejaVu Sans", sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace',
      '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-badge-background': '#616161',
      '--vscode-badge-foreground': '#f8f8f8',
      '--vscode-input-background': '#313131',
      '--vscode-input-border': '#3c3c3c',
      '--vscode-input-foreground': '#cccccc',
      '--vscode-dropdown-background': '#313131',
      '--vscode-dropdown-foreground': '#cccccc',
      '--vscode-editorWidget-background': '#202020',
      '--vscode-textCodeBlock-background': '#2b2b2b',
      '--vscode-list-inactiveSelectionBackground': '#37373d',
      '--vscode-list-activeSelectionBackground': '#04395e',
      '--vscode-editorError-foreground': '#f14c4c',
      '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-panelTitle-activeBorder': '#0078d4',
    },
  },
};

export class PreviewPage {
  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly errors: string[],
    readonly origin: string,
  ) {}

  /** Posts a message as the extension does. */
  async send(message: HostMessage): Promise<void> {
    await this.page.evaluate((data) => window.postMessage(data, '*'), message as unknown);
  }

  async sent(): Promise<StubWindow['__sent']> {
    return this.page.evaluate(() => (window as unknown as StubWindow).__sent);
  }

  async state(): Promise<Record<string, unknown>> {
    return this.page.evaluate(() => (window as unknown as StubWindow).__state as Record<string, unknown>);
  }

  async theme(name: 'light' | 'dark'): Promise<void> {
    await this.page.evaluate((theme) => {
      // As VS Code does: variables on the root element, the theme kind on the body.
      for (const [variable, value] of Object.entries(theme.variables)) document.documentElement.style.setProperty(variable, value);
      document.body.classList.remove('vscode-light', 'vscode-dark');
      document.body.classList.add(theme.bodyClass);
    }, THEMES[name]);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(RESULTS, { recursive: true });
    const file = join(RESULTS, `${name}.png`);
    writeFileSync(file, await this.page.screenshot({ fullPage: false }));
    return file;
  }

  /** Leaves the page (the browser page itself is reused by the next test). */
  async close(): Promise<void> {
    await this.page.goto('about:blank');
  }
}
