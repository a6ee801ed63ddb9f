/** How a text is indented, so that generated JSON looks like the user's own. */
export interface Indentation {
  /** One level: two spaces, four spaces, a tab… */
  unit: string;
  /** Line ending used by the text. */
  eol: string;
}

export function detectIndentation(text: string): Indentation {
  const sample = text.slice(0, 64 * 1024);
  const eol = sample.includes('\r\n') ? '\r\n' : '\n';
  const counts = new Map<string, number>();
  let previous = 0;
  for (const line of sample.split('\n').slice(0, 2000)) {
    const match = /^([ \t]*)\S/.exec(line);
    if (!match) continue;
    const indent = match[1];
    if (indent.startsWith('\t')) {
      counts.set('\t', (counts.get('\t') ?? 0) + 1);
      continue;
    }
    const step = Math.abs(indent.length - previous);
    previous = indent.length;
    if (step > 0 && step <= 8) counts.set(' '.repeat(step), (counts.get(' '.repeat(step)) ?? 0) + 1);
  }
  let unit = '  ';
  let best = 0;
  for (const [candidate, count] of counts) {
    if (count > best) {
      unit = candidate;
      best = count;
    }
  }
  return { unit, eol };
}

/** The whitespace before the first non-blank character of the line holding `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** Whether nothing but whitespace precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, offset));
}

/**
 * JSON text of `value` laid out like the file: `indent` before every line after the first,
 * `unit` per level. A value written on one line in the file stays on one line.
 */
export function formatJson(value: unknown, indentation: Indentation, baseIndent: string, multiline: boolean): string {
  if (!multiline) return compactJson(value);
  return JSON.stringify(value, null, indentation.unit).split('\n').join(`${indentation.eol}${baseIndent}`);
}

/** One-line JSON with a space after commas and colons: `{ "a": 1, "b": [1, 2] }`. */
export function compactJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${compactJson(item)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return JSON.stringify(value) ?? 'null';
}
