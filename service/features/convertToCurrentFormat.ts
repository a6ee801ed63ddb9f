import type { ImportDocument } from '../document/importDocument';
import { getPropertyValue, type JsonNode, type ObjectNode, type PropertyNode } from '../json/ast';
import { looksLikeUrl, mediaTypeOfUrl } from '../../common/urls';
import { CONVERSATION_TYPE } from '../validation/rules/rowData';
import { detectIndentation, INDENTATION_SAMPLE_LENGTH, type Indentation } from '../featureHelpers/indentation';
import type { TextEdit } from '../featureHelpers/textEdit';

/**
 * Converting legacy (camelCase) rows to the current format, written as the user wrote them:
 * every key stays where it was (renamed in place), values keep their own text (an object on
 * one line stays on one line, numbers keep their digits), the row keeps its separators and
 * indentation. What moves: the asset key becomes `row_data` with a `media_type` after it;
 * tiled imagery keys and a conversation's messages go into a `row_data` object; `info` joins
 * the attachments; TEXT attachments become RAW_TEXT or TEXT_URL; `schemaId` becomes `schema_id`.
 */

const TILED_KEYS = new Set(['tileLayerUrl', 'bounds', 'minZoom', 'maxZoom', 'maxNativeZoom', 'epsg', 'tileSize', 'alternativeLayers', 'version']);
/** Asset keys, in the order that decides which one is the row's asset when there are several. */
const ASSET_KEYS = ['imageUrl', 'videoUrl', 'conversationalUrl', 'conversationalData', 'tileLayerUrl', 'data'] as const;
const RENAMED = new Map([
  ['externalId', 'external_id'],
  ['globalKey', 'global_key'],
  ['metadataFields', 'metadata_fields'],
  ['mediaAttributes', 'media_attributes'],
]);

type AssetKey = (typeof ASSET_KEYS)[number];

/** A text change inside a row: offsets relative to the row's start. */
interface InnerEdit {
  offset: number;
  length: number;
  text: string;
}

/** How a row is laid out: between `{` and its first key, between properties, after the last one. */
interface RowLayout {
  opening: string;
  separator: string;
  colon: string;
  closing: string;
  multiline: boolean;
  /** Indentation of the row's properties (multi-line rows). */
  indent: string;
  eol: string;
  unit: string;
}

function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? node.value : undefined;
}

/** The row's asset key, as the legacy format decides it: the first of ASSET_KEYS present with a usable value. */
function assetKeyOf(row: ObjectNode): AssetKey | undefined {
  for (const key of ASSET_KEYS) {
    const value = getPropertyValue(row, key);
    if (!value) continue;
    if ((key === 'imageUrl' || key === 'videoUrl' || key === 'conversationalUrl' || key === 'data') && value.type !== 'string') continue;
    return key;
  }
  return undefined;
}

function mediaTypeOf(key: AssetKey, row: ObjectNode): string | undefined {
  switch (key) {
    case 'imageUrl':
      return 'IMAGE';
    case 'videoUrl':
      return 'VIDEO';
    case 'conversationalUrl':
    case 'conversationalData':
      return 'CONVERSATIONAL';
    case 'tileLayerUrl': {
      const epsg = stringValue(getPropertyValue(row, 'epsg'));
      return epsg === 'Simple' || epsg === 'SIMPLEPIXEL' ? 'TMS_SIMPLE' : 'TMS_GEO';
    }
    case 'data': {
      const data = stringValue(getPropertyValue(row, 'data')) ?? '';
      return looksLikeUrl(data) ? mediaTypeOfUrl(data) : 'TEXT';
    }
  }
}

/** TEXT attachments (removed from the SDK) become TEXT_URL for a URL, RAW_TEXT for text. */
function attachmentEdits(attachment: JsonNode | undefined, edits: InnerEdit[]): void {
  if (attachment?.type !== 'object') return;
  const type = getPropertyValue(attachment, 'type');
  if (type?.type !== 'string' || type.value !== 'TEXT') return;
  const value = stringValue(getPropertyValue(attachment, 'value')) ?? '';
  edits.push({ offset: type.offset, length: type.length, text: JSON.stringify(looksLikeUrl(value) ? 'TEXT_URL' : 'RAW_TEXT') });
}

