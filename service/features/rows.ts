import type { JsonValue } from '../json/ast';
import { toValue } from '../json/ast';
import type { ImportDiagnostic } from '../diagnostic';
import type { ImportDocument, RowEntry } from '../document/importDocument';
import type { RowFacts } from '../validation/validateRow';
import { utcText } from '../document/signedUrlDiagnostics';

/** A data row with everything a preview of it needs. Offsets are absolute. */
export interface RowDetails {
  index: number;
  start: number;
  end: number;
  value: JsonValue | undefined;
  facts: RowFacts;
  problems: ImportDiagnostic[];
}

export function rowDetails(document: ImportDocument, index: number): RowDetails | undefined {
  const entry = document.rows[index];
  if (!entry) return undefined;
  const tree = document.rowTree(index);
  return {
    index,
    start: entry.start,
    end: entry.start + entry.valueLength,
    value: tree ? toValue(tree) : undefined,
    facts: entry.facts,
    problems: rowProblems(document, entry),
  };
}

/**
 * The row at `offset` on the line from `lineStart` to `lineEnd` (the next line's start), where a
 * cursor in the indentation or after a trailing comma counts as on the row of that line (where
 * Home and End put it), not on the row before. Reads only the blanks before the cursor and the
 * blanks and commas at the end of the line, in small slices: a minified file is one line of
 * tens of megabytes, and this runs on every move of the cursor.
 */
export function rowIndexNear(document: ImportDocument, offset: number, lineStart: number, lineEnd: number): number {
  const read = (start: number, end: number) => document.slice(start, end);
  const cursor = Math.min(Math.max(offset, lineStart), lineEnd);
  const first = scanForward(read, lineStart, lineEnd, isWhitespace);
  if (first < lineEnd && cursor < first) return document.rowIndexAt(first);
  const end = scanBackward(read, lineStart, lineEnd, (code) => code === COMMA || isWhitespace(code));
  if (end > lineStart && cursor >= end) return document.rowIndexAt(end - 1);
  return document.rowIndexAt(cursor);
}

const COMMA = 0x2c;
const SCAN_CHUNK = 4096;

/** What /\s/ matches: ASCII and Unicode spaces, line breaks and the byte order mark. */
function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The first offset from `start` whose character does not pass `skip`, or `end`. */
function scanForward(read: (start: number, end: number) => string, start: number, end: number, skip: (code: number) => boolean): number {
  for (let from = start; from < end; from += SCAN_CHUNK) {
    const text = read(from, Math.min(end, from + SCAN_CHUNK));
    for (let i = 0; i < text.length; i++) if (!skip(text.charCodeAt(i))) return from + i;
  }
  return end;
}

/** The offset after the last character before `end` that does not pass `skip`, or `start`. */
function scanBackward(read: (start: number, end: number) => string, start: number, end: number, skip: (code: number) => boolean): number {
  for (let to = end; to > start; to -= SCAN_CHUNK) {
    const from = Math.max(start, to - SCAN_CHUNK);
    const text = read(from, to);
    for (let i = text.length - 1; i >= 0; i--) if (!skip(text.charCodeAt(i))) return from + i + 1;
  }
  return start;
}

/** The row's own problems plus a duplicate global key and its signed URLs expired as of `now`, in absolute offsets. */
export function rowProblems(document: ImportDocument, entry: RowEntry, now = Date.now()): ImportDiagnostic[] {
  const problems = [...entry.syntax, ...entry.checks].map((problem) => ({ ...problem, offset: problem.offset + entry.start }));
  for (const fact of entry.facts.signedUrls ?? []) {
    if (fact.expiresAt > now) continue;
    document.locateSignedUrls(entry);
    problems.push({
      offset: entry.start + Math.max(0, fact.offset),
      length: fact.offset < 0 ? 1 : fact.length,
      severity: 'warning',
      code: 'signed-url-expired',
      message: `This signed URL expired on ${utcText(fact.expiresAt)}.`,
    });
  }
  const key = document.locate(entry).globalKey;
  if (key && isDuplicateKey(document, entry)) {
    problems.push({
      offset: entry.start + key.offset,
      length: key.length,
      severity: 'error',
      code: 'duplicate-global-key',
      message: `Another row in this file uses the global key ${JSON.stringify(key.value)}.`,
    });
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

export function isDuplicateKey(document: ImportDocument, entry: RowEntry): boolean {
  const key = entry.facts.globalKey;
  return key !== undefined && document.globalKeys.countRows(key.value) > 1;
}

/** Errors and warnings of a row (signed URLs judged as of `now`), counted without copying them. */
export function countRowProblems(document: ImportDocument, entry: RowEntry, now = Date.now()): { errors: number; warnings: number } {
  let errors = isDuplicateKey(document, entry) ? 1 : 0;
  let warnings = entry.facts.signedUrls?.filter((fact) => fact.expiresAt <= now).length ?? 0;
  for (const list of [entry.syntax, entry.checks]) {
    for (const problem of list) {
      if (problem.severity === 'error') errors++;
      else if (problem.severity === 'warning') warnings++;
    }
  }
  return { errors, warnings };
}
