/** Small helpers for addresses, shared by the extension and the webview. */

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
