import { ImportDocument } from '../document/importDocument';
import type { ImportDiagnostic } from '../diagnostic';
import type { Severity, SeverityOverrides } from '../rules';
import type { ValidationContext } from '../validation/validationContext';
import type { TextEdit } from '../featureHelpers/textEdit';

/** A problem the converted rows have that the legacy rows did not: its code, in how many more rows, and the checker's own words. */
export interface AddedProblem {
  code: string;
  severity: Severity;
  rows: number;
  message: string;
}

/**
 * What converting rows adds: each converted row is checked again as the current format and
 * its problems compared, by code, with the legacy row's. Rows are checked independently, so
 * only the converted rows are looked at. `edits` each replace one whole row (convertRowEdit).
 */
export function problemsAdded(
  document: ImportDocument,
  edits: readonly TextEdit[],
  context: ValidationContext,
  overrides: SeverityOverrides = {},
): AddedProblem[] {
  /** By code: the rows that had it before, and the first problem of each row that has it after. */
  const counts = new Map<string, { before: number; after: ImportDiagnostic[] }>();
  const count = (problems: readonly ImportDiagnostic[], side: 'before' | 'after') => {
    const seen = new Set<string>();
    for (const problem of problems) {
      const override = overrides[problem.code];
      if (override === 'off' || seen.has(problem.code)) continue;
      seen.add(problem.code);
      const entry = counts.get(problem.code) ?? { before: 0, after: [] };
      if (side === 'before') entry.before++;
      else entry.after.push(override ? { ...problem, severity: override } : problem);
      counts.set(problem.code, entry);
    }
  };
  const starts = new Map(document.rows.map((row, index) => [row.start, index]));
  const converted = edits.filter((edit) => starts.has(edit.offset));
  if (!converted.length) return [];
  for (const edit of converted) {
    const row = document.rows[starts.get(edit.offset)!];
    count([...row.syntax, ...row.checks], 'before');
  }
  // The converted rows are checked together, as the array they would form, in one pass.
  const check = new ImportDocument(`[\n${converted.map((edit) => edit.newText).join(',\n')}\n]`, context);
  for (const row of check.rows) count([...row.syntax, ...row.checks], 'after');
  const added: AddedProblem[] = [];
  for (const [code, { before, after }] of counts) {
    if (after.length > before) added.push({ code, severity: after[0].severity, rows: after.length - before, message: after[0].message });
  }
  return added.sort((a, b) => b.rows - a.rows);
}

/** The sentence the editor shows after a conversion: how many rows, and which problems it adds and why. */
export function conversionMessage(rows: number, added: readonly AddedProblem[]): string {
  const converted = `Converted ${rows.toLocaleString()} row${rows === 1 ? '' : 's'} to the current import format.`;
  if (!added.length) return `${converted} It adds no problem the legacy rows did not have.`;
  const parts = added.map(
    (problem) => `${problem.code} (${problem.severity}) in ${problem.rows.toLocaleString()} row${problem.rows === 1 ? '' : 's'}: ${problem.message}`,
  );
  return `${converted} The current format reports what the legacy one did not: ${parts.join(' ')}`;
}
