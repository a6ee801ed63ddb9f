import type { Severity } from '../../../service';
import { countSeverities, printedRange, type FileReport } from '../report';

/**
 * GitHub Actions workflow commands, one per problem: GitHub shows each as an annotation on the
 * pull request's lines, without code scanning. The format is documented in "Workflow commands
 * for GitHub Actions" (docs.github.com); the escaping is that of the Actions toolkit.
 */

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNPRINTABLE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A message: `%`, carriage returns and line feeds are escaped, so that it stays one command.
 * Other control characters (a key written "\u001b[31m" in JSON) and the bidirectional controls
 * are written as \uXXXX, as the text format does: they would drive the log's terminal colors or
 * turn text around.
 */
export function escapeData(text: string): string {
  return text
    .replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}

/** A property value (file, title): also `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = report.file.replace(/\\/g, '/').replace(/^\.\//, '');
    for (const diagnostic of report.diagnostics) {
      const { start, end } = printedRange(report, diagnostic);
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(`labelbox-import ${diagnostic.code}`)}`,
      ];
      lines.push(`::${COMMAND[diagnostic.severity]} ${properties.join(',')}::${escapeData(diagnostic.message)}`);
    }
  }
  const totals = countSeverities(reports);
  // A plain line for the log: annotations beyond GitHub's per-step limit are not shown.
  lines.push(
    `labelbox-import: ${reports.length} file${reports.length === 1 ? '' : 's'} checked: ${totals.errors} errors, ${totals.warnings} warnings, ${totals.information} infos.`,
  );
  return `${lines.join('\n')}\n`;
}
