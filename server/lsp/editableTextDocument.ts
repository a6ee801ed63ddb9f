import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lineStartsOfPieces, SparseLineIndex, TextPieces } from '../../service';

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** A change in offsets of the text before it. */
export interface OffsetChange {
  offset: number;
  removedLength: number;
  text: string;
}

/** Pieces kept before the text is flattened again (each edit adds up to two). */
const MAX_PIECES = 64;

/**
 * An open document's text, as the `vscode-languageserver-textdocument` TextDocument (same
 * positions, same line breaks: \n, \r\n and a lone \r), made for files of tens of megabytes.
 *
 * After an edit the text is a concatenation that V8 copies into one flat string the first time
 * anything reads a character of it or slices it. The standard TextDocument does both during
 * every update and every position conversion, so each keystroke copied the whole file. Here
 * the text is also kept as the list of pieces it was made of (slices of the last flat text and
 * inserted texts): line starts are updated from the edit alone, and the characters and slices
 * that positions and re-parsing need are read from the pieces. The copy happens once, in
 * `settle()`, when the server is idle.
 */
export class EditableTextDocument implements TextDocument {
  private content: string;
  /** The text as consecutive flat pieces; one piece after `settle()`. */
  private pieces: string[];
  /** Offsets where lines start; computed when first needed, then kept up to date by edits. */
  private lineStarts: number[] | undefined;
  /**
   * For a text read from disk in pieces (which is never edited): every 64th line start only,
   * instead of all of them (75 MB for a 300 MB file), for positions and offsets.
   */
  private sparse: SparseLineIndex | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private versionNumber: number,
    content: string,
  ) {
    this.content = content;
    this.pieces = [content];
  }

  /**
   * A document over a text kept in the pieces it was read in (a big file read from disk): its
   * text is never joined into one string, which would take as much memory again.
   */
  static fromPieces(uri: string, languageId: string, version: number, pieces: readonly string[]): EditableTextDocument {
    const document = new EditableTextDocument(uri, languageId, version, '');
    document.pieces = pieces.length ? [...pieces] : [''];
    let content = '';
    for (const piece of document.pieces) content += piece;
    document.content = content;
    document.sparse = new SparseLineIndex(new TextPieces(document.pieces));
    return document;
  }

  /** Whether the text is one flat string (a text in pieces is flattened by `settle`). */
  get isFlat(): boolean {
    return this.pieces.length === 1;
  }

  /** Length of the text (reading it does not flatten the text). */
  get length(): number {
    return this.content.length;
  }

  get version(): number {
    return this.versionNumber;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  getText(range?: Range): string {
    if (!range) return this.content;
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    // From the pieces, so a request right after an edit does not flatten the text; ends in either order, as substring takes them.
    return this.slice(Math.min(start, end), Math.max(start, end));
  }

  /**
   * Applies the client's changes in order. For each ranged change, `onChange` gets it in
   * offsets of the text before it, with the text after it (not yet flattened) and a reader of
   * slices of the text before it (which does not flatten that text either).
   */
  update(
    changes: readonly TextDocumentContentChangeEvent[],
    version: number,
    onChange?: (change: OffsetChange | undefined, text: string, sliceBefore: (start: number, end: number) => string) => void,
  ): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.content = change.text;
        this.pieces = [change.text];
        this.lineStarts = undefined;
        onChange?.(undefined, this.content, (start, end) => this.content.slice(start, end));
        continue;
      }
      let start = this.offsetAt(change.range.start);
      let end = this.offsetAt(change.range.end);
      if (start > end) [start, end] = [end, start];
      const edit: OffsetChange = { offset: start, removedLength: end - start, text: change.text };
      if (this.lineStarts) this.updateLineStarts(edit);
      const before = this.pieces;
      const head = slicePieces(before, 0, start);
      const tail = slicePieces(before, end, this.content.length);
      this.pieces = [...head, ...(change.text ? [change.text] : []), ...tail];
      if (!this.pieces.length) this.pieces = [''];
      this.content = this.pieces.length === 1 ? this.pieces[0] : this.pieces.reduce((text, piece) => text + piece);
      if (this.pieces.length > MAX_PIECES) this.settle();
      onChange?.(edit, this.content, (from, to) => slicePieces(before, from, to).join(''));
    }
    this.versionNumber = version;
  }

  /** Part of the text, read from its pieces: never flattens the whole text. */
  slice(start: number, end: number): string {
    return this.pieces.length === 1 ? this.content.slice(start, end) : slicePieces(this.pieces, start, end).join('');
  }

  /** Flattens the text (one copy of the file), so that reading it is direct again. Call when idle. */
  settle(): void {
    if (this.pieces.length === 1) return;
    if (this.content.length) this.content.charCodeAt(this.content.length - 1);
    this.pieces = [this.content];
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    if (this.sparse && !this.lineStarts) {
      const { line, character } = this.sparse.positionAt(offset);
      const lineStart = offset - character;
      return { line, character: this.beforeLineBreak(offset, lineStart) - lineStart };
    }
    const starts = this.starts();
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle] > offset) high = middle;
      else low = middle + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeLineBreak(offset, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    if (this.sparse && !this.lineStarts) {
      const lineStart = this.sparse.offsetOfLine(position.line);
      if (lineStart === undefined) return this.content.length;
      if (position.character <= 0) return lineStart;
      const next = this.sparse.offsetOfLine(position.line + 1) ?? this.content.length;
      return this.beforeLineBreak(Math.min(lineStart + position.character, next), lineStart);
    }
    const starts = this.starts();
    if (position.line >= starts.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.content.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    const starts = this.starts();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(next, starts[line]) - starts[line] } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.starts();
    if (line < 0 || line >= starts.length) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    const end = this.beforeLineBreak(next, starts[line]);
    let text = '';
    for (let offset = end; offset < next; offset++) text += String.fromCharCode(this.charCodeAt(offset));
    return text;
  }

  /** Moves `offset` back before the line break it is in or after. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** The character at `offset` of the current text, read from its pieces without flattening it. */
  private charCodeAt(offset: number): number {
    for (const piece of this.pieces) {
      if (offset < piece.length) return piece.charCodeAt(offset);
      offset -= piece.length;
    }
    return Number.NaN;
  }

  private starts(): number[] {
    this.lineStarts ??= lineStartsOfPieces(this.pieces);
    return this.lineStarts;
  }

  /**
   * Line starts after replacing [offset, offset + removedLength) with `text`. Whether a
   * position starts a line depends only on the characters just before and at it, so starts
   * before the edit stay, starts after it move, and only those from the edit's start to the
   * end of the inserted text are worked out again.
   */
  private updateLineStarts(edit: OffsetChange): void {
    const starts = this.lineStarts!;
    const { offset: start, removedLength, text } = edit;
    const end = start + removedLength;
    const delta = text.length - removedLength;
    const oldLength = this.content.length;
    const oldChar = (offset: number) => (offset >= 0 && offset < oldLength ? this.charCodeAt(offset) : -1);
    const after = oldChar(end);
    const newChar = (index: number) => (index < text.length ? text.charCodeAt(index) : after);

    const added: number[] = [];
    // The edit's start: the character before it is unchanged, the one at it may not be.
    if (start > 0 && startsLine(oldChar(start - 1), newChar(0))) added.push(start);
    if (text.indexOf('\r') < 0) {
      for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) added.push(start + index + 1);
    } else {
      for (let index = 0; index < text.length; index++) {
        const ch = text.charCodeAt(index);
        if (isLineBreak(ch) && startsLine(ch, newChar(index + 1))) added.push(start + index + 1);
      }
    }

    const first = firstAtOrAfter(starts, start, 1);
    const last = firstAtOrAfter(starts, end + 1, first);
    if (added.length < 10_000 && last - first < 10_000) {
      starts.splice(first, last - first, ...added);
    } else {
      this.lineStarts = starts.slice(0, first).concat(added, starts.slice(last));
    }
    const shifted = this.lineStarts!;
    if (delta !== 0) for (let index = first + added.length; index < shifted.length; index++) shifted[index] += delta;
  }
}

function isLineBreak(ch: number): boolean {
  return ch === LINE_FEED || ch === CARRIAGE_RETURN;
}

/** Whether a line starts between `before` and `at`: after \n, or after \r that is not followed by \n. */
function startsLine(before: number, at: number): boolean {
  return before === LINE_FEED || (before === CARRIAGE_RETURN && at !== LINE_FEED);
}

/** The pieces' text from `start` to `end`, as slices of the pieces (nothing is copied). */
function slicePieces(pieces: readonly string[], start: number, end: number): string[] {
  const result: string[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const pieceEnd = offset + piece.length;
    if (pieceEnd > start && offset < end) {
      const from = Math.max(start - offset, 0);
      const to = Math.min(end - offset, piece.length);
      result.push(from === 0 && to === piece.length ? piece : piece.slice(from, to));
    }
    offset = pieceEnd;
    if (offset >= end) break;
  }
  return result;
}

/** Index of the first line start at or after `offset`, searching from `low` (line 0 always starts at 0). */
function firstAtOrAfter(starts: readonly number[], offset: number, low: number): number {
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle] < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