/** Renames, inside values, that the conversion makes: metadata `schemaId`, TEXT attachments. */
function innerEditsOf(row: ObjectNode): InnerEdit[] {
  const edits: InnerEdit[] = [];
  const metadata = getPropertyValue(row, 'metadataFields');
  if (metadata?.type === 'array') {
    for (const entry of metadata.items) {
      if (entry.type !== 'object') continue;
      for (const property of entry.properties) {
        if (property.key.value === 'schemaId') edits.push({ offset: property.key.offset, length: property.key.length, text: '"schema_id"' });
      }
    }
  }
  const attachments = getPropertyValue(row, 'attachments');
  if (attachments?.type === 'array') for (const item of attachments.items) attachmentEdits(item, edits);
  attachmentEdits(getPropertyValue(row, 'info'), edits);
  return edits;
}

function layoutOf(text: string, row: ObjectNode, unit: string): RowLayout {
  const first = row.properties[0];
  const last = row.properties[row.properties.length - 1];
  const opening = text.slice(1, first.offset);
  const multiline = opening.includes('\n');
  const eol = opening.includes('\r\n') ? '\r\n' : '\n';
  const indent = multiline ? opening.slice(opening.lastIndexOf('\n') + 1) : '';
  const second = row.properties[1];
  const separator = second ? text.slice(first.offset + first.length, second.offset) : multiline ? `,${opening}` : ', ';
  const colon = first.value ? text.slice(first.key.offset + first.key.length, first.value.offset) : ': ';
  return { opening, separator, colon, closing: text.slice(last.offset + last.length, text.length - 1), multiline, indent, eol, unit };
}

/** Converts one legacy row's text; undefined when it cannot be converted faithfully. */
export function convertRowText(text: string, row: ObjectNode, indentation: Indentation): string | undefined {
  if (!row.properties.length || row.properties.some((property) => !property.value)) return undefined;
  const layout = layoutOf(text, row, indentation.unit);
  const edits = innerEditsOf(row);
  /** A value's own text, with the renames inside it, moved `deeper` levels in. */
  const valueText = (node: JsonNode, deeper = 0): string => {
    let result = text.slice(node.offset, node.offset + node.length);
    const inside = edits
      .filter((edit) => edit.offset >= node.offset && edit.offset + edit.length <= node.offset + node.length)
      .sort((a, b) => b.offset - a.offset);
    for (const edit of inside) result = result.slice(0, edit.offset - node.offset) + edit.text + result.slice(edit.offset - node.offset + edit.length);
    return deeper && layout.multiline ? result.split(layout.eol).join(`${layout.eol}${layout.unit.repeat(deeper)}`) : result;
  };
  const entry = (key: string, value: string) => `${JSON.stringify(key)}${layout.colon}${value}`;
  /** A new object at the row's property level, laid out like the row. */
  const objectText = (entries: string[]) => {
    if (!layout.multiline) return `{ ${entries.join(', ')} }`;
    const inner = `${layout.eol}${layout.indent}${layout.unit}`;
    return `{${inner}${entries.join(`,${inner}`)}${layout.eol}${layout.indent}}`;
  };

  const assetKey = assetKeyOf(row);
  const mediaType = assetKey && mediaTypeOf(assetKey, row);
  const hasMediaType = Boolean(getPropertyValue(row, 'media_type'));
  const attachments = row.properties.find((property) => property.key.value === 'attachments');
  const info = row.properties.find((property) => property.key.value === 'info');
  const pieces: string[] = [];
  const addAsset = (value: string) => {
    pieces.push(entry('row_data', value));
    if (mediaType && !hasMediaType) pieces.push(entry('media_type', JSON.stringify(mediaType)));
  };
  let tiledDone = false;
  for (const property of row.properties) {
    const key = property.key.value;
    const value = property.value!;
    if (assetKey === 'tileLayerUrl' && TILED_KEYS.has(key)) {
      if (tiledDone) continue;
      tiledDone = true;
      const tiled = row.properties.filter((candidate) => TILED_KEYS.has(candidate.key.value));
      addAsset(objectText(tiled.map((candidate) => entry(candidate.key.value, valueText(candidate.value!, 1)))));
    } else if (key === assetKey) {
      if (key !== 'conversationalData') addAsset(valueText(value));
      else {
        const version = getPropertyValue(row, 'version');
        const messages = [
          entry('type', JSON.stringify(CONVERSATION_TYPE)),
          entry('version', version?.type === 'number' ? valueText(version) : '1'),
          entry('messages', valueText(value, 1)),
        ];
        addAsset(objectText(messages));
      }
    } else if ((ASSET_KEYS as readonly string[]).includes(key) || key === 'type' || (key === 'version' && assetKey !== undefined)) {
      // Another asset key (a row has one asset), and the conversation's type and version: consumed.
      continue;
    } else if (key === 'attachments') {
      pieces.push(entry('attachments', info ? withElement(valueText(value), value, info, valueText) : valueText(value)));
    } else if (key === 'info') {
      if (!attachments) pieces.push(entry('attachments', `[${valueText(value)}]`));
    } else {
      const renamed = RENAMED.get(key);
      pieces.push(
        `${renamed ? JSON.stringify(renamed) : text.slice(property.key.offset, property.key.offset + property.key.length)}${text.slice(property.key.offset + property.key.length, value.offset)}${valueText(value)}`,
      );
    }
  }
  return `{${layout.opening}${pieces.join(layout.separator)}${layout.closing}}`;
}

