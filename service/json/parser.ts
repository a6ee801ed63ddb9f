import { tableOf } from '../../common/ownKeys';
import { countKeys } from './valueNodes';
import { closingQuote } from './validJsonScan';
import { readRowClosedLike, rowCloserOf } from './quickRows';
import { Ch } from './charCodes';
import type { ArrayNode, JsonValue, BooleanNode, JsonNode, NullNode, NumberNode, ObjectNode, PropertyNode, StringNode } from './ast';

/**
 * A tolerant JSON parser that keeps going after an error, so that one typo does not hide the
 * problems in the rest of the file. It reads the root array one element at a time: each data
 * row gets its own small tree (offsets relative to the row's start), which is what lets a row
 * be parsed again on its own after an edit.
 */

export interface SyntaxProblem {
  /** Absolute offset in the text. */
  offset: number;
  length: number;
  message: string;
  code: 'json-syntax' | 'duplicate-key';
  /** For duplicate keys: where the key first appeared (absolute offset). */
  firstOffset?: number;
}

/** One element of the root array. */
export interface ParsedElement {
  /** Absolute offset of the element's first character. */
  start: number;
  /** Absolute offset just after the element's value. */
  valueEnd: number;
  /** The element's tree, offsets relative to `start`; undefined when it is not a JSON value or was read by JSON.parse. */
  node: JsonNode | undefined;
  /** The element's value when it was read by JSON.parse (valid JSON, no repeated key): no tree was built. */
  value?: JsonValue;
  /**
   * Set instead of `value` when the parser defers JSON.parse (see `deferQuickRows`): the number
   * of keys the quick scan counted. The element is read as `readQuickRow` reads it; when that
   * fails, the text must be parsed again from the element's start without the quick path.
   */
  keys?: number;
}

/** Where the loop over the root array's elements is between two elements, so that it can go on later. */
export interface ElementLoop {
  /** Offset of the comma after the last element, or -1. */
  lastCommaOffset: number;
  /** Elements read so far. */
  count: number;
  /** Whether the loop started right after a separating comma. */
  afterComma: boolean;
}

/** `continueElements` stopped before an element that may run past the end of the text it has. */
export const NEED_MORE_TEXT = -2;

/**
 * How far from the end of a window an element must end to be taken: the parser looks at most
 * a few characters past the token it reads (an escape's four hex digits, a comment's second
 * character), so an element that ends before the margin was read exactly as in the whole text.
 */
export const WINDOW_MARGIN = 16;

export interface RootArrayResult {
  kind: 'array';
  /** Offset of '[' . */
  openOffset: number;
  /** Offset of the closing ']' or -1 when the file ends before it. */
  closeOffset: number;
}

export interface RootOtherResult {
  kind: 'empty' | 'other';
  /** Offset of the root value's first character (0 for an empty file). */
  start: number;
  /** Offset just after the root value. */
  end: number;
}

/** Deeper nesting than this is reported instead of recursed into, so no input can overflow the stack. */
export const MAX_NESTING_DEPTH = 256;

/** Longer rows are left to the tolerant parser: the quick scan is for ordinary rows. */
const MAX_QUICK_ROW_LENGTH = 4 * 1024 * 1024;

const NUMBER_PATTERN = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

const LITERAL_HINTS = tableOf({
  True: 'true',
  False: 'false',
  None: 'null',
  Null: 'null',
  NULL: 'null',
  TRUE: 'true',
  FALSE: 'false',
  undefined: 'null',
  nil: 'null',
});

function isIdentifierChar(ch: number): boolean {
  return (
    (ch >= 0x61 && ch <= 0x7a) || // a-z
    (ch >= 0x41 && ch <= 0x5a) || // A-Z
    (ch >= Ch.Digit0 && ch <= Ch.Digit9) ||
    ch === 0x5f || // _
    ch === 0x24 // $
  );
}

