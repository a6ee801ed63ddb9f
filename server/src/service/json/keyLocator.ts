/**
 * Finds a top-level key of an object in the text, and the extent of its value, by scanning
 * the object's characters without building a tree. Used to place things (a global key, an
 * asset key) in rows that were checked without positions.
 */

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
      } else if (depth === 1 && isFollowedByColon(text, close + 1, end) && keys.includes(keyText(text, i, close))) {
        pendingKey = { offset: i, length: close + 1 - i };
      }
      i = close;
    } else if (ch === 0x7b || ch === 0x5b) {
      if (depth === 1 && pendingKey) {
        const valueEnd = matchingEnd(text, i, end);
        found = { keyOffset: pendingKey.offset, keyLength: pendingKey.length, valueOffset: i, valueLength: valueEnd - i };
        pendingKey = undefined;
      }
      depth++;
    } else if (ch === 0x7d || ch === 0x5d) {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && pendingKey && ch !== 0x3a && ch !== 0x20 && ch !== 0x0a && ch !== 0x0d && ch !== 0x09) {
      // A number, true, false or null.
      let j = i;
      while (j < end && !/[\s,}\]]/.test(text[j])) j++;
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

function isFollowedByColon(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3a) return true;
    if (ch !== 0x20 && ch !== 0x0a && ch !== 0x0d && ch !== 0x09) return false;
  }
  return false;
}

function matchingEnd(text: string, open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      const close = stringEnd(text, i, end);
      if (close < 0) return end;
      i = close;
    } else if (ch === 0x7b || ch === 0x5b) {
      depth++;
    } else if (ch === 0x7d || ch === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return end;
}
