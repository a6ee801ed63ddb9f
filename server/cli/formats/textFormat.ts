import type { Severity } from '../../../service';
import { countSeverities, printedRange, type FileReport } from '../report';
import { formatCount } from '../../../common/formatCount';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[36m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Messages quote keys and values from the file, which may hold control characters (a key
 * written "\u001b[31m" in JSON): escape them so that they cannot drive the terminal. Line and
 * paragraph separators and the bidirectional controls too: they break lines in logs, or turn
 * the rest of a line around (a file name shown backwards).
 */
function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `file:line:col severity code message`, one per line, then a summary. */
export function formatText(reports: readonly FileReport[], color: boolean): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) {
      const { start } = printedRange(report, diagnostic);
      const severity = diagnostic.severity === 'information' ? 'info' : diagnostic.severity;
      lines.push(
        `${printable(report.file)}:${start.line}:${start.column} ${paint(COLORS[diagnostic.severity], severity)} ${paint(DIM, diagnostic.code)} ${printable(diagnostic.message)}`,
      );
    }
  }
  const totals = countSeverities(reports);
  const rows = reports.reduce((sum, report) => sum + report.rows, 0);
  const files = `${reports.length} file${reports.length === 1 ? '' : 's'}, ${formatCount(rows)} row${rows === 1 ? '' : 's'}`;
  const problems = totals.errors + totals.warnings + totals.information;
  if (problems === 0) {
    lines.push(`No problems found (${files}).`);
  } else {
    const parts = [
      `${totals.errors} error${totals.errors === 1 ? '' : 's'}`,
      `${totals.warnings} warning${totals.warnings === 1 ? '' : 's'}`,
      `${totals.information} info`,
    ];
    const summary = `${formatCount(problems)} problem${problems === 1 ? '' : 's'} (${parts.join(', ')}) in ${files}.`;
    lines.push(totals.errors ? paint(COLORS.error, summary) : summary);
  }
  return `${lines.join('\n')}\n`;
}
