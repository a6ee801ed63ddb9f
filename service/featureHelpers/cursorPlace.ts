import {
  findNodeAtOffset,
  getNodePath,
  propertyOfKey,
  type ContainerNode,
  type JsonNode,
  type JsonPathSegment,
  type ObjectNode,
  type PropertyNode,
  type StringNode,
} from '../json/ast';
import type { ImportDocument } from '../document/importDocument';
import { TextWindow } from '../text/textWindow';

/**
 * Where the cursor is in an import file, in terms of what could be typed there: a new data
 * row, a property name, or a value. Only the row under the cursor is parsed, so this costs
 * the same in a file of fifty thousand rows as in a file of one.
 */

/** A span of text, in absolute offsets. */
export interface TextSpan {
  offset: number;
  length: number;
}

interface PlaceBase {
  /** The text an inserted item replaces (absolute offsets); it contains the cursor. */
  replace: TextSpan;
  /** Where a comma must go so that the inserted text is separated from what comes before. */
  commaBefore?: number;
  /** Whether the inserted text needs a comma after it, before what follows. */
  commaAfter: boolean;
}

/** In an empty file: the whole array of rows goes here. */
export interface FilePlace extends PlaceBase {
  kind: 'file';
}

/** Between rows, before the first or after the last: a new data row goes here. */
export interface RootPlace extends PlaceBase {
  kind: 'root';
}

interface InRow extends PlaceBase {
  rowIndex: number;
  /** Absolute offset of the row's start: offsets in `row` are relative to it. */
  rowStart: number;
  row: JsonNode;
}

/** Where a property name is typed, or an existing name is edited. */
export interface KeyPlace extends InRow {
  kind: 'key';
  object: ObjectNode;
  objectPath: JsonPathSegment[];
  /** The property whose name is being edited, if any. */
  property: PropertyNode | undefined;
}

/** Where a value goes: a property's value or an array item. */
export interface ValuePlace extends InRow {
  kind: 'value';
  path: JsonPathSegment[];
  /** The value already there, if any. */
  node: JsonNode | undefined;
  /** The property the value belongs to, if it is not an array item. */
  property: PropertyNode | undefined;
}

export type CursorPlace = FilePlace | RootPlace | KeyPlace | ValuePlace;

const WHITESPACE = /\s/;

function isWordChar(ch: string): boolean {
  return /[A-Za-z0-9_$.+-]/.test(ch);
}

/** Where the cursor at `offset` is; undefined where nothing can be typed (outside the root array). */
export function cursorPlace(document: ImportDocument, offset: number): CursorPlace | undefined {
  const text = new TextWindow(document, offset);
  const layout = document.layout;
  if (layout.kind === 'empty') {
    return { kind: 'file', replace: wordAt(text, offset, 0, text.length), commaAfter: false };
  }
  const index = document.rowIndexAt(offset);
  if (index < 0) {
    if (layout.kind !== 'array' || offset <= layout.openOffset) return undefined;
    if (layout.closeOffset >= 0 && offset > layout.closeOffset) return undefined;
    return rootPlace(document, offset);
  }
  const entry = document.rows[index];
  const rel = offset - entry.start;
  const row = document.rowTree(index);
  if (!row || rel <= 0 || rel > entry.valueLength) return rootPlace(document, offset);
  if (row.type !== 'object' && row.type !== 'array') {
    return rel < row.length ? undefined : rootPlace(document, offset);
  }
  const at = new RowText(text, entry.start, entry.start + entry.valueLength);
  const inRow = { rowIndex: index, rowStart: entry.start, row };
  const node = findNodeAtOffset(row, rel);
  if (!node) return rootPlace(document, offset);

  const key = propertyOfKey(node);
  if (key) {
    return {
      kind: 'key',
      ...inRow,
      object: key.parent,
      objectPath: getNodePath(key.parent),
      property: key,
      replace: at.stringSpan(key.key, rel),
      commaAfter: false,
    };
  }
  if (node.type !== 'object' && node.type !== 'array') {
    const parent = node.parent;
    return {
      kind: 'value',
      ...inRow,
      path: getNodePath(node),
      node,
      property: parent?.type === 'property' ? parent : undefined,
      replace: node.type === 'string' ? at.stringSpan(node, rel) : at.span(node.offset, node.length),
      commaAfter: false,
    };
  }
  // On a container: inside it, or just after it (then the place is in its parent).
  let container: ContainerNode = node;
  while (!at.isInside(container, rel)) {
    const parent: JsonNode | undefined = container.parent?.type === 'property' ? container.parent.parent : container.parent;
    if (!parent || (parent.type !== 'object' && parent.type !== 'array')) return rootPlace(document, offset);
    container = parent;
  }
  return placeInContainer(at, container, rel, inRow);
}

