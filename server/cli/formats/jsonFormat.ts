import { printedRange, type FileReport } from '../report';

/** An array of `{file, range, severity, code, message}`; lines and columns are 1-based, `end` exclusive. */
export function formatJson(reports: readonly FileReport[]): string {
  const items = reports.flatMap((report) =>
    report.diagnostics.map((diagnostic) => ({
      file: report.file,
      range: printedRange(report, diagnostic),
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
      // Places in other files (a global key another file uses first).
      ...(diagnostic.relatedElsewhere?.length
        ? {
            related: diagnostic.relatedElsewhere.map((related) => ({
              file: related.label,
              range: {
                start: { line: related.line + 1, column: related.character + 1 },
                end: { line: related.line + 1, column: related.character + related.length + 1 },
              },
              message: related.message,
            })),
          }
        : {}),
    })),
  );
  return `${JSON.stringify(items, null, 2)}\n`;
}
