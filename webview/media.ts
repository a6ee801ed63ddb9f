/** Elements that show one asset or attachment: images, players, frames, texts, documents. */
import type { Resource, TextState } from '../common/preview/messages';
import { tableOf } from '../common/ownKeys';
import { extensionOf } from '../common/urls';
import { button, h, setAttributes } from './dom';
import { namedIcon } from './icons';
import type { Post } from './vscodeApi';

export interface ViewContext {
  post: Post;
  allowScripts(): boolean;
  resource(url: string): Resource;
  text(url: string): TextState;
  /** Calls back with the text's state now and whenever it changes; returns an unsubscribe. */
  watchText(url: string, update: (state: TextState) => void): () => void;
  layer(url: string): { visible: boolean; opacity: number } | undefined;
  setLayer(url: string, layer: { visible: boolean; opacity: number }): void;
}

export function openExternalButton(url: string, resource: Resource, context: ViewContext, label = 'Open externally'): HTMLButtonElement | null {
  if (!resource.external) return null;
  return button(
    label,
    () => context.post({ type: 'openExternal', url }),
    { class: 'link-button', 'data-testid': 'open-external', title: url },
    namedIcon('external'),
    label,
  );
}

/**
 * Why an address is not shown, told apart so the card says what really happened: the file is
 * not there, the preview may not load it, it arrived but cannot play or show here, it is not
 * loaded yet, or loading it failed.
 */
export type Unshown = 'not-found' | 'not-allowed' | 'cannot-play' | 'cannot-show' | 'not-loaded' | 'load-failed';

const UNSHOWN_TITLES: Record<Unshown, string> = {
  'not-found': 'Not found',
  'not-allowed': 'Not loaded by the preview',
  'cannot-play': 'Cannot play here',
  'cannot-show': 'Cannot show here',
  'not-loaded': 'Not loaded yet',
  'load-failed': 'Could not be loaded',
};

/**
 * A card saying why something is not shown: a title, the reason, the address, and at most one
 * action (open it outside VS Code, when that can work). `data-reason` names the case.
 */
export function unshownCard(
  why: Unshown,
  url: string,
  reason: string,
  resource: Resource,
  context: ViewContext,
  testId = why === 'load-failed' ? 'load-failed' : 'unavailable',
  action?: string,
): HTMLElement {
  const canOpen = why !== 'not-found' && why !== 'not-loaded';
  return h(
    'div',
    { class: `placeholder ${why}`, role: why === 'not-loaded' ? 'status' : 'note', 'data-testid': testId, 'data-reason': why },
    namedIcon(why === 'not-loaded' ? 'information' : why === 'cannot-play' || why === 'cannot-show' ? 'warning' : 'blocked'),
    h(
      'div',
      { class: 'placeholder-text' },
      h('p', { class: 'placeholder-title' }, UNSHOWN_TITLES[why]),
      h('p', { class: 'placeholder-reason' }, reason),
      h('p', {}, h('code', { class: 'address' }, url)),
      viaNote(resource),
      canOpen ? openExternalButton(url, resource, context, action) : null,
    ),
  );
}

/** The card for an address that is not loaded at all (blocked, missing), or undefined when it may load. */
export function notLoadable(url: string, resource: Resource, context: ViewContext): HTMLElement | undefined {
  if (resource.blocked) return unshownCard('not-allowed', url, resource.blocked, resource, context);
  if (resource.notFound) return unshownCard('not-found', url, resource.notFound, resource, context);
  return undefined;
}

/** Kept for callers that only have a reason: a blocked address, or one the extension did not send. */
export function unavailable(url: string, reason: string, resource: Resource, context: ViewContext, testId = 'unavailable'): HTMLElement {
  const card = notLoadable(url, resource, context);
  if (card) {
    card.dataset.testid = testId;
    return card;
  }
  return unshownCard(resource.src ? 'load-failed' : 'not-loaded', url, reason, resource, context, testId);
}

function viaNote(resource: Resource): HTMLElement | null {
  return resource.via ? h('p', { class: 'via', 'data-testid': 'via' }, `Shown from ${resource.via}`) : null;
}

