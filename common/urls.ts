import { tableOf } from './ownKeys';

/** Small helpers for the URLs that data rows point at. */

/** Has a scheme (`https://`, `gs://`, `s3://`…) or is a `data:` URL. */
export function looksLikeUrl(text: string): boolean {
  const colon = schemeEnd(text);
  if (colon < 0) return false;
  // "//" after the scheme, or the scheme is data (any case).
  return (text.charCodeAt(colon + 1) === SLASH && text.charCodeAt(colon + 2) === SLASH) || (colon === 4 && text.slice(0, 4).toLowerCase() === 'data');
}

export function schemeOf(text: string): string | undefined {
  const colon = schemeEnd(text);
  return colon < 0 ? undefined : text.slice(0, colon).toLowerCase();
}

const SLASH = 0x2f;

/**
 * Where the colon after a URL scheme is (a letter, then letters, digits, "+", "." or "-"), or
 * -1. Read by hand: URLs are checked several times in every row, and this is cheaper than
 * /^[a-z][a-z0-9+.-]*:/i.
 */
function schemeEnd(text: string): number {
  if (!isLetter(text.charCodeAt(0))) return -1;
  for (let i = 1; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3a) return i;
    if (!isLetter(ch) && !(ch >= 0x30 && ch <= 0x39) && ch !== 0x2b && ch !== 0x2e && ch !== 0x2d) return -1;
  }
  return -1;
}

function isLetter(ch: number): boolean {
  const lower = ch | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
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

/**
 * Lower-case file extension of a URL's path, without query or fragment: 1 to 5 letters or
 * digits after the last "." of the last path segment. Read by hand: it runs on most rows.
 */
export function extensionOf(url: string): string | undefined {
  const query = url.indexOf('?');
  const fragment = url.indexOf('#');
  const end = query < 0 ? (fragment < 0 ? url.length : fragment) : fragment < 0 ? query : Math.min(query, fragment);
  for (let i = end - 1; i >= 0 && i >= end - 6; i--) {
    const ch = url.charCodeAt(i);
    if (ch === DOT) return i < end - 1 ? url.slice(i + 1, end).toLowerCase() : undefined;
    const lower = ch | 0x20;
    if (!(lower >= 0x61 && lower <= 0x7a) && !(ch >= 0x30 && ch <= 0x39)) return undefined;
  }
  return undefined;
}

const DOT = 0x2e;

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
