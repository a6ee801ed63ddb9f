import { countBySeverity, type ImportDiagnostic, type SeverityCounts } from '../../service';

/** The problems found in one file, with what is needed to print their positions. */
export interface FileReport {
  /** The path as the user wrote it, or "<stdin>". */
  file: string;
  rows: number;
  diagnostics: ImportDiagnostic[];
  /** Line and character of an offset (zero-based). */
  lines: { positionAt(offset: number): { line: number; character: number } };
}

/** 1-based line and column, as editors and terminals show them; `end` is exclusive. */
export interface PrintedRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export function printedRange(report: FileReport, diagnostic: ImportDiagnostic): PrintedRange {
  const start = report.lines.positionAt(diagnostic.offset);
  const end = report.lines.positionAt(diagnostic.offset + diagnostic.length);
  return {
    start: { line: start.line + 1, column: start.character + 1 },
    end: { line: end.line + 1, column: end.character + 1 },
  };
}

export function countSeverities(reports: readonly FileReport[]): SeverityCounts {
  const totals: SeverityCounts = { errors: 0, warnings: 0, information: 0 };
  for (const report of reports) countBySeverity(report.diagnostics, totals);
  return totals;
}
