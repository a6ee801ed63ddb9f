import {
  JsonParser,
  NEED_MORE_TEXT,
  WINDOW_MARGIN,
  type ElementLoop,
  type ParsedElement,
  type RootArrayResult,
  type RootOtherResult,
  type SyntaxProblem,
} from '../json/parser';

const OPEN_BRACKET = 0x5b;

/**
 * Finds the elements of the root array in a text that arrives in pieces (a file read in
 * chunks, or a long string handed over in slices), in order, exactly as
 * `JsonParser.parseRoot` finds them in the whole text: the same elements, the same syntax
 * problems. Each piece is parsed in a window that starts where the last complete element
 * ended; an element that may run past the window's end waits for the next piece.
 *
 * With `deferQuickRows`, an ordinary object row is not read here: its element carries the
 * quick scan's key count (`ParsedElement.keys`), and `readQuickRow` reads it later, on
 * another thread. When that read fails (the row is not valid JSON after all), `restartAt`
 * parses the text again from that row, with the tolerant parser.
 */
export class RowSplitter {
  /** Syntax problems so far, with offsets in the whole text. */
  readonly problems: SyntaxProblem[] = [];
  private state: 'start' | 'elements' | 'after' | 'other' | 'done' = 'start';
  /** Text not parsed yet (and, before the root array opens, everything so far). */
  private window = '';
  private windowStart = 0;
  /** Where the element loop is to go on in the window. */
  private resumeAt = 0;
  private loop: ElementLoop = { lastCommaOffset: -1, count: 0, afterComma: false };
  private openOffset = -1;
  private tolerantAt = -1;
  private layoutValue: RootArrayResult | RootOtherResult | undefined;
  private final = false;

  constructor(
    private readonly deferQuickRows: boolean,
    /** Reads back text already pushed (for `restartAt`). */
    private readonly readText: (start: number, end: number) => string,
  ) {}

  /** The root's layout, once the whole text was pushed. */
  get layout(): RootArrayResult | RootOtherResult {
    if (!this.layoutValue) throw new Error('the layout is known once the whole text has been pushed');
    return this.layoutValue;
  }

  /** Length of the text pushed so far. */
  private pushedEnd = 0;

  /** Takes the next piece of the text and returns the elements it completed. `final`: no text follows. */
  push(piece: string, final: boolean): ParsedElement[] {
    if (this.final) throw new Error('the whole text was already pushed');
    this.final = final;
    this.window += piece;
    this.pushedEnd += piece.length;
    return this.advance();
  }

  /**
   * Parses the text again from the element at `offset`, whose quick read failed, with the
   * tolerant parser; elements from there on are to be dropped by the caller. Returns the
   * elements found again in the text pushed so far.
   */
  restartAt(offset: number): ParsedElement[] {
    const end = this.pushedEnd;
    let kept = 0;
    for (const problem of this.problems) if (problem.offset < offset) this.problems[kept++] = problem;
    this.problems.length = kept;
    this.state = 'elements';
    this.layoutValue = undefined;
    this.window = this.readText(offset, end);
    this.windowStart = offset;
    this.resumeAt = 0;
    // The element at `offset` is read next, which resets the comma; rows before it exist.
    this.loop = { lastCommaOffset: -1, count: 1, afterComma: false };
    this.tolerantAt = offset;
    return this.advance();
  }

  private advance(): ParsedElement[] {
    const elements: ParsedElement[] = [];
    if (this.state === 'start') this.findRoot();
    if (this.state === 'elements') this.readElements(elements);
    if (this.final) this.finish(elements);
    return elements;
  }

  /** Before the root value: waits for its first character; only an array is split. */
  private findRoot(): void {
    const parser = new JsonParser(this.window);
    const first = parser.beginRoot();
    // Near the end of the text so far, a "/" may begin a comment the next piece completes.
    if (!this.final && parser.offset > this.window.length - WINDOW_MARGIN) return;
    if (first !== OPEN_BRACKET) {
      // Not an array (or empty): parsed whole at the end, as parseRoot does.
      this.state = 'other';
      return;
    }
    this.problems.push(...parser.problems);
    this.openOffset = parser.offset;
    this.resumeAt = parser.offset + 1;
    this.state = 'elements';
  }

  private readElements(elements: ParsedElement[]): void {
    const shift = this.windowStart;
    const parser = new JsonParser(this.window, this.resumeAt);
    parser.deferQuickRows = this.deferQuickRows;
    parser.tolerantAt = this.tolerantAt - shift;
    const loop = { ...this.loop, lastCommaOffset: this.loop.lastCommaOffset < 0 ? -1 : this.loop.lastCommaOffset - shift };
    const closed = parser.continueElements(
      loop,
      Number.MAX_SAFE_INTEGER,
      (element) => elements.push({ ...element, start: element.start + shift, valueEnd: element.valueEnd + shift }),
      !this.final,
    );
    for (const problem of parser.problems) {
      this.problems.push({
        ...problem,
        offset: problem.offset + shift,
        firstOffset: problem.firstOffset === undefined ? undefined : problem.firstOffset + shift,
      });
    }
    if (closed !== NEED_MORE_TEXT) {
      this.layoutValue = { kind: 'array', openOffset: this.openOffset, closeOffset: closed >= 0 ? closed + shift : -1 };
      this.keepWindowFrom(parser.offset);
      this.state = closed >= 0 ? 'after' : 'done';
      return;
    }
    // Needs more text: keep the window from where the loop goes on, and from the comma before
    // it, whose offset a trailing-comma problem would need.
    this.loop = { ...loop, lastCommaOffset: loop.lastCommaOffset < 0 ? -1 : loop.lastCommaOffset + shift };
    const from = loop.lastCommaOffset >= 0 ? Math.min(loop.lastCommaOffset, parser.offset) : parser.offset;
    this.keepWindowFrom(from);
    this.resumeAt = parser.offset + shift - this.windowStart;
  }

  /** Drops the window's text before `localOffset`. */
  private keepWindowFrom(localOffset: number): void {
    this.window = this.window.slice(localOffset);
    this.windowStart += localOffset;
  }

  private finish(elements: ParsedElement[]): void {
    if (this.state === 'other') {
      // The window holds the whole text: it never moved while waiting for the root.
      const parser = new JsonParser(this.window);
      this.layoutValue = parser.parseRoot((element) => elements.push(element));
      this.problems.push(...parser.problems);
    } else if (this.state === 'after') {
      const parser = new JsonParser(this.window);
      parser.parseAfterRoot();
      for (const problem of parser.problems) this.problems.push({ ...problem, offset: problem.offset + this.windowStart });
    }
    this.window = '';
    this.state = 'done';
  }
}