/** An image at its natural size (never wider than the panel), with its pixel size once loaded. */
export function imageView(
  url: string,
  resource: Resource,
  context: ViewContext,
  options: { label: string; overlays?: HTMLElement[]; testId?: string },
): HTMLElement {
  const unloadable = notLoadable(url, resource, context);
  if (unloadable) return unloadable;
  if (!resource.src) return unshownCard('not-loaded', url, 'The extension has not said how to load this address yet.', resource, context);
  const image = h('img', { src: resource.src, alt: options.label, referrerpolicy: 'no-referrer', decoding: 'async', 'data-testid': options.testId ?? 'image' });
  const size = h('span', { class: 'image-size', 'data-testid': 'image-size' }, 'Loading…');
  const stack = h('div', { class: 'image-stack' }, image, ...(options.overlays ?? []));
  const figure = h('figure', { class: 'image-figure' }, stack, h('figcaption', {}, size, viaNote(resource), openExternalButton(url, resource, context)));
  image.addEventListener('load', () => {
    size.textContent = `${image.naturalWidth} × ${image.naturalHeight} px`;
  });
  image.addEventListener('error', () => {
    // A workspace file the extension saw: it is there, so its format is what this view cannot show (TIFF, HEIC…).
    const card = resource.fileExists
      ? unshownCard(
          'cannot-show',
          url,
          'The file is there, but VS Code cannot display this image format. Labelbox shows JPEG, PNG, GIF, BMP, WebP and SVG.',
          resource,
          context,
          'load-failed',
        )
      : unshownCard('load-failed', url, `The image could not be loaded. ${resource.failHint ?? ''}`.trim(), resource, context);
    figure.replaceWith(card);
  });
  return figure;
}

const MIME_TYPES = tableOf({
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  ogv: 'video/ogg',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
});

const CODEC_NOTE = 'VS Code plays H.264, VP8 and VP9 video with MP3, WAV, Vorbis, Opus or FLAC audio; AAC audio does not play.';

function seconds(duration: number): string {
  if (!Number.isFinite(duration)) return '';
  const minutes = Math.floor(duration / 60);
  const rest = duration - minutes * 60;
  return minutes ? `${minutes}:${rest.toFixed(1).padStart(4, '0')}` : `${rest.toFixed(1)} s`;
}

/**
 * Why a player failed, from its MediaError: Chromium reports a file it received but cannot
 * demux or decode with a pipeline message, and a response that was no media at all (404, 403,
 * a login page) as a bare "Format error". A workspace file the extension saw is there, so it
 * can only be its format.
 */
function playerFailure(error: MediaError | null, noun: string, resource: Resource): { why: Unshown; reason: string } {
  const code = error?.code;
  const message = error?.message ?? '';
  const arrived = /PipelineStatus|DEMUXER|DECODER|FFmpeg/i.test(message);
  if (code === 3 || (code === 4 && (arrived || resource.fileExists))) {
    return { why: 'cannot-play', reason: `The ${noun} is there, but its format or codec does not play here. ${CODEC_NOTE}` };
  }
  if (code === 2) return { why: 'load-failed', reason: `The download stopped. ${resource.failHint ?? ''}`.trim() };
  return { why: 'load-failed', reason: `No playable ${noun} came back: it may be missing, need a login, or be refused. ${resource.failHint ?? ''}`.trim() };
}

/** A video or audio player; when it cannot play, one card that says why, with one way out. */
export function mediaView(kind: 'video' | 'audio', url: string, resource: Resource, context: ViewContext): HTMLElement {
  const unloadable = notLoadable(url, resource, context);
  if (unloadable) return unloadable;
  if (!resource.src) return unshownCard('not-loaded', url, 'The extension has not said how to load this address yet.', resource, context);
  const noun = kind === 'video' ? 'video' : 'audio file';
  const player = h(kind, {
    controls: true,
    preload: 'metadata',
    'data-testid': `${kind}-player`,
    'aria-label': `${kind === 'video' ? 'Video' : 'Audio'}: ${url}`,
  });
  const info = h('span', { class: 'media-info', 'data-testid': 'media-info' });
  const container = h(
    'div',
    { class: `media ${kind}` },
    player,
    h('p', { class: 'media-caption' }, info, viaNote(resource), openExternalButton(url, resource, context)),
  );
  const showFallback = (why: Unshown, reason: string) => {
    container.replaceChildren(unshownCard(why, url, reason, resource, context, 'media-fallback'));
  };
  const extension = extensionOf(url);
  const mime = extension ? MIME_TYPES.get(extension) : undefined;
  if (mime && player.canPlayType(mime) === '') {
    showFallback('cannot-play', `This view cannot play .${extension} files. ${CODEC_NOTE}`);
    return container;
  }
  player.addEventListener('error', () => {
    const failure = playerFailure(player.error, noun, resource);
    showFallback(failure.why, failure.reason);
  });
  player.addEventListener('loadedmetadata', () => {
    const parts = [];
    if (player instanceof HTMLVideoElement && player.videoWidth) parts.push(`${player.videoWidth} × ${player.videoHeight} px`);
    const length = seconds(player.duration);
    if (length) parts.push(length);
    info.textContent = parts.join(' · ');
  });
  setAttributes(player, { src: resource.src });
  return container;
}

