import { checkInPieces, type RowBatch, type RowBatchChecker } from '../document/checkInPieces';
import { readQuickRow } from '../json/parser';
import { SparseLineIndex } from '../text/sparseLineIndex';
import type { RowResult } from '../validation/validateRow';
import type { ValidationContext } from '../validation/validationContext';
import { fileKeysOfRows, type FileKeys } from './fileKeys';
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
    const value = readQuickRow(text.slice(rows[index], rows[index + 1]), rows[index + 2]);
    results.push(value === undefined ? undefined : keyFacts(value));
  }
  return results;
}

function keyFacts(value: JsonValue): RowResult {
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const dialect = isObject ? dialectOfValue(value) : undefined;
  const key = globalKeyOfRowValue(value);
  return { diagnostics: [], facts: { dialect, ...(key === undefined ? {} : { globalKey: { value: key, offset: -1, length: -1 } }) } };
}

export interface ExtractKeysOptions {
  /** Called as rows are read, with the offset up to which the text is read. */
  onProgress?: (offset: number) => void;
  /** Reads the batches of rows (keysOnlyChecker by default): a host may spread them over time. */
  checker?: RowBatchChecker;
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
  const lines = new SparseLineIndex(pieces);
  // Keys are copied out of the pieces (flattened), so that no key keeps a piece of the text alive.
  return fileKeysOfRows(
    checked.rows,
    (start, end) => pieces.slice(start, end),
    (offset) => lines.positionAt(offset),
  );
}
