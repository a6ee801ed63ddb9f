import assert from 'node:assert/strict';
import {
  collectDiagnostics,
  createValidationContext,
  ImportDocument,
  type DiagnosticOptions,
  type ImportDiagnostic,
  type RuleCode,
  type Severity,
  type ValidationContext,
} from '../../../service';

/**
 * Test documents with their expected ranges marked in the text: `⟦` opens a range and `⟧`
 * closes it. The markers are removed to get the real text; ranges are numbered in the order
 * their `⟦` appears (they may nest).
 *
 *   const doc = marked(`[{ ⟦"rowData"⟧: "https://…" }]`);
 *   expectProblem(doc, 'unknown-property', { range: 0, message: /Did you mean "row_data"/ });
 */

export const OPEN = '⟦';
export const CLOSE = '⟧';

export interface Range {
  offset: number;
  length: number;
}

export interface MarkedDocument {
  /** The text without markers. */
  text: string;
  ranges: Range[];
  document: ImportDocument;
  diagnostics: ImportDiagnostic[];
}

export interface MarkedOptions extends DiagnosticOptions {
  context?: ValidationContext;
}

/** Removes the markers and returns the text with the ranges they enclosed. */
export function stripMarkers(source: string): { text: string; ranges: Range[] } {
  let text = '';
  const ranges: Range[] = [];
  const open: number[] = [];
  for (const ch of source) {
    if (ch === OPEN) {
      open.push(ranges.length);
      ranges.push({ offset: text.length, length: -1 });
    } else if (ch === CLOSE) {
      const index = open.pop();
      if (index === undefined) throw new Error(`Unbalanced ${CLOSE} at text offset ${text.length}`);
      ranges[index].length = text.length - ranges[index].offset;
    } else {
      text += ch;
    }
  }
  if (open.length) throw new Error(`Unclosed ${OPEN} at text offset ${ranges[open[0]].offset}`);
  return { text, ranges };
}

/** Parses and checks a marked document, as the editor and the CLI do. */
export function marked(source: string, options: MarkedOptions = {}): MarkedDocument {
  const { text, ranges } = stripMarkers(source);
  const { context = createValidationContext(), ...diagnosticOptions } = options;
  const document = new ImportDocument(text, context);
  return { text, ranges, document, diagnostics: collectDiagnostics(document, diagnosticOptions) };
}

export interface ProblemExpectation {
  severity?: Severity;
  /** Index of the marked range the problem must cover exactly. */
  range?: number;
  message?: RegExp | string;
}

function describe(doc: MarkedDocument, diagnostics: readonly ImportDiagnostic[]): string {
  if (!diagnostics.length) return '  (none)';
  return diagnostics
    .map((d) => `  ${d.severity} ${d.code} at ${d.offset}+${d.length} ${JSON.stringify(doc.text.slice(d.offset, d.offset + d.length))}: ${d.message}`)
    .join('\n');
}

function matches(doc: MarkedDocument, diagnostic: ImportDiagnostic, expected: ProblemExpectation): boolean {
  if (expected.range !== undefined) {
    const range = doc.ranges[expected.range];
    if (!range) throw new Error(`The document has no marked range ${expected.range}.`);
    if (diagnostic.offset !== range.offset || diagnostic.length !== range.length) return false;
  }
  if (expected.severity && diagnostic.severity !== expected.severity) return false;
  if (expected.message !== undefined) {
    const ok = typeof expected.message === 'string' ? diagnostic.message.includes(expected.message) : expected.message.test(diagnostic.message);
    if (!ok) return false;
  }
  return true;
}

/** Asserts that a problem with `code` matches every given expectation, and returns it. */
export function expectProblem(doc: MarkedDocument, code: RuleCode, expected: ProblemExpectation = {}): ImportDiagnostic {
  const found = doc.diagnostics.find((diagnostic) => diagnostic.code === code && matches(doc, diagnostic, expected));
  if (!found) {
    const range = expected.range !== undefined ? doc.ranges[expected.range] : undefined;
    const where = range ? ` at ${range.offset}+${range.length} ${JSON.stringify(doc.text.slice(range.offset, range.offset + range.length))}` : '';
    assert.fail(
      `Expected a ${expected.severity ?? ''} "${code}" problem${where}${expected.message ? ` matching ${expected.message}` : ''}; found:\n${describe(doc, doc.diagnostics)}`,
    );
  }
  return found;
}

/** Asserts that no problem with `code` is reported (only at the given marked range, if one is given). */
export function expectNoProblem(doc: MarkedDocument, code: RuleCode, expected: Pick<ProblemExpectation, 'range'> = {}): void {
  const found = doc.diagnostics.filter((diagnostic) => diagnostic.code === code && matches(doc, diagnostic, expected));
  if (found.length) assert.fail(`Expected no "${code}" problem; found:\n${describe(doc, found)}`);
}

/** Asserts that exactly `count` problems with `code` are reported. */
export function expectProblemCount(doc: MarkedDocument, code: RuleCode, count: number): void {
  const found = doc.diagnostics.filter((diagnostic) => diagnostic.code === code);
  if (found.length !== count) assert.fail(`Expected ${count} "${code}" problem(s), found ${found.length}:\n${describe(doc, doc.diagnostics)}`);
}

/** Asserts that no problem of the given severity is reported. */
export function expectNoSeverity(doc: MarkedDocument, severity: Severity): void {
  const found = doc.diagnostics.filter((diagnostic) => diagnostic.severity === severity);
  if (found.length) assert.fail(`Expected no ${severity}; found:\n${describe(doc, found)}`);
}