/** The page's own nonce, read while its script runs: the only way a framed page's scripts can pass the policy. */
const PAGE_NONCE = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

/**
 * The framed document: the page as the extension read it, with a `<base>` at its https
 * address so that its relative links and images resolve as they do for a labeler, and, only
 * when scripts are allowed, the page's nonce on its scripts. The frame inherits the preview's
 * policy, which runs no script without that nonce (inline event handlers never run).
 */
export function framedDocument(html: string, base: string | undefined, scripts: boolean): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  if (base && /^https:\/\//i.test(base) && !doc.querySelector('base[href]')) {
    const element = doc.createElement('base');
    element.setAttribute('href', base);
    doc.head.prepend(element);
  }
  if (scripts && PAGE_NONCE) for (const script of doc.querySelectorAll('script')) script.setAttribute('nonce', PAGE_NONCE);
  const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>` : '<!DOCTYPE html>';
  return `${doctype}\n${doc.documentElement.outerHTML}`;
}

/**
 * HTML in a sandboxed frame: without allow-same-origin ever, and without allow-scripts unless
 * the user turned labelboxImport.preview.allowScripts on. The extension reads the page (a
 * workspace file, or an https URL, at most 1 MB) and the frame gets it as `srcdoc`: a frame
 * of its own origin could not load the webview's resource addresses. The sandbox is set first.
 */
export function frameView(url: string, resource: Resource, context: ViewContext, title: string): { element: HTMLElement; dispose: () => void } {
  const unloadable = notLoadable(url, resource, context);
  if (unloadable) return { element: unloadable, dispose: () => undefined };
  const scripts = context.allowScripts();
  const holder = h('div', { class: 'frame' });
  const update = (state: TextState) => {
    if (state.status === 'loading') {
      holder.replaceChildren(unshownCard('not-loaded', url, 'Loading the page…', resource, context));
      return;
    }
    if (state.status === 'failed') {
      holder.replaceChildren(
        unshownCard('load-failed', url, `The page could not be read: ${state.reason} ${resource.failHint ?? ''}`.trim(), resource, context),
      );
      return;
    }
    const frame = h('iframe', { sandbox: scripts ? 'allow-scripts' : '', title, referrerpolicy: 'no-referrer', 'data-testid': 'html-frame' });
    frame.srcdoc = framedDocument(state.text, resource.base, scripts);
    holder.replaceChildren(
      frame,
      h(
        'p',
        { class: 'frame-note' },
        scripts
          ? 'Shown in a sandbox; its scripts run (labelboxImport.preview.allowScripts is on).'
          : 'Shown in a sandbox without scripts (setting labelboxImport.preview.allowScripts).',
        state.truncated ? ' Only the first megabyte of the page is shown.' : '',
        ' ',
        viaNote(resource),
        openExternalButton(url, resource, context),
      ),
    );
  };
  return { element: holder, dispose: context.watchText(url, update) };
}

/** A text the extension fetches: a status line, then the text itself (as text, never markup). */
export function fetchedTextView(url: string, resource: Resource, context: ViewContext, testId: string): { element: HTMLElement; dispose: () => void } {
  const status = h('p', { class: 'text-status', 'data-testid': 'text-status', role: 'status' });
  const body = h('pre', { class: 'text-body', 'data-testid': testId, tabindex: 0 });
  const element = h(
    'div',
    { class: 'fetched-text' },
    status,
    body,
    h('p', { class: 'media-caption' }, h('code', { class: 'address' }, url), viaNote(resource), openExternalButton(url, resource, context)),
  );
  const update = (state: TextState) => {
    body.hidden = state.status !== 'loaded';
    if (state.status === 'loading') status.textContent = 'Loading…';
    else if (state.status === 'failed') status.textContent = `Could not load the text: ${state.reason}`;
    else {
      status.textContent = state.truncated ? 'The first megabyte of the text:' : '';
      status.hidden = !state.truncated;
      body.textContent = state.text;
    }
  };
  return { element, dispose: context.watchText(url, update) };
}

/**
 * A PDF: VS Code's webviews are sandboxed frames, where Chromium's PDF viewer (a plugin) never
 * runs, so an embedded document would be an empty box. The card says so and opens it elsewhere.
 */
export function pdfView(url: string, resource: Resource, context: ViewContext, textLayerUrl?: string): HTMLElement {
  const unloadable = notLoadable(url, resource, context);
  const card =
    unloadable ??
    unshownCard(
      'cannot-show',
      url,
      'VS Code’s preview cannot show PDF documents: its webviews have no PDF viewer. Open it in your own PDF viewer.',
      resource,
      context,
      'pdf-note',
      'Open the PDF externally',
    );
  const container = h('div', { class: 'pdf' }, card);
  if (textLayerUrl) container.appendChild(h('p', { class: 'note' }, 'Text layer: ', h('code', { class: 'address' }, textLayerUrl)));
  return container;
}

/** Overlay layers over an image, each with a visibility toggle and an opacity slider. */
export function overlayLayers(
  layers: Array<{ url: string; name: string; resource: Resource }>,
  context: ViewContext,
): { images: HTMLElement[]; controls: HTMLElement } {
  const images: HTMLElement[] = [];
  const rows: HTMLElement[] = [];
  layers.forEach((layer, position) => {
    const id = `overlay-${position}`;
    if (!layer.resource.src) {
      rows.push(
        h(
          'li',
          { class: 'overlay-control blocked' },
          h('span', { class: 'layer-name' }, layer.name),
          unavailable(layer.url, layer.resource.blocked ?? 'Not loaded.', layer.resource, context),
        ),
      );
      return;
    }
    const saved = context.layer(layer.url) ?? { visible: true, opacity: 1 };
    const image = h('img', {
      class: 'overlay',
      src: layer.resource.src,
      alt: `Overlay ${layer.name}`,
      referrerpolicy: 'no-referrer',
      'data-testid': 'overlay-image',
      'data-layer': position,
    });
    const toggle = h('input', { type: 'checkbox', id: `${id}-toggle`, 'data-testid': 'overlay-toggle', 'data-layer': position });
    const slider = h('input', {
      type: 'range',
      id: `${id}-opacity`,
      min: 0,
      max: 100,
      step: 5,
      'data-testid': 'overlay-opacity',
      'data-layer': position,
      'aria-label': `Opacity of ${layer.name}`,
    });
    const percent = h('output', { for: `${id}-opacity`, class: 'opacity-value' });
    const apply = () => {
      image.hidden = !toggle.checked;
      image.style.opacity = String(Number(slider.value) / 100);
      percent.textContent = `${slider.value}%`;
      slider.disabled = !toggle.checked;
    };
    toggle.checked = saved.visible;
    slider.value = String(Math.round(saved.opacity * 100));
    const save = () => {
      apply();
      context.setLayer(layer.url, { visible: toggle.checked, opacity: Number(slider.value) / 100 });
    };
    toggle.addEventListener('change', save);
    slider.addEventListener('input', save);
    image.addEventListener('error', () => {
      toggle.disabled = true;
      slider.disabled = true;
      failed.hidden = false;
    });
    const failed = h('span', { class: 'layer-failed', hidden: true }, `Could not be loaded. ${layer.resource.failHint ?? ''}`);
    apply();
    images.push(image);
    rows.push(h('li', { class: 'overlay-control' }, toggle, h('label', { for: `${id}-toggle` }, layer.name), slider, percent, failed));
  });
  const controls = h('fieldset', { class: 'overlay-controls', 'data-testid': 'overlay-controls' }, h('legend', {}, 'Overlay layers'), h('ul', {}, ...rows));
  return { images, controls };
}
