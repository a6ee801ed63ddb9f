import type { JsonValue } from './ast';
import { countKeys } from './valueNodes';
import { Ch } from './charCodes';

/**
 * Reading the rows of a pretty-printed file without scanning them character by character.
 *
 * A file written by a program closes every row the same way: a line break, the row's
 * indentation and "}" ("\n  }" for JSON.stringify(rows, null, 2)). Once one row is known to end
 * so, the next row is taken to end at the first such closer after its start, and JSON.parse
 * decides: when the text from the row's "{" to that "}" parses, it is one complete value, so
 * that "}" closes the row (a raw line break cannot be inside a JSON string, so the closer is
 * never inside one). When it does not parse, or a key is repeated (which JSON.parse hides by
 * keeping the last), the caller scans the row as before: the result is always the scan's.
 */

/** Deeper nesting than this is left to the scan (which leaves it to the tolerant parser), as `MAX_NESTING_DEPTH`. */
const MAX_DEPTH = 256;

/**
 * The line break and indentation before the "}" that ends the row at [start, end), with the
 * "}" ("\n  }"); undefined when the row does not end on a line of its own (a one-line file).
 */
export function rowCloserOf(text: string, start: number, end: number): string | undefined {
  let lineBreak = end - 2;
  while (lineBreak > start && (text.charCodeAt(lineBreak) === Ch.Space || text.charCodeAt(lineBreak) === Ch.Tab)) lineBreak--;
  if (lineBreak <= start || text.charCodeAt(lineBreak) !== Ch.LineFeed || text.charCodeAt(end - 1) !== Ch.CloseBrace) return undefined;
  return text.slice(lineBreak, end);
}

/**
 * The row at `start` read as ending at the first `closer` (before `limit`): its value and end,
 * or undefined when that text is not one JSON value with as many distinct keys as it writes.
 */
export function readRowClosedLike(text: string, start: number, limit: number, closer: string): { value: JsonValue; end: number } | undefined {
  // Searched in a slice that ends at the limit (a view, not a copy): indexOf would otherwise read on to the end of the text.
  const at = text.slice(start, limit).indexOf(closer);
  const end = start + at + closer.length;
  if (at < 0) return undefined;
  let value: JsonValue;
  try {
    value = JSON.parse(text.slice(start, end)) as JsonValue;
  } catch {
    return undefined;
  }
  const distinct = countKeys(value, MAX_DEPTH);
  return distinct >= 0 && distinct === writtenKeys(text, start, end) ? { value, end } : undefined;
}

/**
 * Keys written in valid JSON text: each ":" whose previous character, past white space, is a
 * quote that no backslash escapes. Outside strings a colon only follows a key; inside one, a
 * quote before it (spaces only between: a string holds no raw tab or line break) is escaped.
 */
export function writtenKeys(text: string, start: number, end: number): number {
  let keys = 0;
  for (let colon = text.indexOf(':', start); colon >= 0 && colon < end; colon = text.indexOf(':', colon + 1)) {
    let before = colon - 1;
    let ch = text.charCodeAt(before);
    while (ch === Ch.Space || ch === Ch.LineFeed || ch === Ch.CarriageReturn || ch === Ch.Tab) ch = text.charCodeAt(--before);
    if (ch !== Ch.Quote) continue;
    let backslashes = 0;
    while (text.charCodeAt(before - 1 - backslashes) === Ch.Backslash) backslashes++;
    if (backslashes % 2 === 0) keys++;
  }
  return keys;
}
