import type { RowEntry } from './importDocument';

/**
 * Rows by global key, compared case-insensitively as Labelbox does. Kept up to date row by
 * row, so finding duplicates never needs a pass over the file.
 */
export class GlobalKeyIndex {
  private readonly rowsByKey = new Map<string, Set<RowEntry>>();
  private readonly duplicated = new Set<string>();

  add(entry: RowEntry): void {
    const key = entry.facts.globalKey?.value.toLowerCase();
    if (key === undefined) return;
    let rows = this.rowsByKey.get(key);
    if (!rows) {
      rows = new Set();
      this.rowsByKey.set(key, rows);
    }
    rows.add(entry);
    if (rows.size > 1) this.duplicated.add(key);
  }

  remove(entry: RowEntry): void {
    const key = entry.facts.globalKey?.value.toLowerCase();
    if (key === undefined) return;
    const rows = this.rowsByKey.get(key);
    if (!rows) return;
    rows.delete(entry);
    if (rows.size < 2) this.duplicated.delete(key);
    if (rows.size === 0) this.rowsByKey.delete(key);
  }

  /** Groups of two or more rows sharing a key. */
  *duplicates(): IterableIterator<ReadonlySet<RowEntry>> {
    for (const key of this.duplicated) yield this.rowsByKey.get(key)!;
  }

  rowsWithKey(key: string): ReadonlySet<RowEntry> | undefined {
    return this.rowsByKey.get(key.toLowerCase());
  }

  get size(): number {
    return this.rowsByKey.size;
  }
}
