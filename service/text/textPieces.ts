/**
 * A text kept as the consecutive pieces it arrived in (a file read in chunks), never joined
 * into one string: joining would copy the whole text, twice its size in memory for a moment.
 * Slices are read across pieces.
 */
export class TextPieces {
  private readonly list: string[] = [];
  /** Offset of each piece's first character. */
  private readonly starts: number[] = [];
  private total = 0;

  constructor(pieces: readonly string[] = []) {
    for (const piece of pieces) this.add(piece);
  }

  add(piece: string): void {
    if (!piece.length) return;
    this.list.push(piece);
    this.starts.push(this.total);
    this.total += piece.length;
  }

  get length(): number {
    return this.total;
  }

  get pieces(): readonly string[] {
    return this.list;
  }

  /**
   * The whole text as one string that V8 keeps as a concatenation of the pieces: nothing is
   * copied until something reads its characters or slices it (which would copy it whole).
   * For its length, and for code that needs a string but reads through `slice` here.
   */
  concatenated(): string {
    let text = '';
    for (const piece of this.list) text += piece;
    return text;
  }

  /** The text from `start` to `end` (clamped to the text), copying only what crosses a piece boundary. */
  slice(start: number, end: number): string {
    start = Math.max(0, start);
    end = Math.min(end, this.total);
    if (end <= start) return '';
    let index = this.pieceAt(start);
    const first = this.list[index];
    const firstStart = this.starts[index];
    if (end <= firstStart + first.length) return first.slice(start - firstStart, end - firstStart);
    let text = first.slice(start - firstStart);
    for (index++; index < this.list.length && this.starts[index] < end; index++) {
      const piece = this.list[index];
      text += piece.slice(0, Math.min(piece.length, end - this.starts[index]));
    }
    return text;
  }

  /** The character code at `offset` (NaN outside the text). */
  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.total) return Number.NaN;
    const index = this.pieceAt(offset);
    return this.list[index].charCodeAt(offset - this.starts[index]);
  }

  /** Index of the piece holding `offset` (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.list.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
