/**
 * Scanning text known to be valid JSON (a row that JSON.parse read, or is about to read) for
 * where things end, without building anything. Strings are skipped with indexOf, not
 * character by character.
 */

/** Offset of the quote closing the string that opens at `open`, or -1 when there is none before `end`. */
export function closingQuote(text: string, open: number, end: number): number {
  let close = open;
  for (;;) {
    close = text.indexOf('"', close + 1);
    if (close < 0 || close >= end) return -1;
    let backslash = close - 1;
    while (text.charCodeAt(backslash) === 0x5c) backslash--;
    if ((close - 1 - backslash) % 2 === 0) return close;
  }
}

/** End (exclusive) of the object or array that opens at `open`, or -1 when it is not closed before `end`. */
export function containerEnd(text: string, open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      i = closingQuote(text, i, end);
      if (i < 0) return -1;
    } else if (ch === 0x7b || ch === 0x5b) {
      depth++;
    } else if ((ch === 0x7d || ch === 0x5d) && --depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

/** End (exclusive) of the number, true, false or null that starts at `start`. */
export function literalEnd(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && !/[\s,}\]]/.test(text[i])) i++;
  return i;
}

/** End (exclusive) of the value that starts at `start`, or -1 when there is none. */
export function valueEnd(text: string, start: number, end: number): number {
  if (start >= end) return -1;
  const first = text.charCodeAt(start);
  if (first === 0x22) {
    const close = closingQuote(text, start, end);
    return close < 0 ? -1 : close + 1;
  }
  return first === 0x7b || first === 0x5b ? containerEnd(text, start, end) : literalEnd(text, start, end);
}

export function skipWhitespace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x20 && ch !== 0x0a && ch !== 0x0d && ch !== 0x09) break;
    i++;
  }
  return i;
}
