/** Small helpers for addresses, shared by the extension and the webview. */

/** `text` with its %-escapes decoded, or as it is when they are malformed (`a%zz`), which decodeURIComponent throws on. */
export function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
