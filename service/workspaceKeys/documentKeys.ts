import type { ImportDocument, RowEntry } from '../document/importDocument';
import type { KeyPlace, KeySource, PositionAt } from './fileKeys';

/** The first row (in the text) of those using a key. */
export function firstRowWithKey(document: ImportDocument, lowerKey: string): RowEntry | undefined {
  const rows = document.globalKeys.rowsWithKey(lowerKey);
  let first: RowEntry | undefined;
  for (const entry of rows ?? []) if (!first || entry.start < first.start) first = entry;
  return first;
}

/** An open document as a source of keys for the workspace index: its keys are read from its own index, as they are now. */
export function documentKeySource(document: ImportDocument, positionAt: PositionAt): KeySource {
  return {
    has: (lowerKey) => document.globalKeys.hasLowerKey(lowerKey),
    lowerKeys: () => document.globalKeys.lowerKeys(),
    firstUse: (lowerKey): KeyPlace | undefined => {
      const entry = firstRowWithKey(document, lowerKey);
      if (!entry) return undefined;
      const facts = document.locate(entry);
      const key = facts.globalKey!;
      const position = positionAt(entry.start + Math.max(0, key.offset));
      return { row: document.rowIndexAt(entry.start), key: key.value, line: position.line, character: position.character, length: Math.max(0, key.length) };
    },
  };
}
