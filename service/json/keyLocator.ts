/**
 * Finds a top-level key of an object in the text, and the extent of its value, by scanning
 * the object's characters without building a tree. Used to place things (a global key, an
 * asset key) in rows that were checked without positions.
 */

import type { PathStep } from './nodePath';
import { closingQuote, containerEnd, literalEnd, skipWhitespace, valueEnd } from './validJsonScan';

export interface KeyLocation {
  /** Offsets in the object's text of the key (with its quotes) and of its value. */
  keyOffset: number;
  keyLength: number;
  valueOffset: number;
  valueLength: number;
}

/** The last occurrence (the one JSON.parse keeps) of any of `keys` directly inside the object that `text` is. */
export function locateTopLevelKey(text: string, keys: readonly string[]): KeyLocation | undefined {
  const end = text.length;
  if (text.charCodeAt(0) !== 0x7b) return undefined;
  let found: KeyLocation | undefined;
  let depth = 0;
  let pendingKey: { offset: number; length: number } | undefined;
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      const close = stringEnd(text, i, end);
      if (close < 0) return found;
      if (depth === 1 && pendingKey) {
        found = { keyOffset: pendingKey.offset, keyLength: pendingKey.length, valueOffset: i, valueLength: close + 1 - i };
        pendingKey = undefined;
      } else if (depth === 1 && text.charCodeAt(skipWhitespace(text, close + 1, end)) === 0x3a && keys.includes(keyText(text, i, close))) {
        pendingKey = { offset: i, length: close + 1 - i };
      }
      i = close;
    } else if (ch === 0x7b || ch === 0x5b) {
      if (depth === 1 && pendingKey) {
        const close = containerEnd(text, i, end);
        found = { keyOffset: pendingKey.offset, keyLength: pendingKey.length, valueOffset: i, valueLength: (close < 0 ? end : close) - i };
        pendingKey = undefined;
      }
      depth++;
    } else if (ch === 0x7d || ch === 0x5d) {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && pendingKey && ch !== 0x3a && ch !== 0x20 && ch !== 0x0a && ch !== 0x0d && ch !== 0x09) {
      // A number, true, false or null.
      const j = literalEnd(text, i, end);
      found = { keyOffset: pendingKey.offset, keyLength: pendingKey.length, valueOffset: i, valueLength: j - i };
      pendingKey = undefined;
      i = j - 1;
    }
  }
  return found;
}

/** The key between the quotes at `open` and `close`; unescaped by JSON.parse only when it has a backslash. */
function keyText(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close);
  return raw.includes('\\') ? (JSON.parse(text.slice(open, close + 1)) as string) : raw;
}

/** Offset of the quote closing the string that opens at `open`, or -1. */
export function stringEnd(text: string, open: number, end: number): number {
  for (let i = open + 1; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c) i++;
    else if (ch === 0x22) return i;
    else if (ch === 0x0a) return -1;
  }
  return -1;
}

/** Start of the member after a value that ends at `from`: past the comma; -1 at the end of the object or array. */
function nextMember(text: string, from: number, end: number): number {
  const separator = skipWhitespace(text, from, end);
  return text.charCodeAt(separator) === 0x2c ? skipWhitespace(text, separator + 1, end) : -1;
}

/**
 * Where the key or value at the end of `path` is in `text`, a valid JSON value without
 * repeated keys (a row that JSON.parse read). Found by scanning, without building a tree;
 * undefined when the path does not lead anywhere.
 */
export function locatePath(text: string, path: readonly PathStep[]): { offset: number; length: number } | undefined {
  const end = text.length;
  let start = skipWhitespace(text, 0, end);
  // The end of the whole value only for an empty path: the steps below find the end of each
  // value they go into, and reading to the end of a row for its first key cost more than the rest.
  let stop = path.length ? -1 : valueEnd(text, start, end);
  if (!path.length && stop < 0) return undefined;
  for (let stepIndex = 0; stepIndex < path.length; stepIndex++) {
    const step = path[stepIndex];
    const isLast = stepIndex === path.length - 1;
    let i = skipWhitespace(text, start + 1, end);
    if (step.kind === 'item') {
      if (text.charCodeAt(start) !== 0x5b) return undefined;
      for (let index = 0; ; index++) {
        const itemEnd = text.charCodeAt(i) === 0x5d ? -1 : valueEnd(text, i, end);
        if (itemEnd < 0) return undefined;
        if (index === step.index) {
          start = i;
          stop = itemEnd;
          break;
        }
        i = nextMember(text, itemEnd, end);
        if (i < 0) return undefined;
      }
      continue;
    }
    if (text.charCodeAt(start) !== 0x7b) return undefined;
    for (;;) {
      if (text.charCodeAt(i) !== 0x22) return undefined;
      const keyClose = closingQuote(text, i, end);
      if (keyClose < 0) return undefined;
      const colon = skipWhitespace(text, keyClose + 1, end);
      if (text.charCodeAt(colon) !== 0x3a) return undefined;
      const valueStart = skipWhitespace(text, colon + 1, end);
      const propertyEnd = valueEnd(text, valueStart, end);
      if (propertyEnd < 0) return undefined;
      if (keyText(text, i, keyClose) === step.name) {
        if (step.kind === 'key') return isLast ? { offset: i, length: keyClose + 1 - i } : undefined;
        start = valueStart;
        stop = propertyEnd;
        break;
      }
      i = nextMember(text, propertyEnd, end);
      if (i < 0) return undefined;
    }
  }
  return { offset: start, length: stop - start };
}
