import type { FixData } from '../diagnostic';
import type { ImportDocument } from '../document/importDocument';
import { findNodeAtOffset, getProperty, propertyOfKey, type JsonNode, type ObjectNode, type PropertyNode } from '../json/ast';
import { convertRowEdit } from './convertToCurrentFormat';
import { indentBefore } from '../featureHelpers/indentation';
import type { TextEdit } from '../featureHelpers/textEdit';

/**
 * The edits of a quick fix, made from the document as it is now. `offset`/`length` are the
 * diagnostic's range, which the fix refers to.
 */
/**
 * @param isTakenElsewhere whether another import file uses a key (lower case): the unique-key
 *   fix then picks a suffix free in every file (the workspace index, when the host has one).
 */
export function quickFixEdits(
  document: ImportDocument,
  offset: number,
  length: number,
  fix: FixData,
  isTakenElsewhere: (lowerKey: string) => boolean = () => false,
): TextEdit[] {
  switch (fix.kind) {
    case 'replace':
      return [{ offset, length, newText: fix.text }];
    case 'removeProperty': {
      const found = propertyAt(document, offset);
      return found ? [removePropertyEdit(found.base, found.property)] : [];
    }
    case 'setMediaType':
      return setMediaTypeEdits(document, offset, fix.mediaType);
    case 'uniqueGlobalKey':
      return uniqueGlobalKeyEdits(document, offset, length, isTakenElsewhere);
    case 'convertRow': {
      const index = document.rowIndexAt(offset);
      const edit = index >= 0 ? convertRowEdit(document, index) : undefined;
      return edit ? [edit] : [];
    }
  }
}

interface Located<T> {
  /** Absolute offset of the row, to turn the tree's offsets into absolute ones. */
  base: number;
  node: T;
}

function nodeAt(document: ImportDocument, offset: number): Located<JsonNode> | undefined {
  const index = document.rowIndexAt(offset);
  const tree = index >= 0 ? document.rowTree(index) : undefined;
  if (!tree) return undefined;
  const base = document.rows[index].start;
  const node = findNodeAtOffset(tree, offset - base);
  return node ? { base, node } : undefined;
}

/** The property whose key or value holds `offset`. */
function propertyAt(document: ImportDocument, offset: number): { base: number; property: PropertyNode } | undefined {
  const located = nodeAt(document, offset);
  if (!located) return undefined;
  const keyOwner = propertyOfKey(located.node);
  if (keyOwner) return { base: located.base, property: keyOwner };
  let node: JsonNode | undefined = located.node;
  while (node && node.parent?.type !== 'property') node = node.parent?.type === 'array' || node.parent?.type === 'object' ? node.parent : undefined;
  const parent = node?.parent;
  return parent?.type === 'property' ? { base: located.base, property: parent } : undefined;
}

/** Removes a property with its comma, leaving the lines around it as they were. */
export function removePropertyEdit(base: number, property: PropertyNode): TextEdit {
  const siblings = property.parent.properties;
  const index = siblings.indexOf(property);
  const start = base + property.offset;
  const end = base + property.offset + property.length;
  const next = siblings[index + 1];
  if (next) return { offset: start, length: base + next.offset - start, newText: '' };
  const previous = siblings[index - 1];
  if (previous) {
    const previousEnd = base + previous.offset + previous.length;
    return { offset: previousEnd, length: end - previousEnd, newText: '' };
  }
  return { offset: start, length: end - start, newText: '' };
}

/** Changes media_type, or adds it after row_data in the row's own layout. */
function setMediaTypeEdits(document: ImportDocument, offset: number, mediaType: string): TextEdit[] {
  const index = document.rowIndexAt(offset);
  const tree = index >= 0 ? document.rowTree(index) : undefined;
  if (tree?.type !== 'object') return [];
  const base = document.rows[index].start;
  const text = JSON.stringify(mediaType);
  const existing = getProperty(tree, 'media_type');
  if (existing?.value) return [{ offset: base + existing.value.offset, length: existing.value.length, newText: text }];
  const anchor = getProperty(tree, 'row_data') ?? tree.properties[tree.properties.length - 1];
  if (!anchor) return [{ offset: base + tree.offset + 1, length: 0, newText: ` "media_type": ${text} ` }];
  return [insertPropertyAfter(document, base, tree, anchor, `"media_type": ${text}`)];
}

/** Inserts `"key": value` after `anchor`: on its own line when the object is written one property per line. */
function insertPropertyAfter(document: ImportDocument, base: number, object: ObjectNode, anchor: PropertyNode, member: string): TextEdit {
  const read = (start: number, end: number) => document.slice(start, end);
  const anchorEnd = base + anchor.offset + anchor.length;
  const keyOffset = base + anchor.key.offset;
  const next = object.properties[object.properties.indexOf(anchor) + 1];
  // After the comma that follows the anchor when there is one, so the new member takes its own comma.
  const between = next ? read(anchorEnd, base + next.offset).indexOf(',') : -1;
  const afterComma = between >= 0;
  const comma = anchorEnd + between;
  const indent = indentBefore(read, keyOffset);
  const separator = indent !== undefined ? `${hasCrLf(document) ? '\r\n' : '\n'}${indent}` : ' ';
  return afterComma ? { offset: comma + 1, length: 0, newText: `${separator}${member},` } : { offset: anchorEnd, length: 0, newText: `,${separator}${member}` };
}

/** Whether the text has a \r\n anywhere, read in slices up to the first one (not as one copy of the whole text). */
function hasCrLf(document: ImportDocument): boolean {
  const chunk = 64 * 1024;
  // Each slice starts one character early so that a \r\n across two slices is seen.
  for (let start = 0; start < document.length; start += chunk) {
    if (document.slice(Math.max(0, start - 1), start + chunk).includes('\r\n')) return true;
  }
  return false;
}

/** A suffix (-2, -3, …) that no other row's key has, compared without regard to case. */
/** The longest global key Labelbox takes: a suffix that would pass it trims the base instead. */
const MAX_GLOBAL_KEY_LENGTH = 200;

function uniqueGlobalKeyEdits(document: ImportDocument, offset: number, length: number, isTakenElsewhere: (lowerKey: string) => boolean): TextEdit[] {
  const located = nodeAt(document, offset);
  const node = located?.node;
  if (node?.type !== 'string') return [];
  for (let suffix = 2; suffix < 100_000; suffix++) {
    const ending = `-${suffix}`;
    const candidate = `${[...node.value].slice(0, Math.max(1, MAX_GLOBAL_KEY_LENGTH - ending.length)).join('')}${ending}`;
    if (document.globalKeys.rowsWithKey(candidate) || isTakenElsewhere(candidate.toLowerCase())) continue;
    return [{ offset, length, newText: JSON.stringify(candidate) }];
  }
  return [];
}
