/** Elements that show one asset or attachment: images, players, frames, texts, documents. */
import type { DocumentState, Resource, TextState } from '../src/preview/shared/messages';
import { tableOf } from '../../server/src/service/text/ownKeys';
import { extensionOf } from '../../server/src/service/text/urls';
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
  /** Asks the extension for a document of the row (once) and calls back when it came; returns an unsubscribe. */
  loadDocument(url: string, update: (state: DocumentState) => void): () => void;
  layer(url: string): { visible: boolean; opacity: number } | undefined;
  setLayer(url: string, layer: { visible: boolean; opacity: number }): void;
}

export function openExternalButton(url: string, resource: Resource, context: ViewContext, label = 'Open externally'): HTMLButtonElement | null {
  if (!resource.external) return null;
  return button(label, () => context.post({ type: 'openExternal', url }), { class: 'link-button', 'data-testid': 'open-external', title: url }, namedIcon('external'), label);
}

/** A box saying why something is not shown, with the address and, when possible, a way to open it. */
export function unavailable(url: string, reason: string, resource: Resource, context: ViewContext, testId = 'unavailable'): HTMLElement {
  return h(
    'div',
    { class: 'placeholder', role: 'note', 'data-testid': testId },
    namedIcon('blocked'),
    h('div', { class: 'placeholder-text' }, h('p', { class: 'placeholder-reason' }, reason), h('p', {}, h('code', { class: 'address' }, url)), openExternalButton(url, resource, context)),
  );
}

function viaNote(resource: Resource): HTMLElement | null {
  return resource.via ? h('p', { class: 'via', 'data-testid': 'via' }, `Shown from ${resource.via}`) : null;
}

