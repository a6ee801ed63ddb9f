import type { ImportDocument } from '../document/importDocument';

/** Like VS Code's own JSON outline, which stops at 5,000 items. */
export const DEFAULT_MAX_SYMBOLS = 5000;

export interface RowSymbol {
  /** Global key, else external id, else "Row N". */
  name: string;
  /** Media type, or what the row's format says about it. */
  detail: string;
  /** The row's value (absolute offsets). */
  offset: number;
  length: number;
  /** What to select: the global key or external id value, else the row's opening brace. */
  selectionOffset: number;
  selectionLength: number;
}

/** One symbol per row, read from the facts kept for each row: no row is parsed, the global key is found by a scan. */
export function documentSymbols(document: ImportDocument, maxSymbols = DEFAULT_MAX_SYMBOLS): { symbols: RowSymbol[]; capped: boolean } {
  const rows = document.rows;
  const count = Math.min(rows.length, maxSymbols);
  const symbols = new Array<RowSymbol>(count);
  for (let index = 0; index < count; index++) {
    const entry = rows[index];
    const facts = document.locate(entry);
    const name = facts.globalKey?.value || facts.externalId || `Row ${index + 1}`;
    const detail = facts.mediaType ?? (facts.dialect === 'legacy' ? 'legacy format' : facts.dialect ? 'no media_type' : 'not a data row');
    const selection = facts.globalKey ?? { offset: 0, length: Math.min(1, entry.valueLength) };
    symbols[index] = {
      name,
      detail,
      offset: entry.start,
      length: entry.valueLength,
      selectionOffset: entry.start + selection.offset,
      selectionLength: selection.length,
    };
  }
  return { symbols, capped: rows.length > maxSymbols };
}
