import type { ImportDocument, RowEntry } from '../document/importDocument';
import { locateTopLevelKey } from '../json/keyLocator';
import type { Dialect } from '../validation/rowCheck';
import { globalKeyNames } from './keyOfRow';

/** Where a file first uses a global key: the row (0-based) and the key's value in the text (0-based line and UTF-16 character). */
export interface KeyPlace {
  row: number;
  /** The key as written there. */
  key: string;
  line: number;
  character: number;
  /** Length of the value, quotes included. */
  length: number;
}

/** The global keys of one file, as the workspace index reads them (compared in lower case). */
export interface KeySource {
  has(lowerKey: string): boolean;
  /** Every distinct key of the file, in lower case. */
  lowerKeys(): Iterable<string>;
  firstUse(lowerKey: string): KeyPlace | undefined;
}

/**
 * The global keys of a file that is not open: each distinct key once, where it is first used.
 * Compact (typed arrays and one Map), so that a workspace of a million keys fits in memory.
 */
export class FileKeys implements KeySource {
  private readonly indexOf = new Map<string, number>();
  private readonly keys: string[] = [];
  private rowOf: Int32Array;
  private lineOf: Int32Array;
  private characterOf: Int32Array;
  private lengthOf: Int32Array;

  constructor(
    /** How many rows the file has. */
    readonly rows: number,
    capacity = 16,
  ) {
    this.rowOf = new Int32Array(capacity);
    this.lineOf = new Int32Array(capacity);
    this.characterOf = new Int32Array(capacity);
    this.lengthOf = new Int32Array(capacity);
  }

  /** Records a use of a key; only the first use of each key (in lower case) is kept. Rows must come in order. */
  add(place: KeyPlace): void {
    const lower = place.key.toLowerCase();
    if (this.indexOf.has(lower)) return;
    const index = this.keys.length;
    if (index === this.rowOf.length) this.grow();
    this.indexOf.set(lower, index);
    this.keys.push(place.key);
    this.rowOf[index] = place.row;
    this.lineOf[index] = place.line;
    this.characterOf[index] = place.character;
    this.lengthOf[index] = place.length;
  }

  /** Gives back the spare room of the arrays once every key is in. */
  trim(): this {
    const size = this.keys.length;
    this.rowOf = this.rowOf.slice(0, size);
    this.lineOf = this.lineOf.slice(0, size);
    this.characterOf = this.characterOf.slice(0, size);
    this.lengthOf = this.lengthOf.slice(0, size);
    return this;
  }

  private grow(): void {
    const size = this.rowOf.length * 2;
    const grown = (array: Int32Array) => {
      const bigger = new Int32Array(size);
      bigger.set(array);
      return bigger;
    };
    this.rowOf = grown(this.rowOf);
    this.lineOf = grown(this.lineOf);
    this.characterOf = grown(this.characterOf);
    this.lengthOf = grown(this.lengthOf);
  }

  get size(): number {
    return this.keys.length;
  }

  has(lowerKey: string): boolean {
    return this.indexOf.has(lowerKey);
  }

  lowerKeys(): Iterable<string> {
    return this.indexOf.keys();
  }

  firstUse(lowerKey: string): KeyPlace | undefined {
    const index = this.indexOf.get(lowerKey);
    if (index === undefined) return undefined;
    return { row: this.rowOf[index], key: this.keys[index], line: this.lineOf[index], character: this.characterOf[index], length: this.lengthOf[index] };
  }

  /** Every first use, in row order (for tests and comparisons). */
  places(): KeyPlace[] {
    return [...this.indexOf.values()].map((index) => this.firstUse(this.keys[index].toLowerCase())!);
  }
}

export type PositionAt = (offset: number) => { line: number; character: number };

/** Where a row's global key value is in the text, row-relative; undefined when it is not found. */
export function locateGlobalKey(rowText: string, dialect: Dialect | undefined): { offset: number; length: number } | undefined {
  for (const name of globalKeyNames(dialect ?? 'current')) {
    const found = locateTopLevelKey(rowText, [name]);
    if (found) return { offset: found.valueOffset, length: found.valueLength };
  }
  return undefined;
}

/**
 * The keys of a list of checked rows, in row order: `slice` reads the text, `positionAt` turns
 * an offset into a line and character. Rows checked without positions are located here.
 */
export function fileKeysOfRows(rows: readonly RowEntry[], slice: (start: number, end: number) => string, positionAt: PositionAt): FileKeys {
  const keys = new FileKeys(rows.length, Math.max(16, rows.length));
  addKeysOfRows(keys, rows, 0, rows.length, slice, positionAt);
  return keys.trim();
}

/** Adds the keys of rows [from, to) to `keys` (see fileKeysOfRows). */
export function addKeysOfRows(
  keys: FileKeys,
  rows: readonly RowEntry[],
  from: number,
  to: number,
  slice: (start: number, end: number) => string,
  positionAt: PositionAt,
): void {
  for (let row = from; row < to; row++) {
    const entry = rows[row];
    const globalKey = entry.facts.globalKey;
    if (!globalKey) continue;
    if (keys.has(globalKey.value.toLowerCase())) continue;
    let offset = globalKey.offset;
    let length = globalKey.length;
    if (offset < 0) {
      const found = locateGlobalKey(slice(entry.start, entry.start + entry.valueLength), entry.facts.dialect);
      offset = found?.offset ?? 0;
      length = found?.length ?? 0;
    }
    const position = positionAt(entry.start + offset);
    keys.add({ row, key: globalKey.value, line: position.line, character: position.character, length });
  }
}

/** The keys of a checked document (the command line, and a file whose editor closes). */
export function fileKeysOfDocument(document: ImportDocument, positionAt: PositionAt): FileKeys {
  return fileKeysOfRows(document.rows, (start, end) => document.slice(start, end), positionAt);
}