/** An image at its natural size (never wider than the panel), with its pixel size once loaded. */
export function imageView(url: string, resource: Resource, context: ViewContext, options: { label: string; overlays?: HTMLElement[]; testId?: string }): HTMLElement {
  if (!resource.src) return unavailable(url, resource.blocked ?? 'This address is not loaded.', resource, context);
  const image = h('img', { src: resource.src, alt: options.label, referrerpolicy: 'no-referrer', decoding: 'async', 'data-testid': options.testId ?? 'image' });
  const size = h('span', { class: 'image-size', 'data-testid': 'image-size' }, 'Loading…');
  const stack = h('div', { class: 'image-stack' }, image, ...(options.overlays ?? []));
  const figure = h('figure', { class: 'image-figure' }, stack, h('figcaption', {}, size, viaNote(resource), openExternalButton(url, resource, context)));
  image.addEventListener('load', () => {
    size.textContent = `${image.naturalWidth} × ${image.naturalHeight} px`;
  });
  image.addEventListener('error', () => {
    figure.replaceWith(unavailable(url, `The image could not be loaded. ${resource.failHint ?? ''}`.trim(), resource, context, 'load-failed'));
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

/** A video or audio player, and a clear way out when it cannot play here. */
export function mediaView(kind: 'video' | 'audio', url: string, resource: Resource, context: ViewContext): HTMLElement {
  if (!resource.src) return unavailable(url, resource.blocked ?? 'This address is not loaded.', resource, context);
  const noun = kind === 'video' ? 'video' : 'audio file';
  const player = h(kind, { controls: true, preload: 'metadata', 'data-testid': `${kind}-player`, 'aria-label': `${kind === 'video' ? 'Video' : 'Audio'}: ${url}` });
  const info = h('span', { class: 'media-info', 'data-testid': 'media-info' });
  const fallbackText = h('p', { class: 'placeholder-reason' });
  const fallback = h(
    'div',
    { class: 'placeholder', role: 'alert', 'data-testid': 'media-fallback', hidden: true },
    namedIcon('warning'),
    h('div', { class: 'placeholder-text' }, h('p', { class: 'fallback-title' }, `This ${noun} cannot play here — open it externally.`), fallbackText, openExternalButton(url, resource, context)),
  );
  const container = h('div', { class: `media ${kind}` }, player, fallback, h('p', { class: 'media-caption' }, info, viaNote(resource), openExternalButton(url, resource, context)));
  const showFallback = (reason: string) => {
    fallbackText.textContent = reason;
    fallback.hidden = false;
    player.hidden = true;
  };
  const extension = extensionOf(url);
  const mime = extension ? MIME_TYPES.get(extension) : undefined;
  if (mime && player.canPlayType(mime) === '') {
    showFallback(`This view cannot play .${extension} files. ${CODEC_NOTE}`);
    return container;
  }
  player.addEventListener('error', () => {
    const code = player.error?.code;
    if (code === 4) showFallback(`Its format or codec is not supported here. ${CODEC_NOTE}`);
    else if (code === 2) showFallback(`It could not be downloaded. ${resource.failHint ?? ''}`.trim());
    else showFallback(`It could not be loaded. ${resource.failHint ?? ''}`.trim());
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

/**
 * HTML in a sandboxed frame: without allow-same-origin ever, and without allow-scripts unless
 * the user turned labelboxImport.preview.allowScripts on. The sandbox is set before the address.
 */
export function frameView(url: string, resource: Resource, context: ViewContext, title: string): HTMLElement {
  if (!resource.src) return unavailable(url, resource.blocked ?? 'This address is not loaded.', resource, context);
  const scripts = context.allowScripts();
  const frame = h('iframe', { sandbox: scripts ? 'allow-scripts' : '', title, referrerpolicy: 'no-referrer', 'data-testid': 'html-frame' });
  setAttributes(frame, { src: resource.src });
  return h(
    'div',
    { class: 'frame' },
    frame,
    h(
      'p',
      { class: 'frame-note' },
      scripts ? 'Shown in a sandbox; its scripts run (labelboxImport.preview.allowScripts is on).' : 'Shown in a sandbox without scripts (setting labelboxImport.preview.allowScripts).',
      ' ',
      viaNote(resource),
      openExternalButton(url, resource, context),
    ),
  );
}

/** A text the extension fetches: a status line, then the text itself (as text, never markup). */
export function fetchedTextView(url: string, resource: Resource, context: ViewContext, testId: string): { element: HTMLElement; dispose: () => void } {
  const status = h('p', { class: 'text-status', 'data-testid': 'text-status', role: 'status' });
  const body = h('pre', { class: 'text-body', 'data-testid': testId, tabindex: 0 });
  const element = h('div', { class: 'fetched-text' }, status, body, h('p', { class: 'media-caption' }, h('code', { class: 'address' }, url), viaNote(resource), openExternalButton(url, resource, context)));
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
 * A PDF: a way to open it, and the document itself where this view has a PDF viewer. The page
 * never points an object or a frame at the address (a server could answer with a page whose
 * scripts would run): the extension fetches the document, checks that it is a PDF and sends
 * its bytes, shown from a blob of type application/pdf.
 */
export function pdfView(url: string, resource: Resource, context: ViewContext, textLayerUrl?: string): { element: HTMLElement; dispose?: () => void } {
  if (!resource.src) return { element: unavailable(url, resource.blocked ?? 'This address is not loaded.', resource, context) };
  const container = h('div', { class: 'pdf' });
  const canRender = (navigator as Navigator & { pdfViewerEnabled?: boolean }).pdfViewerEnabled === true;
  let dispose: (() => void) | undefined;
  if (canRender) {
    const status = h('p', { class: 'text-status', 'data-testid': 'pdf-status', role: 'status' }, 'Loading the document…');
    container.appendChild(status);
    let blobUrl: string | undefined;
    const stop = context.loadDocument(url, (state) => {
      if (state.status === 'failed') {
        status.textContent = `The document is not shown: ${state.reason}`;
        return;
      }
      if (blobUrl) return;
      blobUrl = URL.createObjectURL(new Blob([state.bytes.slice()], { type: 'application/pdf' }));
      const object = h('object', { type: 'application/pdf', 'data-testid': 'pdf-object', 'aria-label': `PDF document ${url}` }, h('p', {}, 'The document cannot be shown here.'));
      setAttributes(object, { data: blobUrl });
      status.replaceWith(object);
    });
    dispose = () => {
      stop();
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    };
  } else {
    container.appendChild(h('p', { class: 'note', 'data-testid': 'pdf-note' }, 'This view cannot show PDF documents; open it externally.'));
  }
  container.appendChild(h('p', { class: 'media-caption' }, h('code', { class: 'address' }, url), viaNote(resource), openExternalButton(url, resource, context, 'Open the PDF externally')));
  if (textLayerUrl) container.appendChild(h('p', { class: 'note' }, 'Text layer: ', h('code', { class: 'address' }, textLayerUrl)));
  return dispose ? { element: container, dispose } : { element: container };
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
      rows.push(h('li', { class: 'overlay-control blocked' }, h('span', { class: 'layer-name' }, layer.name), unavailable(layer.url, layer.resource.blocked ?? 'Not loaded.', layer.resource, context)));
      return;
    }
    const saved = context.layer(layer.url) ?? { visible: true, opacity: 1 };
    const image = h('img', { class: 'overlay', src: layer.resource.src, alt: `Overlay ${layer.name}`, referrerpolicy: 'no-referrer', 'data-testid': 'overlay-image', 'data-layer': position });
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
    rows.push(
      h('li', { class: 'overlay-control' }, toggle, h('label', { for: `${id}-toggle` }, layer.name), slider, percent, failed),
    );
  });
  const controls = h('fieldset', { class: 'overlay-controls', 'data-testid': 'overlay-controls' }, h('legend', {}, 'Overlay layers'), h('ul', {}, ...rows));
  return { images, controls };
}
