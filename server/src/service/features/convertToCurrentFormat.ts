import { toValue, type JsonValue } from '../json/ast';
import type { ImportDocument } from '../document/importDocument';
import { hasOwnKey, setOwnValue } from '../text/ownKeys';
import { looksLikeUrl, mediaTypeOfUrl } from '../text/urls';
import { CONVERSATION_TYPE } from '../validation/rules/rowData';
import { detectIndentation, formatJson, INDENTATION_SAMPLE_LENGTH, lineBefore, lineIndentAt, type Indentation } from './indentation';
import type { TextEdit } from './textEdit';

type JsonObject = { [key: string]: JsonValue };

const TILED_KEYS = ['tileLayerUrl', 'bounds', 'minZoom', 'maxZoom', 'maxNativeZoom', 'epsg', 'tileSize', 'alternativeLayers', 'version'] as const;
/** Keys of a legacy row that the conversion consumes; the rest is kept as it is. */
const CONSUMED = new Set<string>(['imageUrl', 'videoUrl', 'data', 'conversationalUrl', 'conversationalData', 'type', 'externalId', 'globalKey', 'metadataFields', 'attachments', 'info', 'mediaAttributes', ...TILED_KEYS]);

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function convertAttachment(value: JsonValue): JsonValue {
  if (!isObject(value)) return value;
  if (value.type !== 'TEXT') return value;
  const text = typeof value.value === 'string' ? value.value : '';
  return { ...value, type: looksLikeUrl(text) ? 'TEXT_URL' : 'RAW_TEXT' };
}

/** The asset of a legacy row as `row_data` and `media_type`. */
function convertAsset(row: JsonObject): { rowData?: JsonValue; mediaType?: string } {
  if (typeof row.imageUrl === 'string') return { rowData: row.imageUrl, mediaType: 'IMAGE' };
  if (typeof row.videoUrl === 'string') return { rowData: row.videoUrl, mediaType: 'VIDEO' };
  if (typeof row.conversationalUrl === 'string') return { rowData: row.conversationalUrl, mediaType: 'CONVERSATIONAL' };
  if (row.conversationalData !== undefined) {
    return {
      rowData: { type: CONVERSATION_TYPE, version: typeof row.version === 'number' ? row.version : 1, messages: row.conversationalData },
      mediaType: 'CONVERSATIONAL',
    };
  }
  if (row.tileLayerUrl !== undefined) {
    const tiled: JsonObject = {};
    for (const key of TILED_KEYS) if (row[key] !== undefined) tiled[key] = row[key];
    const simple = row.epsg === 'Simple' || row.epsg === 'SIMPLEPIXEL';
    return { rowData: tiled, mediaType: simple ? 'TMS_SIMPLE' : 'TMS_GEO' };
  }
  if (typeof row.data === 'string') {
    const mediaType = looksLikeUrl(row.data) ? mediaTypeOfUrl(row.data) : 'TEXT';
    return { rowData: row.data, mediaType };
  }
  return {};
}

/**
 * A legacy (camelCase) data row rewritten in the current format: the asset key becomes
 * `row_data` with a `media_type`, tiled and conversation keys move into `row_data`, ids and
 * metadata are renamed, `info` joins the attachments and TEXT attachments become RAW_TEXT or
 * TEXT_URL. Keys the conversion does not know are kept.
 */
export function convertLegacyRow(row: JsonObject): JsonObject {
  const result: JsonObject = {};
  const { rowData, mediaType } = convertAsset(row);
  if (rowData !== undefined) result.row_data = rowData;
  if (row.globalKey !== undefined) result.global_key = row.globalKey;
  if (row.externalId !== undefined) result.external_id = row.externalId;
  if (mediaType) result.media_type = mediaType;
  if (Array.isArray(row.metadataFields)) {
    result.metadata_fields = row.metadataFields.map((entry) => {
      if (!isObject(entry)) return entry;
      const { schemaId, ...rest } = entry;
      return schemaId === undefined ? entry : { schema_id: schemaId, ...rest };
    });
  }
  const attachments = Array.isArray(row.attachments) ? row.attachments.map(convertAttachment) : [];
  if (row.info !== undefined) attachments.push(convertAttachment(row.info));
  if (attachments.length || Array.isArray(row.attachments)) result.attachments = attachments;
  if (row.mediaAttributes !== undefined) result.media_attributes = row.mediaAttributes;
  for (const [key, value] of Object.entries(row)) {
    if (CONSUMED.has(key) && !(key === 'version' && rowData === undefined)) continue;
    if (!hasOwnKey(result, key)) setOwnValue(result, key, value);
  }
  return result;
}

/** The edit that rewrites row `index` in the current format, or undefined when it is not a clean legacy row. */
export function convertRowEdit(document: ImportDocument, index: number, indentation?: Indentation): TextEdit | undefined {
  const entry = document.rows[index];
  // A row with syntax errors would lose what could not be parsed.
  if (!entry || entry.facts.dialect !== 'legacy' || entry.syntax.length) return undefined;
  const tree = document.rowTree(index);
  if (tree?.type !== 'object') return undefined;
  const converted = convertLegacyRow(toValue(tree) as JsonObject);
  return rowReplacement(document, index, converted, indentation ?? documentIndentation(document));
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

function rowReplacement(document: ImportDocument, index: number, value: JsonObject, indentation: Indentation): TextEdit {
  const entry = document.rows[index];
  const original = document.slice(entry.start, entry.start + entry.valueLength);
  const multiline = original.includes('\n');
  // Only a multi-line row is laid out after its line's indentation.
  const line = multiline ? lineBefore((start, end) => document.slice(start, end), entry.start) : '';
  return {
    offset: entry.start,
    length: entry.valueLength,
    newText: formatJson(value, indentation, lineIndentAt(line, line.length), multiline),
  };
}
