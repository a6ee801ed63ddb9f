import type { TextPieces } from './textPieces';

const LINE_FEED = 0x0a;

/** Lines between two remembered line starts: a position is found by reading at most this many lines. */
const LINES_PER_STEP = 64;

/**
 * Offsets to line and character for a text in pieces that does not change, remembering only
 * every 64th line start: a fraction of the memory of all line starts (about 75 MB for a 300 MB
 * file), for the few hundred positions of the problems reported. Line breaks as in LSP and
 * VS Code: \n, \r\n and a lone \r.
 */
export class SparseLineIndex {
  /** Start of lines 0, 64, 128, … */
  private readonly steps: number[] = [0];
  /** Whether the text has a \r at all: when not, lines are found without looking for one. */
  private readonly hasCarriageReturn: boolean;

  constructor(private readonly text: TextPieces) {
    this.hasCarriageReturn = text.pieces.some((piece) => piece.indexOf('\r') >= 0);
    // Counted with indexOf alone when the text has no \r (nearly always): the cost is in the counting.
    if (this.hasCarriageReturn) {
      let line = 0;
      this.forEachLineStart(0, (start) => {
        if (++line % LINES_PER_STEP === 0) this.steps.push(start);
        return true;
      });
      return;
    }
    let line = 0;
    let base = 0;
    for (const piece of text.pieces) {
      for (let at = piece.indexOf('\n'); at >= 0; at = piece.indexOf('\n', at + 1)) if (++line % LINES_PER_STEP === 0) this.steps.push(base + at + 1);
      base += piece.length;
    }
  }

  /** Offset where line `line` starts, or undefined past the last line. */
  offsetOfLine(line: number): number | undefined {
    if (line < 0) return 0;
    const step = Math.floor(line / LINES_PER_STEP);
    if (step >= this.steps.length) return undefined;
    let remaining = line - step * LINES_PER_STEP;
    let found: number | undefined = this.steps[step];
    if (remaining === 0) return found;
    found = undefined;
    this.forEachLineStart(this.steps[step], (start) => {
      if (--remaining > 0) return true;
      found = start;
      return false;
    });
    return found;
  }

  positionAt(offset: number): { line: number; character: number } {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.steps.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.steps[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    let line = low * LINES_PER_STEP;
    let lineStart = this.steps[low];
    this.forEachLineStart(lineStart, (start) => {
      if (start > offset) return false;
      line++;
      lineStart = start;
      return true;
    });
    return { line, character: offset - lineStart };
  }

  /** Calls `visit` with each line start after `from` (lines 1 and on), until it returns false. */
  private forEachLineStart(from: number, visit: (start: number) => boolean): void {
    const pieces = this.text.pieces;
    let base = 0;
    let index = 0;
    while (index < pieces.length && base + pieces[index].length <= from) base += pieces[index++].length;
    for (; index < pieces.length; base += pieces[index++].length) {
      const piece = pieces[index];
      // The next \r, found once and again only after it is passed (most texts have none: then
      // never looked for, since each look would run to the end of a piece of many megabytes).
      let carriageReturn = this.hasCarriageReturn ? -2 : -1;
      for (let at = Math.max(0, from - base); at < piece.length; at++) {
        if (carriageReturn < at && carriageReturn !== -1) carriageReturn = piece.indexOf('\r', at);
        const lineFeed = piece.indexOf('\n', at);
        const next = lineFeed < 0 ? carriageReturn : carriageReturn < 0 ? lineFeed : Math.min(lineFeed, carriageReturn);
        if (next < 0) break;
        at = next;
        if (piece.charCodeAt(at) === LINE_FEED) {
          if (!visit(base + at + 1)) return;
        } else {
          // \r\n is one break, after the \n (which may start the next piece).
          const after = at + 1 < piece.length ? piece.charCodeAt(at + 1) : this.text.charCodeAt(base + at + 1);
          if (after !== LINE_FEED && !visit(base + at + 1)) return;
        }
      }
    }
  }
}