function placeInContainer(
  at: RowText,
  container: ContainerNode,
  rel: number,
  inRow: { rowIndex: number; rowStart: number; row: JsonNode },
): KeyPlace | ValuePlace | undefined {
  const word = at.wordAround(rel);
  const previous = at.previousSignificant(word.offset);
  const containerPath = getNodePath(container);
  const replace = at.span(word.offset, word.length);
  const commaBefore = previous.offset >= 0 && !'{[,:'.includes(previous.char) ? at.absolute(previous.offset + 1) : undefined;
  if (container.type === 'object') {
    if (previous.char === ':') {
      const property = container.properties.find((p) => p.colonOffset === previous.offset);
      if (!property) return undefined;
      const value = property.value && property.value.offset >= rel ? property.value : undefined;
      return {
        kind: 'value',
        ...inRow,
        path: [...containerPath, property.key.value],
        node: value,
        property,
        replace: value ? at.span(value.offset, value.length) : replace,
        commaAfter: false,
      };
    }
    // Just after a property name (before its colon) nothing can be typed.
    if (container.properties.some((p) => p.key.offset + p.key.length === previous.offset + 1)) return undefined;
    const next = at.nextSignificant(word.offset + word.length);
    return {
      kind: 'key',
      ...inRow,
      object: container,
      objectPath: containerPath,
      property: undefined,
      replace,
      commaBefore,
      commaAfter: next === '"' || next === "'" || (next !== '' && isWordChar(next)),
    };
  }
  const items = container.items;
  let position = 0;
  while (position < items.length && items[position].offset < rel) position++;
  const next = at.nextSignificant(word.offset + word.length);
  return {
    kind: 'value',
    ...inRow,
    path: [...containerPath, position],
    node: undefined,
    property: undefined,
    replace,
    commaBefore,
    commaAfter: next !== '' && next !== ']' && next !== '}' && next !== ',',
  };
}

/** A new data row at `offset`, between the rows of the root array. */
function rootPlace(document: ImportDocument, offset: number): RootPlace {
  const text = new TextWindow(document, offset);
  const layout = document.layout;
  const low = layout.kind === 'array' ? layout.openOffset + 1 : 0;
  const high = layout.kind === 'array' && layout.closeOffset >= 0 ? layout.closeOffset : text.length;
  const replace = wordAt(text, offset, low, high);
  let before = replace.offset - 1;
  while (before >= low && WHITESPACE.test(text.charAt(before))) before--;
  let after = replace.offset + replace.length;
  while (after < high && WHITESPACE.test(text.charAt(after))) after++;
  const previous = before >= low ? text.charAt(before) : '';
  return {
    kind: 'root',
    replace,
    commaBefore: previous !== '' && previous !== ',' ? before + 1 : undefined,
    commaAfter: after < high && text.charAt(after) !== ',',
  };
}

/** The word (a bare literal being typed) around `offset`, within [low, high). */
function wordAt(text: TextWindow, offset: number, low: number, high: number): TextSpan {
  let start = offset;
  while (start > low && isWordChar(text.charAt(start - 1))) start--;
  let end = offset;
  while (end < high && isWordChar(text.charAt(end))) end++;
  return { offset: start, length: end - start };
}

/** Reads the text of one row in the row-relative offsets of its tree. */
class RowText {
  constructor(
    private readonly text: TextWindow,
    private readonly start: number,
    private readonly end: number,
  ) {}

  absolute(rel: number): number {
    return this.start + rel;
  }

  span(rel: number, length: number): TextSpan {
    return { offset: this.start + rel, length };
  }

  charAt(rel: number): string {
    const offset = this.start + rel;
    return offset >= this.start && offset < this.end ? this.text.charAt(offset) : '';
  }

  /** A string node's span; for a string never closed, only up to the cursor, so nothing after it is replaced. */
  stringSpan(node: StringNode, rel: number): TextSpan {
    const first = this.charAt(node.offset);
    const quoted = first === '"' || first === "'";
    const closed = !quoted || (node.length >= 2 && this.charAt(node.offset + node.length - 1) === first && this.charAt(node.offset + node.length - 2) !== '\\');
    return this.span(node.offset, closed ? node.length : Math.max(rel - node.offset, 1));
  }

  /** Whether `rel` is between a container's brackets (an unclosed one reaches the row's end). */
  isInside(node: ContainerNode, rel: number): boolean {
    if (rel <= node.offset) return false;
    const close = node.type === 'object' ? '}' : ']';
    const closed = node.length >= 2 && this.charAt(node.offset + node.length - 1) === close;
    return closed ? rel < node.offset + node.length : rel <= node.offset + node.length;
  }

  wordAround(rel: number): { offset: number; length: number } {
    let start = rel;
    while (start > 0 && isWordChar(this.charAt(start - 1))) start--;
    let end = rel;
    while (this.start + end < this.end && isWordChar(this.charAt(end))) end++;
    return { offset: start, length: end - start };
  }

  /** The last character before `rel` that is not whitespace, and its offset (-1 when none). */
  previousSignificant(rel: number): { char: string; offset: number } {
    let offset = rel - 1;
    while (offset >= 0 && WHITESPACE.test(this.charAt(offset))) offset--;
    return offset >= 0 ? { char: this.charAt(offset), offset } : { char: '', offset: -1 };
  }

  /** The first character at or after `rel` that is not whitespace ('' at the row's end). */
  nextSignificant(rel: number): string {
    let offset = rel;
    while (this.start + offset < this.end && WHITESPACE.test(this.charAt(offset))) offset++;
    return this.charAt(offset);
  }
}
