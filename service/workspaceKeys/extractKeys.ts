import { checkInPieces, type RowBatch, type RowBatchChecker } from '../document/checkInPieces';
import { readQuickRow } from '../json/parser';
import type { RowResult } from '../validation/validateRow';
import type { ValidationContext } from '../validation/validationContext';
import { addKeysOfRows, FileKeys, fileKeysOfRows, locateGlobalKey, type PositionAt } from './fileKeys';
import { dialectOfValue, globalKeyOfRowValue } from './keyOfRow';
import type { JsonValue } from '../json/ast';

/**
 * Reads only what the workspace index needs of each row (its format and global key), not the
 * whole check: a file that is not open is indexed at the cost of JSON.parse. A row whose quick
 * read fails is parsed again by the tolerant parser and checked, as in a full check, so that
 * the keys found are exactly those of the file's document.
 */
export const keysOnlyChecker: RowBatchChecker = {
  check: (batch) => Promise.resolve(readKeysOfBatch(batch)),
};

/** What keysOnlyChecker does for one batch, for a host that schedules batches itself. */
export function readKeysOfBatch({ text, rows }: RowBatch): Array<RowResult | undefined> {
  const results: Array<RowResult | undefined> = [];
  for (let index = 0; index < rows.length; index += 3) {
    const rowText = text.slice(rows[index], rows[index + 1]);
    const value = readQuickRow(rowText, rows[index + 2]);
    results.push(value === undefined ? undefined : keyFacts(value, rowText));
  }
  return results;
}

/** The row's format and global key, located in its text here, while the row's text is at hand. */
function keyFacts(value: JsonValue, rowText: string): RowResult {
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const dialect = isObject ? dialectOfValue(value) : undefined;
  const key = globalKeyOfRowValue(value);
  if (key === undefined) return { diagnostics: [], facts: { dialect } };
  const place = locateGlobalKey(rowText, dialect) ?? { offset: 0, length: 0 };
  return { diagnostics: [], facts: { dialect, globalKey: { value: key, ...place } } };
}

export interface ExtractKeysOptions {
  /** Called as rows are read, with the offset up to which the text is read. */
  onProgress?: (offset: number) => void;
  /** Reads the batches of rows (keysOnlyChecker by default): a host may spread them over time. */
  checker?: RowBatchChecker;
  /** Awaited every few thousand rows while the keys are gathered: a host may let other work run. */
  pause?: () => Promise<void>;
}

/**
 * The global keys of a text that arrives in pieces (a file read in chunks): the same keys, at
 * the same places, as `fileKeysOfDocument` on the whole text's document. The pieces are
 * dropped once read; only the keys are kept.
 */
export async function extractFileKeys(
  source: AsyncIterable<string> | Iterable<string>,
  context: ValidationContext,
  options: ExtractKeysOptions = {},
): Promise<FileKeys> {
  const { checked, pieces } = await checkInPieces(source, context, { checker: options.checker ?? keysOnlyChecker, onProgress: options.onProgress });
  const positions = forwardPositions(pieces.pieces);
  // Keys are copied out of the pieces (flattened), so that no key keeps a piece of the text alive.
  const slice = (start: number, end: number) => pieces.slice(start, end);
  if (!options.pause) return fileKeysOfRows(checked.rows, slice, positions);
  const keys = new FileKeys(checked.rows.length, Math.max(16, checked.rows.length));
  for (let from = 0; from < checked.rows.length; from += ROWS_BETWEEN_PAUSES) {
    addKeysOfRows(keys, checked.rows, from, Math.min(checked.rows.length, from + ROWS_BETWEEN_PAUSES), slice, positions);
    await options.pause();
  }
  return keys.trim();
}

const ROWS_BETWEEN_PAUSES = 5000;

/**
 * Line and character of offsets asked for in increasing order (the rows' keys, in row order):
 * one pass over the text for all of them, where a line index would search for each. Line
 * breaks as in LSP: \n, \r\n and \r.
 */
export function forwardPositions(pieces: readonly string[]): PositionAt {
  let piece = 0;
  let pieceStart = 0;
  let at = 0;
  let line = 0;
  let lineStart = 0;
  const codeAfter = (text: string, i: number) => (i + 1 < text.length ? text.charCodeAt(i + 1) : (pieces[piece + 1]?.charCodeAt(0) ?? -1));
  return (offset) => {
    if (offset < at) throw new Error('forwardPositions: offsets must not decrease');
    while (at < offset && piece < pieces.length) {
      const text = pieces[piece];
      const end = Math.min(offset, pieceStart + text.length) - pieceStart;
      for (let i = at - pieceStart; i < end; i++) {
        const code = text.charCodeAt(i);
        // \r\n is one line break: it ends at the \n.
        if (code === 0x0a || (code === 0x0d && codeAfter(text, i) !== 0x0a)) {
          line++;
          lineStart = pieceStart + i + 1;
        }
      }
      at = pieceStart + end;
      if (end === text.length) {
        pieceStart += text.length;
        piece++;
      }
    }
    return { line, character: offset - lineStart };
  };
}
