/** How a text is indented, so that generated JSON looks like the user's own. */
export interface Indentation {
  /** One level: two spaces, four spaces, a tab… */
  unit: string;
  /** Line ending used by the text. */
  eol: string;
}

/** How much of the start of a text detectIndentation reads: a caller can pass just that slice. */
export const INDENTATION_SAMPLE_LENGTH = 64 * 1024;

export function detectIndentation(text: string): Indentation {
  const sample = text.slice(0, INDENTATION_SAMPLE_LENGTH);
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

/** Reads the text from `start` to `end`, e.g. without flattening a text kept in pieces. */
export type TextReader = (start: number, end: number) => string;

/**
 * The text from the start of the line holding `offset` up to `offset`, read backwards in
 * growing slices so that a big text is not copied whole: lineIndentAt and startsLine of it at
 * its end answer as they would on the whole text.
 */
export function lineBefore(read: TextReader, offset: number): string {
  for (let size = 256; ; size *= 4) {
    const from = Math.max(0, offset - size);
    const text = read(from, offset);
    const newline = text.lastIndexOf('\n');
    if (newline >= 0 || from === 0) return text.slice(newline + 1);
  }
}

/**
 * The spaces and tabs before `offset` when nothing else precedes it on its line, else
 * undefined: startsLine and lineIndentAt in one, reading backwards only as far as needed.
 */
export function indentBefore(read: TextReader, offset: number): string | undefined {
  let end = offset;
  for (let size = 64; end > 0; size *= 4) {
    const from = Math.max(0, end - size);
    const text = read(from, end);
    for (let index = text.length - 1; index >= 0; index--) {
      const ch = text[index];
      if (ch === '\n') return read(from + index + 1, offset);
      if (ch !== ' ' && ch !== '\t') return undefined;
    }
    end = from;
  }
  return read(0, offset);
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
