import { tableOf } from './ownKeys';

/** Small helpers for the URLs that data rows point at. */

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Has a scheme (`https://`, `gs://`, `s3://`…) or is a `data:` URL. */
export function looksLikeUrl(text: string): boolean {
  return SCHEME.test(text) || /^data:/i.test(text);
}

export function schemeOf(text: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  return match?.[1].toLowerCase();
}

/** A path on the user's machine, which only the Python SDK can upload. */
export function looksLikeLocalPath(text: string): boolean {
  if (/^(\/|\.{1,2}[\\/]|~[\\/]|[a-zA-Z]:[\\/]|file:)/.test(text)) return true;
  return !/\s/.test(text) && !looksLikeUrl(text) && /^[\w\-./\\]+\.[a-z0-9]{2,5}$/i.test(text);
}

/**
 * The URL up to its query or fragment (the first "?" or "#"). Found with a search for one
 * character: /[?#].*$/ was quadratic on a URL of many "?" followed by a line break.
 */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

/** Lower-case file extension of a URL's path, without query or fragment. */
export function extensionOf(url: string): string | undefined {
  const path = withoutQuery(url);
  const match = /\.([a-z0-9]{1,5})$/i.exec(path.slice(path.lastIndexOf('/') + 1));
  return match?.[1].toLowerCase();
}

/** The media type each file extension means. Only ownKeys is imported here: the preview's webview bundles this file too. */
const MEDIA_TYPE_OF_EXTENSION = tableOf({
  jpg: 'IMAGE',
  jpeg: 'IMAGE',
  png: 'IMAGE',
  bmp: 'IMAGE',
  gif: 'IMAGE',
  webp: 'IMAGE',
  mp4: 'VIDEO',
  mov: 'VIDEO',
  webm: 'VIDEO',
  avi: 'VIDEO',
  mkv: 'VIDEO',
  m4v: 'VIDEO',
  mp3: 'AUDIO',
  wav: 'AUDIO',
  m4a: 'AUDIO',
  flac: 'AUDIO',
  ogg: 'AUDIO',
  aac: 'AUDIO',
  txt: 'TEXT',
  html: 'HTML',
  htm: 'HTML',
  dcm: 'DICOM',
  dicom: 'DICOM',
  pdf: 'PDF',
});

export function mediaTypeOfUrl(url: string): string | undefined {
  const extension = extensionOf(url);
  return extension ? MEDIA_TYPE_OF_EXTENSION.get(extension) : undefined;
}

/** The only data: URLs the preview loads: raster images (never SVG, which can hold scripts, nor data:text/html). */
export const DATA_IMAGE_URL = /^data:image\/(png|jpe?g|gif|webp|bmp)[;,]/i;

/** `text` with its %-escapes decoded, or as it is when they are malformed (`a%zz`), which decodeURIComponent throws on. */
export function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