/** The text of the attachments array with the `info` attachment added as its last element. */
function withElement(arrayText: string, array: JsonNode, info: PropertyNode, valueText: (node: JsonNode, deeper?: number) => string): string {
  if (array.type !== 'array') return arrayText;
  if (!array.items.length) return `[${valueText(info.value!)}]`;
  const first = array.items[0];
  const last = array.items[array.items.length - 1];
  const second = array.items[1];
  const opening = arrayText.slice(1, first.offset - array.offset);
  const multiline = opening.includes('\n');
  const separator = second ? arrayText.slice(first.offset + first.length - array.offset, second.offset - array.offset) : multiline ? `,${opening}` : ', ';
  const end = last.offset + last.length - array.offset;
  return `${arrayText.slice(0, end)}${separator}${valueText(info.value!, multiline ? 1 : 0)}${arrayText.slice(end)}`;
}

/** The edit that rewrites row `index` in the current format, or undefined when it is not a clean legacy row. */
export function convertRowEdit(document: ImportDocument, index: number, indentation?: Indentation): TextEdit | undefined {
  const entry = document.rows[index];
  // A row with syntax errors would lose what could not be parsed.
  if (!entry || entry.facts.dialect !== 'legacy' || entry.syntax.length) return undefined;
  const tree = document.rowTree(index);
  if (tree?.type !== 'object') return undefined;
  const text = document.slice(entry.start, entry.start + entry.valueLength);
  const converted = convertRowText(text, tree, indentation ?? documentIndentation(document));
  return converted === undefined ? undefined : { offset: entry.start, length: entry.valueLength, newText: converted };
}

/** The document's indentation, read from the slice detectIndentation looks at (not a copy of the whole text). */
function documentIndentation(document: ImportDocument): Indentation {
  return detectIndentation(document.slice(0, INDENTATION_SAMPLE_LENGTH));
}

/** Rewrites every legacy row; rows with syntax errors are left for the user to fix first. */
export function convertFileEdits(document: ImportDocument): TextEdit[] {
  const indentation = documentIndentation(document);
  const edits: TextEdit[] = [];
  for (let index = 0; index < document.rows.length; index++) {
    if (document.rows[index].facts.dialect !== 'legacy') continue;
    const edit = convertRowEdit(document, index, indentation);
    if (edit) edits.push(edit);
  }
  return edits;
}
