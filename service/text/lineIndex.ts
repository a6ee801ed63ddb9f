/** Offsets ↔ zero-based line and character, for a text that does not change. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(text: string | readonly string[]) {
    this.lineStarts = typeof text === 'string' ? lineStartsOf(text) : lineStartsOfPieces(text);
  }

  positionAt(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: offset - this.lineStarts[low] };
  }

  offsetAt(line: number, character: number): number {
    return (this.lineStarts[line] ?? this.lineStarts[this.lineStarts.length - 1]) + character;
  }
}

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Line starts of a whole text, with the line breaks of LSP and VS Code: \n, \r\n and a lone \r.
 * Files without \r take the quick path.
 */
export function lineStartsOf(text: string): number[] {
  if (text.indexOf('\r') < 0) {
    // Counted first, then written into an array of the right size: growing the array line by
    // line cost twice as much on files of a million lines.
    let lines = 1;
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) lines++;
    const starts: number[] = new Array<number>(lines).fill(0);
    let line = 1;
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts[line++] = index + 1;
    return starts;
  }
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const ch = text.charCodeAt(index);
    if (ch === CARRIAGE_RETURN && text.charCodeAt(index + 1) === LINE_FEED) index++;
    if (ch === CARRIAGE_RETURN || ch === LINE_FEED) starts.push(index + 1);
  }
  return starts;
}

/** Line starts of a text kept in consecutive pieces (a \r\n may be split between two), without joining them. */
export function lineStartsOfPieces(pieces: readonly string[]): number[] {
  if (pieces.length === 1) return lineStartsOf(pieces[0]);
  if (!pieces.some((piece) => piece.indexOf('\r') >= 0)) {
    let lines = 1;
    for (const piece of pieces) for (let index = piece.indexOf('\n'); index >= 0; index = piece.indexOf('\n', index + 1)) lines++;
    const starts: number[] = new Array<number>(lines).fill(0);
    let line = 1;
    let base = 0;
    for (const piece of pieces) {
      for (let index = piece.indexOf('\n'); index >= 0; index = piece.indexOf('\n', index + 1)) starts[line++] = base + index + 1;
      base += piece.length;
    }
    return starts;
  }
  const starts = [0];
  let base = 0;
  let afterCarriageReturn = false;
  for (const piece of pieces) {
    for (let index = 0; index < piece.length; index++) {
      const ch = piece.charCodeAt(index);
      // A \r ends a line unless a \n follows, perhaps at the start of the next piece.
      if (afterCarriageReturn && ch !== LINE_FEED) starts.push(base + index);
      afterCarriageReturn = ch === CARRIAGE_RETURN;
      if (ch === LINE_FEED) starts.push(base + index + 1);
    }
    base += piece.length;
  }
  if (afterCarriageReturn) starts.push(base);
  return starts;
}