function isWhitespace(ch: number): boolean {
  return ch === Ch.Space || ch === Ch.LineFeed || ch === Ch.CarriageReturn || ch === Ch.Tab;
}

function isNumberChar(ch: number): boolean {
  return (ch >= Ch.Digit0 && ch <= Ch.Digit9) || ch === Ch.Minus || ch === Ch.Plus || ch === Ch.Dot || ch === Ch.LowerE || ch === Ch.UpperE;
}

const CHARACTER_NAMES: Record<number, string> = {
  0x00: 'a NUL byte (is this a binary file?)',
  0xa0: 'a no-break space (U+00A0); use a plain space',
  0x200b: 'a zero-width space (U+200B)',
  0xfeff: 'a byte order mark (U+FEFF)',
  0xfffd: 'U+FFFD, which stands for bytes that are not UTF-8 text (is this a binary file?)',
};

/**
 * The character at `offset` for a message: quoted when it prints, else by its code point, so
 * that invisible and control characters are named and never reach a terminal raw.
 */
/**
 * The value of a row the quick scan found to look like valid JSON with `keys` keys, read with
 * JSON.parse; undefined when it is not valid JSON, or has fewer keys than the text (JSON.parse
 * keeps only the last of repeated keys, which the tolerant parser reports).
 */
export function readQuickRow(rowText: string, keys: number): JsonValue | undefined {
  let value: JsonValue;
  try {
    value = JSON.parse(rowText) as JsonValue;
  } catch {
    return undefined;
  }
  return countKeys(value) === keys ? value : undefined;
}

