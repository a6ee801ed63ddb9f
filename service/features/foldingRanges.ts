import type { ImportDocument } from '../document/importDocument';

export interface FoldingSpan {
  /** Offsets of the opening and closing bracket. */
  open: number;
  close: number;
}

/**
 * Folding spans of the rows and of the objects and arrays inside them, in document order,
 * found by a bracket scan of each row's text (no parse), stopping once `limit` spans are
 * found, so the cost does not grow with the file beyond the limit.
 */
export function foldingSpans(document: ImportDocument, limit: number, spansLine: (open: number, close: number) => boolean): FoldingSpan[] {
  const spans: FoldingSpan[] = [];
  const layout = document.layout;
  if (layout.kind === 'array' && layout.closeOffset > layout.openOffset && spansLine(layout.openOffset, layout.closeOffset)) {
    spans.push({ open: layout.openOffset, close: layout.closeOffset });
  }
  for (const entry of document.rows) {
    if (spans.length >= limit) break;
    const stack: number[] = [];
    // One row's text: right after an edit, reading the whole text would copy the whole file.
    const text = document.slice(entry.start, entry.start + entry.valueLength);
    const end = text.length;
    const base = entry.start;
    // Spans are collected in order of their opening bracket, as editors expect.
    const rowSpans: FoldingSpan[] = [];
    for (let i = 0; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        while (i < end && text.charCodeAt(i) !== 0x22 && text.charCodeAt(i) !== 0x0a) {
          if (text.charCodeAt(i) === 0x5c) i++;
          i++;
        }
      } else if (ch === 0x7b || ch === 0x5b) {
        stack.push(rowSpans.length);
        rowSpans.push({ open: base + i, close: -1 });
      } else if (ch === 0x7d || ch === 0x5d) {
        const open = stack.pop();
        if (open !== undefined) rowSpans[open].close = base + i;
      }
    }
    for (const span of rowSpans) {
      if (span.close > span.open && spansLine(span.open, span.close)) spans.push(span);
      if (spans.length >= limit) break;
    }
  }
  return spans;
}
