/** Text that can be read in parts: a document's text, possibly kept in pieces. */
export interface SliceableText {
  readonly length: number;
  slice(start: number, end: number): string;
}

/**
 * The characters around a place in a text, read once as one slice. Features that look at a
 * few characters near the cursor use it, so that they never read (and so never copy) the
 * whole text of a big file that was just edited.
 */
export class TextWindow {
  private readonly base: number;
  private readonly window: string;

  constructor(
    private readonly source: SliceableText,
    center: number,
    radius = 16 * 1024,
  ) {
    this.base = Math.max(0, center - radius);
    this.window = source.slice(this.base, Math.min(source.length, center + radius));
  }

  get length(): number {
    return this.source.length;
  }

  /** The character at `offset`, or '' outside the text. */
  charAt(offset: number): string {
    const index = offset - this.base;
    if (index >= 0 && index < this.window.length) return this.window[index];
    return offset >= 0 && offset < this.source.length ? this.source.slice(offset, offset + 1) : '';
  }
}
