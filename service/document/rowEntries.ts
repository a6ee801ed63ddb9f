import { JsonParser, readQuickRow, type ParsedElement } from '../json/parser';
import { validateParsedRow, validateRow, type RowFacts, type RowResult } from '../validation/validateRow';
import type { ValidationContext } from '../validation/validationContext';
import type { ImportDiagnostic } from '../diagnostic';

/** One element of the root array, kept without its tree: a tree is parsed again when needed. */
export interface RowEntry {
  /** Absolute offset of the row's first character; moved when text before it changes. */
  start: number;
  valueLength: number;
  /** Syntax problems between this row's start and the next row's start (row-relative). */
  syntax: ImportDiagnostic[];
  /** Problems found by checking the row (row-relative). */
  checks: ImportDiagnostic[];
  facts: RowFacts;
  /** Found when first asked for (document links). */
  links?: RowLink[];
}

export interface RowLink {
  offset: number;
  length: number;
  target: string;
}

/** A row's entry from the result of checking it. */
export function rowEntry(start: number, valueLength: number, result: RowResult): RowEntry {
  return { start, valueLength, syntax: [], checks: result.diagnostics, facts: result.facts };
}

/**
 * Checks a parsed element of `source`, whose offset 0 is `shift` in the document. A row read
 * by JSON.parse is checked without positions; one with a problem that cannot be placed that
 * way, or one the parser read with positions, on its tree.
 */
export function checkElement(element: ParsedElement, source: string, shift: number, context: ValidationContext): RowEntry {
  let result = element.value !== undefined ? validateParsedRow(element.value, source.slice(element.start, element.valueEnd), context) : undefined;
  if (!result) {
    // Parsed with positions: by this parser already, or now because the row has problems to place.
    const tree = element.value !== undefined ? new JsonParser(source, element.start, element.valueEnd).parseRelativeValue() : element.node;
    result = validateRow(tree, context);
  }
  return rowEntry(element.start + shift, element.valueEnd - element.start, result);
}

/**
 * Reads and checks a row whose reading was deferred (`ParsedElement.keys`), from its text
 * alone: what `checkElement` does for a row read by JSON.parse. Undefined when the quick read
 * fails: the text must then be parsed again from the row's start with the tolerant parser.
 * Runs on worker threads, so it needs nothing but its arguments.
 */
export function checkDeferredRow(rowText: string, keys: number, context: ValidationContext): RowResult | undefined {
  const value = readQuickRow(rowText, keys);
  if (value === undefined) return undefined;
  return validateParsedRow(value, rowText, context) ?? validateRow(new JsonParser(rowText).parseRelativeValue(), context);
}
