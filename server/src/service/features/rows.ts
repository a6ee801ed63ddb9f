import type { JsonValue } from '../json/ast';
import { toValue } from '../json/ast';
import type { ImportDiagnostic } from '../diagnostic';
import type { ImportDocument, RowEntry } from '../document/importDocument';
import type { RowFacts } from '../validation/validateRow';

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
 * Home and End put it), not on the row before. Reads only that line.
 */
export function rowIndexNear(document: ImportDocument, offset: number, lineStart: number, lineEnd: number): number {
  const line = document.slice(lineStart, lineEnd);
  const first = line.search(/\S/);
  const end = line.replace(/[\s,]*$/, '').length;
  let character = offset - lineStart;
  if (first >= 0 && character < first) character = first;
  else if (end > 0 && character >= end) character = end - 1;
  return document.rowIndexAt(lineStart + character);
}

/** The row's own problems plus a duplicate global key, in absolute offsets. */
export function rowProblems(document: ImportDocument, entry: RowEntry): ImportDiagnostic[] {
  const problems = [...entry.syntax, ...entry.checks].map((problem) => ({ ...problem, offset: problem.offset + entry.start }));
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

/** Errors and warnings of a row, counted without copying them. */
export function countRowProblems(document: ImportDocument, entry: RowEntry): { errors: number; warnings: number } {
  let errors = isDuplicateKey(document, entry) ? 1 : 0;
  let warnings = 0;
  for (const list of [entry.syntax, entry.checks]) {
    for (const problem of list) {
      if (problem.severity === 'error') errors++;
      else if (problem.severity === 'warning') warnings++;
    }
  }
  return { errors, warnings };
}
