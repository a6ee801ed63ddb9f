import type { RowEntry } from './rowEntries';

/**
 * Rows by global key, compared case-insensitively as Labelbox does. Kept up to date row by
 * row, so finding duplicates never needs a pass over the file. A key used once (nearly all of
 * them) maps to its row directly; only a repeated key gets a set.
 */
export class GlobalKeyIndex {
  private readonly rowsByKey = new Map<string, RowEntry | Set<RowEntry>>();
  private readonly duplicated = new Set<string>();
  /** Keys that appeared in or left the file since `takeChangedKeys` (for the workspace index). */
  private changedKeys = new Set<string>();
  /**
   * Until the first `takeChangedKeys`, every key in the index counts as changed and only keys
   * that left are recorded: a whole file's keys (and a command-line check, which never asks)
   * are not put in a second set one by one.
   */
  private everyKeyChanged = true;

  add(entry: RowEntry): void {
    const key = indexKey(entry);
    if (key === undefined) return;
    const rows = this.rowsByKey.get(key);
    if (rows === undefined) {
      this.rowsByKey.set(key, entry);
      if (!this.everyKeyChanged) this.changedKeys.add(key);
    } else if (rows instanceof Set) {
      rows.add(entry);
      if (rows.size > 1) this.duplicated.add(key);
    } else if (rows !== entry) {
      this.rowsByKey.set(key, new Set([rows, entry]));
      this.duplicated.add(key);
    }
  }

  remove(entry: RowEntry): void {
    const key = indexKey(entry);
    if (key === undefined) return;
    const rows = this.rowsByKey.get(key);
    if (rows === undefined) return;
    if (!(rows instanceof Set)) {
      if (rows === entry) {
        this.rowsByKey.delete(key);
        this.changedKeys.add(key);
      }
      return;
    }
    rows.delete(entry);
    if (rows.size < 2) this.duplicated.delete(key);
    if (rows.size === 1) this.rowsByKey.set(key, rows.values().next().value as RowEntry);
    else if (rows.size === 0) {
      this.rowsByKey.delete(key);
      this.changedKeys.add(key);
    }
  }

  /**
   * The keys (lower case) that appeared in the file or left it since the last call: O(1) per
   * row added or removed, so the workspace index follows an edit without a pass over the file.
   * A key may be in it and still be in the file as before (it left and came back).
   */
  takeChangedKeys(): Set<string> {
    const changed = this.changedKeys;
    if (this.everyKeyChanged) for (const key of this.rowsByKey.keys()) changed.add(key);
    this.clearChangedKeys();
    return changed;
  }

  /** Forgets the changes so far, as `takeChangedKeys` does, without listing them. */
  clearChangedKeys(): void {
    this.changedKeys = new Set();
    this.everyKeyChanged = false;
  }

  /** Whether a row uses the key (given in lower case). */
  hasLowerKey(lowerKey: string): boolean {
    return this.rowsByKey.has(lowerKey);
  }

  /** Every distinct key, in lower case. */
  lowerKeys(): IterableIterator<string> {
    return this.rowsByKey.keys();
  }

  /** Groups of two or more rows sharing a key. */
  *duplicates(): IterableIterator<ReadonlySet<RowEntry>> {
    for (const key of this.duplicated) yield this.rowsByKey.get(key) as Set<RowEntry>;
  }

  rowsWithKey(key: string): ReadonlySet<RowEntry> | undefined {
    const rows = this.rowsByKey.get(key.toLowerCase());
    return rows === undefined || rows instanceof Set ? rows : new Set([rows]);
  }

  /** How many rows use the key (0 when none). */
  countRows(key: string): number {
    const rows = this.rowsByKey.get(key.toLowerCase());
    return rows === undefined ? 0 : rows instanceof Set ? rows.size : 1;
  }

  get size(): number {
    return this.rowsByKey.size;
  }
}

function indexKey(entry: RowEntry): string | undefined {
  return entry.facts.globalKey?.value.toLowerCase();
}