export function describeCharacter(text: string, offset: number): { name: string; length: number } {
  const code = text.codePointAt(offset) ?? 0;
  const length = code > 0xffff ? 2 : 1;
  const known = CHARACTER_NAMES[code];
  if (known) return { name: known, length };
  const invisible = code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x2000 && code <= 0x200f) || (code >= 0x2028 && code <= 0x202f);
  if (invisible) return { name: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`, length };
  return { name: `"${String.fromCodePoint(code)}"`, length };
}

export class JsonParser {
  readonly problems: SyntaxProblem[] = [];
  private pos: number;
  /** Offsets in trees are `absolute - base`; set per root element. */
  private base = 0;
  private depth = 0;
  /** Offset of the next line break at or after the quick scan's position (cached: the scan only moves forward). */
  private nextLineBreak = -1;
  /**
   * Leave JSON.parse of ordinary object rows to the caller (`ParsedElement.keys`), which reads
   * them elsewhere, e.g. on worker threads.
   */
  deferQuickRows = false;
  /** An element starting here is parsed by the tolerant parser, without the quick path (its quick read failed). */
  tolerantAt = -1;
  /** How the last row read by the scan ended (see `rowCloserOf`): the next rows are first read as ending alike. */
  private rowCloser: string | undefined;
  private lastRowLength = 0;

  constructor(
    private readonly text: string,
    start = 0,
    private readonly end = text.length,
  ) {
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  /**
   * Parses the root of a file. For a root array, calls `onElement` for every element in order
   * and returns where the brackets are; for anything else, returns the root's extent and
   * leaves the element callbacks uncalled except for a root object, which is handed over as
   * a single element so that its problems are still reported.
   */
  parseRoot(onElement: (element: ParsedElement) => void): RootArrayResult | RootOtherResult {
    const first = this.beginRoot();
    if (first < 0) return { kind: 'empty', start: this.pos, end: this.pos };
    if (first === Ch.OpenBracket) {
      const openOffset = this.pos;
      this.pos++;
      const closeOffset = this.parseElements(Number.MAX_SAFE_INTEGER, false, onElement);
      this.checkTrailingContent();
      return { kind: 'array', openOffset, closeOffset };
    }
    const start = this.pos;
    this.base = start;
    const node = this.parseValue();
    const end = this.pos;
    if (node && node.type === 'object') onElement({ start, valueEnd: end, node });
    this.checkTrailingContent(node?.type === 'object');
    return { kind: 'other', start, end };
  }

  /**
   * Steps over a byte order mark and the trivia before the root value; returns the value's
   * first character (the parser is then at it), or -1 when the text ends first.
   */
  beginRoot(): number {
    if (this.text.charCodeAt(this.pos) === Ch.ByteOrderMark) this.pos++;
    this.skipTrivia();
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
  }

  /**
   * Parses root-array elements from the current position up to `stopAt`, where another
   * element is known to begin (or the closing bracket is). `afterComma` tells whether the
   * text just before the current position was a separating comma. Returns the offset of the
   * closing ']' when it was consumed, else -1.
   *
   * An object element that is valid JSON is read with JSON.parse, without a tree; any other
   * element is parsed by this parser, which reports its problems.
   */
  parseElements(stopAt: number, afterComma: boolean, onElement: (element: ParsedElement) => void): number {
    return this.continueElements({ lastCommaOffset: afterComma ? this.pos - 1 : -1, count: 0, afterComma }, stopAt, onElement);
  }

  /**
   * The loop of `parseElements`, from the state `loop` (updated as it goes). With `moreText`,
   * the text is a window of a longer text whose rest is still to come: the loop stops at the
   * start of an element (or of what follows the last one) that reaches near the window's end,
   * with nothing of it reported, and returns NEED_MORE_TEXT; it goes on from there in a
   * window that starts at `offset`.
   */
  continueElements(loop: ElementLoop, stopAt: number, onElement: (element: ParsedElement) => void, moreText = false): number {
    const safeEnd = moreText ? this.end - WINDOW_MARGIN : Number.MAX_SAFE_INTEGER;
    for (;;) {
      const mark = this.pos;
      const problemsAtMark = this.problems.length;
      const commaAtMark = loop.lastCommaOffset;
      const rollBack = () => {
        this.pos = mark;
        this.problems.length = problemsAtMark;
        loop.lastCommaOffset = commaAtMark;
        return NEED_MORE_TEXT;
      };
      this.skipTrivia();
      if (this.pos > safeEnd) return rollBack();
      const atStop = this.pos >= stopAt;
      const ch = this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
      if (ch === Ch.CloseBracket || ch === -1) {
        if (loop.lastCommaOffset >= 0 && (loop.count > 0 || !loop.afterComma)) {
          this.error(loop.lastCommaOffset, 1, 'Trailing comma: remove it, JSON does not allow a comma before "]".');
        }
        if (atStop) return -1;
        if (ch === -1) {
          this.error(this.end, 0, 'Expected "]" at the end of the file: the array of data rows is not closed.');
          return -1;
        }
        this.pos++;
        return this.pos - 1;
      }
      if (atStop) return -1;
      if (ch === Ch.Comma) {
        this.error(this.pos, 1, 'Expected a data row before ",".');
        loop.lastCommaOffset = this.pos;
        this.pos++;
        continue;
      }
      const element = this.parseElement(stopAt);
      const valueEnd = this.pos;
      loop.lastCommaOffset = -1;
      this.skipTrivia();
      const next = this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
      if (next === Ch.Comma) {
        loop.lastCommaOffset = this.pos;
        this.pos++;
      } else if (next !== Ch.CloseBracket && next !== -1) {
        // An unclosed row ends after the whitespace before the next one: point at its last character.
        let last = valueEnd - 1;
        while (last > element.start && isWhitespace(this.text.charCodeAt(last))) last--;
        this.error(last, 1, 'Expected "," after this data row.');
      }
      if (this.pos > safeEnd) return rollBack();
      loop.count++;
      onElement(element);
    }
  }

  /** Reads one element at the current position: quickly when it is an ordinary object, else with this parser. */
  private parseElement(stopAt: number): ParsedElement {
    const start = this.pos;
    if (this.text.charCodeAt(start) === Ch.OpenBrace && start !== this.tolerantAt) {
      const quick = this.deferQuickRows ? this.scanDeferred(start, stopAt) : this.readValidObject(start, stopAt);
      if (quick) return quick;
    }
    this.base = start;
    const node = this.parseValue();
    // parseValue reported a stray '}' or ':' without consuming it: step over it.
    if (this.pos === start) this.pos++;
    return { start, valueEnd: this.pos, node };
  }

  /**
   * With deferQuickRows, an object that looks like valid JSON is not read here: the element
   * carries the scan's key count, and `readQuickRow` reads it later (on another thread).
   */
  private scanDeferred(start: number, stopAt: number): ParsedElement | undefined {
    const scanned = this.scanObject(start, stopAt);
    if (!scanned) return undefined;
    this.pos = scanned.end;
    return { start, valueEnd: scanned.end, node: undefined, keys: scanned.keys };
  }

  /**
   * Reads the object at `start` with JSON.parse when it is valid JSON without repeated keys.
   * A quick scan finds its end and counts its keys; anything unusual (a line break in a string,
   * no end before `stopAt`) returns undefined so that the tolerant parser takes over and
   * reports the problem.
   */
  private readValidObject(start: number, stopAt: number): ParsedElement | undefined {
    if (this.rowCloser !== undefined) {
      // Looked for within a few times the last row's length: a closer that is not there costs no more than scanning the row.
      const end = Math.min(this.end, stopAt, start + MAX_QUICK_ROW_LENGTH, start + 4 * this.lastRowLength + 4096);
      const guessed = readRowClosedLike(this.text, start, end, this.rowCloser);
      if (guessed) {
        this.pos = guessed.end;
        this.lastRowLength = guessed.end - start;
        return { start, valueEnd: guessed.end, node: undefined, value: guessed.value };
      }
      // Learnt again only from a row the scan reads: a file that never ends rows alike is scanned, as before.
      this.rowCloser = undefined;
    }
    const scanned = this.scanObject(start, stopAt);
    if (!scanned) return undefined;
    const value = readQuickRow(this.text.slice(start, scanned.end), scanned.keys);
    if (value === undefined) return undefined;
    this.rowCloser = rowCloserOf(this.text, start, scanned.end);
    this.lastRowLength = scanned.end - start;
    this.pos = scanned.end;
    return { start, valueEnd: scanned.end, node: undefined, value };
  }

  /**
   * Finds the end of the object at `start` and counts its keys, assuming it is valid JSON
   * (JSON.parse decides later). Strings are skipped with indexOf; in valid JSON every colon
   * outside a string follows a key, so colons count the keys. Returns undefined for a line
   * break inside a string, nesting beyond the limit, or no end before `stopAt`.
   */
  private scanObject(start: number, stopAt: number): { end: number; keys: number } | undefined {
    const text = this.text;
    const end = Math.min(this.end, stopAt, start + MAX_QUICK_ROW_LENGTH);
    let depth = 0;
    let keys = 0;
    for (let i = start; i < end; i++) {
      const ch = text.charCodeAt(i);
      // Whitespace (and control characters, which JSON.parse rejects) between tokens.
      if (ch <= Ch.Space) continue;
      if (ch === Ch.Quote) {
        const close = closingQuote(text, i, end);
        if (close < 0) return undefined;
        if (this.nextLineBreak < i) {
          this.nextLineBreak = text.indexOf('\n', i);
          if (this.nextLineBreak < 0) this.nextLineBreak = Number.MAX_SAFE_INTEGER;
        }
        if (this.nextLineBreak < close) return undefined;
        i = close;
      } else if (ch === Ch.Colon) {
        keys++;
      } else if (ch === Ch.OpenBrace || ch === Ch.OpenBracket) {
        // Deep nesting is left to the tolerant parser, which reports it without recursing.
        if (++depth > MAX_NESTING_DEPTH) return undefined;
      } else if ((ch === Ch.CloseBrace || ch === Ch.CloseBracket) && --depth === 0) {
        return { end: i + 1, keys };
      }
    }
    return undefined;
  }

  /** Parses one value whose tree offsets are relative to its own first character. */
  parseRelativeValue(): JsonNode | undefined {
    this.skipTrivia();
    this.base = this.pos;
    return this.parseValue();
  }

  /** Parses one value at the current position; undefined (with a problem reported) when there is none. */
  parseValue(): JsonNode | undefined {
    this.skipTrivia();
    if (this.pos >= this.end) {
      this.error(this.end, 0, 'Expected a value, but the file ends here.');
      return undefined;
    }
    const ch = this.text.charCodeAt(this.pos);
    switch (ch) {
      case Ch.OpenBrace:
        return this.parseObject();
      case Ch.OpenBracket:
        return this.parseArray();
      case Ch.Quote:
      case Ch.Apostrophe:
        return this.parseString();
      case Ch.Comma:
      case Ch.CloseBrace:
      case Ch.CloseBracket:
      case Ch.Colon:
        this.error(this.pos, 1, `Expected a value before "${this.text[this.pos]}".`);
        return undefined;
    }
    if (isNumberChar(ch)) return this.parseNumber();
    if (isIdentifierChar(ch)) return this.parseLiteral();
    const unexpected = describeCharacter(this.text, this.pos);
    this.error(this.pos, unexpected.length, `Unexpected character ${unexpected.name}.`);
    this.pos += unexpected.length;
    return undefined;
  }

  private parseObject(): ObjectNode | undefined {
    const start = this.pos;
    if (this.depth >= MAX_NESTING_DEPTH) return this.skipTooDeep();
    this.depth++;
    this.pos++;
    const node: ObjectNode = { type: 'object', offset: start - this.base, length: 0, properties: [], parent: undefined };
    let seen: Map<string, number> | undefined;
    let lastCommaOffset = -1;
    for (;;) {
      this.skipTrivia();
      const ch = this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
      if (ch === Ch.CloseBrace) {
        if (lastCommaOffset >= 0) {
          this.error(lastCommaOffset, 1, 'Trailing comma: remove it, JSON does not allow a comma before "}".');
        }
        this.pos++;
        break;
      }
      if (this.objectNeverClosed(ch, start)) break;
      if (ch === Ch.Comma) {
        this.error(this.pos, 1, 'Expected a property before ",".');
        this.pos++;
        continue;
      }
      lastCommaOffset = -1;
      const key = this.parseKey();
      if (!key) continue;
      seen ??= new Map();
      this.checkRepeatedKey(seen, key);
      lastCommaOffset = this.parseMember(node, key);
    }
    node.length = this.pos - start;
    this.depth--;
    return node;
  }

  /**
   * Whether the object opened at `start` ends without its "}" at `ch` (reported): at the end
   * of the text, at a "]", or at a value where a key belongs (most likely a missing "}"
   * before the next row).
   */
  private objectNeverClosed(ch: number, start: number): boolean {
    if (ch !== -1 && ch !== Ch.CloseBracket && ch !== Ch.OpenBrace && ch !== Ch.OpenBracket) return false;
    this.error(start, 1, 'This "{" is never closed: expected "}".');
    return true;
  }

  /** Reports a key the object already has (`seen`: each key's first offset). */
  private checkRepeatedKey(seen: Map<string, number>, key: StringNode): void {
    const firstOffset = seen.get(key.value);
    if (firstOffset === undefined) {
      seen.set(key.value, key.offset);
      return;
    }
    this.problems.push({
      offset: key.offset + this.base,
      length: key.length,
      code: 'duplicate-key',
      message: `Duplicate key "${key.value}": only the last value is kept.`,
      firstOffset: firstOffset + this.base,
    });
  }

  /**
   * Reads the rest of a property after its key (the colon, the value and the comma after it)
   * and adds it to `node`. Returns the offset of the comma that ends it, or -1 when none does.
   */
  private parseMember(node: ObjectNode, key: StringNode): number {
    key.parent = node;
    const property: PropertyNode = {
      type: 'property',
      offset: key.offset,
      length: key.length,
      key,
      colonOffset: -1,
      value: undefined,
      parent: node,
    };
    node.properties.push(property);
    this.skipTrivia();
    if (!this.readColon(property)) {
      // Without a colon, only carry on with a value that plainly follows the key.
      property.length = this.pos - this.base - property.offset;
      return this.skipComma();
    }
    const value = this.parseValue();
    if (value) {
      value.parent = property;
      property.value = value;
    }
    property.length = this.pos - this.base - property.offset;
    this.skipTrivia();
    const commaOffset = this.skipComma();
    if (commaOffset >= 0) return commaOffset;
    const next = this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
    if (next === Ch.Quote || next === Ch.Apostrophe || isIdentifierChar(next)) this.error(this.pos, 1, 'Expected "," between properties.');
    return -1;
  }

  /**
   * Reads the colon after a property's key. Without one (reported), returns whether a value
   * plainly follows the key all the same, so that it is read as the property's value.
   */
  private readColon(property: PropertyNode): boolean {
    if (this.text.charCodeAt(this.pos) === Ch.Colon) {
      property.colonOffset = this.pos - this.base;
      this.pos++;
      return true;
    }
    this.error(property.key.offset + this.base, property.key.length, 'Expected ":" after the property name.');
    const next = this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
    return next === Ch.Quote || isNumberChar(next) || isIdentifierChar(next) || next === Ch.OpenBrace || next === Ch.OpenBracket;
  }

  /** Steps over a comma at the current position; returns its offset, or -1 when there is none. */
  private skipComma(): number {
    if (this.pos >= this.end || this.text.charCodeAt(this.pos) !== Ch.Comma) return -1;
    this.pos++;
    return this.pos - 1;
  }

  private parseKey(): StringNode | undefined {
    const ch = this.text.charCodeAt(this.pos);
    if (ch === Ch.Quote || ch === Ch.Apostrophe) return this.parseString();
    if (isIdentifierChar(ch)) {
      const start = this.pos;
      while (this.pos < this.end && isIdentifierChar(this.text.charCodeAt(this.pos))) this.pos++;
      const value = this.text.slice(start, this.pos);
      this.error(start, this.pos - start, `Property names must be in double quotes: "${value}".`);
      return { type: 'string', offset: start - this.base, length: this.pos - start, value, parent: undefined };
    }
    const found = describeCharacter(this.text, this.pos);
    this.error(this.pos, found.length, `Expected a property name in double quotes, found ${found.name}.`);
    this.pos += found.length;
    return undefined;
  }

  private parseArray(): ArrayNode | undefined {
    const start = this.pos;
    if (this.depth >= MAX_NESTING_DEPTH) return this.skipTooDeep();
    this.depth++;
    this.pos++;
    const node: ArrayNode = { type: 'array', offset: start - this.base, length: 0, items: [], parent: undefined };
    let lastCommaOffset = -1;
    for (;;) {
      this.skipTrivia();
      const ch = this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
      if (ch === Ch.CloseBracket) {
        if (lastCommaOffset >= 0) {
          this.error(lastCommaOffset, 1, 'Trailing comma: remove it, JSON does not allow a comma before "]".');
        }
        this.pos++;
        break;
      }
      if (ch === -1 || ch === Ch.CloseBrace) {
        this.error(start, 1, 'This "[" is never closed: expected "]".');
        break;
      }
      if (ch === Ch.Comma) {
        this.error(this.pos, 1, 'Expected a value before ",".');
        this.pos++;
        continue;
      }
      lastCommaOffset = -1;
      const before = this.pos;
      const item = this.parseValue();
      if (item) {
        item.parent = node;
        node.items.push(item);
      } else if (this.pos === before) {
        this.pos++;
      }
      this.skipTrivia();
      const next = this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
      if (next === Ch.Comma) {
        lastCommaOffset = this.pos;
        this.pos++;
      } else if (next !== Ch.CloseBracket && next !== Ch.CloseBrace && next !== -1) {
        this.error(this.pos, 1, 'Expected "," between array items.');
      }
    }
    node.length = this.pos - start;
    this.depth--;
    return node;
  }

  private parseString(): StringNode {
    const start = this.pos;
    const quote = this.text.charCodeAt(start);
    if (quote === Ch.Apostrophe) this.error(start, 1, 'Strings must use double quotes (") in JSON.');
    this.pos++;
    let chunkStart = this.pos;
    let value = '';
    for (;;) {
      if (this.pos >= this.end) {
        this.error(start, this.pos - start, 'This string is never closed: expected a closing quote.');
        value += this.text.slice(chunkStart, this.pos);
        break;
      }
      const ch = this.text.charCodeAt(this.pos);
      if (ch === quote) {
        value += this.text.slice(chunkStart, this.pos);
        this.pos++;
        break;
      }
      if (ch === Ch.LineFeed || ch === Ch.CarriageReturn) {
        this.error(start, this.pos - start, 'This string is never closed: a line break cannot be inside a string (write \\n).');
        value += this.text.slice(chunkStart, this.pos);
        break;
      }
      if (ch === Ch.Backslash) {
        value += this.text.slice(chunkStart, this.pos);
        value += this.readEscape();
        chunkStart = this.pos;
        continue;
      }
      if (ch < Ch.Space) {
        this.error(this.pos, 1, ch === Ch.Tab ? 'A tab character cannot be inside a string (write \\t).' : 'A control character cannot be inside a string.');
      }
      this.pos++;
    }
    return { type: 'string', offset: start - this.base, length: this.pos - start, value, parent: undefined };
  }

  private readEscape(): string {
    const start = this.pos;
    this.pos++; // backslash
    const ch = this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
    this.pos++;
    switch (ch) {
      case Ch.Quote:
        return '"';
      case Ch.Backslash:
        return '\\';
      case Ch.Slash:
        return '/';
      case 0x62:
        return '\b';
      case 0x66:
        return '\f';
      case 0x6e:
        return '\n';
      case 0x72:
        return '\r';
      case 0x74:
        return '\t';
      case 0x75: {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          this.pos += 4;
          return String.fromCharCode(parseInt(hex, 16));
        }
        this.error(start, 2, 'Invalid unicode escape: "\\u" must be followed by four hex digits.');
        return '';
      }
      default:
        if (ch === -1 || ch === Ch.LineFeed || ch === Ch.CarriageReturn) {
          this.pos--;
          this.error(start, 1, 'A backslash at the end of a line: the string is cut here.');
          return '';
        }
        this.error(start, 2, `Invalid escape "\\${String.fromCharCode(ch)}" in a string.`);
        return String.fromCharCode(ch);
    }
  }

  private parseNumber(): NumberNode | undefined {
    const start = this.pos;
    while (this.pos < this.end && isNumberChar(this.text.charCodeAt(this.pos))) this.pos++;
    // Letters right after digits (`12px`, `0x1F`) belong to the same bad token.
    while (this.pos < this.end && isIdentifierChar(this.text.charCodeAt(this.pos))) this.pos++;
    const raw = this.text.slice(start, this.pos);
    if (!NUMBER_PATTERN.test(raw)) {
      this.error(start, raw.length, `Invalid number "${raw}".`);
      return undefined;
    }
    const value = Number(raw);
    return {
      type: 'number',
      offset: start - this.base,
      length: raw.length,
      value,
      isInteger: !/[.eE]/.test(raw) || Number.isInteger(value),
      parent: undefined,
    };
  }

  private parseLiteral(): BooleanNode | NullNode | undefined {
    const start = this.pos;
    while (this.pos < this.end && isIdentifierChar(this.text.charCodeAt(this.pos))) this.pos++;
    const word = this.text.slice(start, this.pos);
    const offset = start - this.base;
    const length = word.length;
    if (word === 'true' || word === 'false') return { type: 'boolean', offset, length, value: word === 'true', parent: undefined };
    if (word === 'null') return { type: 'null', offset, length, value: null, parent: undefined };
    const hint = LITERAL_HINTS.get(word) ?? ['true', 'false', 'null'].find((literal) => word.length >= 2 && literal.startsWith(word));
    this.error(start, length, hint ? `Unexpected "${word}": did you mean ${hint}?` : `Unexpected "${word}": text values need double quotes.`);
    return undefined;
  }

  /** Reports nesting beyond the limit and skips the value without recursion. */
  private skipTooDeep(): undefined {
    const start = this.pos;
    this.error(start, 1, `Nested more than ${MAX_NESTING_DEPTH} levels deep; the content of this value is not checked.`);
    let depth = 0;
    while (this.pos < this.end) {
      const ch = this.text.charCodeAt(this.pos);
      if (ch === Ch.Quote) {
        this.pos++;
        while (this.pos < this.end) {
          const c = this.text.charCodeAt(this.pos);
          if (c === Ch.Backslash) this.pos += 2;
          else if (c === Ch.Quote || c === Ch.LineFeed) break;
          else this.pos++;
        }
      } else if (ch === Ch.OpenBrace || ch === Ch.OpenBracket) {
        depth++;
      } else if (ch === Ch.CloseBrace || ch === Ch.CloseBracket) {
        depth--;
        if (depth === 0) {
          this.pos++;
          return undefined;
        }
      }
      this.pos++;
    }
    return undefined;
  }

  /** Skips whitespace; comments are reported (JSON has none) and skipped. */
  private skipTrivia(): void {
    const text = this.text;
    while (this.pos < this.end) {
      const ch = text.charCodeAt(this.pos);
      if (ch === Ch.Space || ch === Ch.LineFeed || ch === Ch.CarriageReturn || ch === Ch.Tab) {
        this.pos++;
      } else if (ch === Ch.Slash && (text.charCodeAt(this.pos + 1) === Ch.Slash || text.charCodeAt(this.pos + 1) === Ch.Star)) {
        const start = this.pos;
        if (text.charCodeAt(this.pos + 1) === Ch.Slash) {
          while (this.pos < this.end && text.charCodeAt(this.pos) !== Ch.LineFeed) this.pos++;
        } else {
          const close = text.indexOf('*/', this.pos + 2);
          this.pos = close < 0 || close + 2 > this.end ? this.end : close + 2;
        }
        this.error(start, this.pos - start, 'Comments are not allowed in JSON.');
      } else {
        return;
      }
    }
  }

  /** Checks the text after the root value, from the current position: only whitespace may follow. */
  parseAfterRoot(): void {
    this.checkTrailingContent();
  }

  private checkTrailingContent(rootWasObject = false): void {
    this.skipTrivia();
    if (this.pos >= this.end) return;
    const start = this.pos;
    const ndjson = rootWasObject && this.text.charCodeAt(this.pos) === Ch.OpenBrace;
    this.error(
      start,
      this.end - start,
      ndjson
        ? 'This looks like NDJSON (one object per line). A Labelbox data row import file is a single JSON array: [ {...}, {...} ].'
        : 'Unexpected content after the end of the root value.',
    );
    this.pos = this.end;
  }

  private error(offset: number, length: number, message: string): void {
    this.problems.push({ offset, length, message, code: 'json-syntax' });
  }
}
