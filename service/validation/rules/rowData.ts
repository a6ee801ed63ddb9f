import type { JsonNode, JsonValue, ObjectNode } from '../../json/ast';
import { getProperty } from '../../json/ast';
import { ownParsedValue } from '../../../common/ownKeys';
import { objectAnchor, type RowCheck } from '../rowCheck';
import { reportSchemaErrors } from '../schemaErrors';
import { isParsedObject } from './parsedFields';

export type RowDataShape = 'string' | 'tiledImagery' | 'conversation' | 'pdfDocument' | 'modelChatEvaluation';

export const CONVERSATION_TYPE = 'application/vnd.labelbox.conversational';

/** Media types whose content Labelbox fetches and checks as a file of that kind: an object is "detected: application/json". */
export const FILE_MEDIA_TYPES: ReadonlySet<string> = new Set(['IMAGE', 'VIDEO', 'AUDIO', 'HTML', 'DICOM', 'TEXT']);
export const MODEL_CHAT_EVALUATION_TYPE = 'application/vnd.labelbox.conversational.model-chat-evaluation';

const TILED_HINTS = [
  'tileLayerUrl',
  'tile_layer_url',
  'bounds',
  'epsg',
  'minZoom',
  'min_zoom',
  'maxZoom',
  'max_zoom',
  'alternativeLayers',
  'alternative_layers',
];
const PDF_HINTS = ['pdf_url', 'pdfUrl', 'text_layer_url', 'textLayerUrl'];

/** Which object form of row_data the user meant: from its keys, else from media_type. */
export function objectShapeOf(node: ObjectNode, mediaType: string | undefined): RowDataShape | undefined {
  const type = getProperty(node, 'type')?.value;
  const typeText = type?.type === 'string' ? type.value : '';
  if (typeText === MODEL_CHAT_EVALUATION_TYPE || getProperty(node, 'rootMessageIds') || getProperty(node, 'actors')) return 'modelChatEvaluation';
  if (typeText.startsWith(CONVERSATION_TYPE) || getProperty(node, 'messages') || getProperty(node, 'modelOutputs')) return 'conversation';
  if (TILED_HINTS.some((key) => getProperty(node, key))) return 'tiledImagery';
  if (PDF_HINTS.some((key) => getProperty(node, key))) return 'pdfDocument';
  return shapeOfMediaType(mediaType);
}

/** The object form a media type calls for, when the object's keys do not say. */
function shapeOfMediaType(mediaType: string | undefined): RowDataShape | undefined {
  switch (mediaType) {
    case 'CONVERSATIONAL':
      return 'conversation';
    case 'PDF':
      return 'pdfDocument';
    case 'TMS_GEO':
    case 'TMS_SIMPLE':
      return 'tiledImagery';
    default:
      return undefined;
  }
}

/** `objectShapeOf` on a parsed object (the plain value of a tree over it gives the same answer). */
export function objectShapeOfValue(object: { [key: string]: JsonValue }, mediaType: string | undefined): RowDataShape | undefined {
  const type = ownParsedValue(object, 'type');
  const typeText = typeof type === 'string' ? type : '';
  if (typeText === MODEL_CHAT_EVALUATION_TYPE || Object.hasOwn(object, 'rootMessageIds') || Object.hasOwn(object, 'actors')) return 'modelChatEvaluation';
  if (typeText.startsWith(CONVERSATION_TYPE) || Object.hasOwn(object, 'messages') || Object.hasOwn(object, 'modelOutputs')) return 'conversation';
  if (hasAnyKey(object, TILED_HINTS)) return 'tiledImagery';
  if (hasAnyKey(object, PDF_HINTS)) return 'pdfDocument';
  return shapeOfMediaType(mediaType);
}

function hasAnyKey(object: { [key: string]: JsonValue }, keys: readonly string[]): boolean {
  for (const key of keys) if (Object.hasOwn(object, key)) return true;
  return false;
}

/** `shapeOf` on a parsed value (undefined for a missing one). */
export function shapeOfValue(value: JsonValue | undefined, mediaType: string | undefined): RowDataShape | undefined {
  if (typeof value === 'string') return 'string';
  return isParsedObject(value) ? objectShapeOfValue(value, mediaType) : undefined;
}

export function shapeOf(node: JsonNode | undefined, mediaType: string | undefined): RowDataShape | undefined {
  if (node?.type === 'string') return 'string';
  if (node?.type === 'object') return objectShapeOf(node, mediaType);
  return undefined;
}

export const SHAPE_NAMES: Record<RowDataShape, string> = {
  string: 'a string',
  tiledImagery: 'a tiled imagery object',
  conversation: 'a conversation object',
  pdfDocument: 'a PDF object',
  modelChatEvaluation: 'a model chat evaluation object',
};

export function mediaTypeOf(check: RowCheck): string | undefined {
  const value = check.property('media_type')?.value;
  return value?.type === 'string' ? value.value : undefined;
}

/** `mediaTypeOf` from the row's plain value. */
export function mediaTypeOfValue(row: { [key: string]: JsonValue }): string | undefined {
  const value = ownParsedValue(row, 'media_type');
  return typeof value === 'string' ? value : undefined;
}

/**
 * row_data of a current-format row: empty payloads, and the object forms, each checked
 * against its own definition so that only the problems of the form the user meant appear.
 */
export function checkRowData(check: RowCheck): void {
  if (check.onParsedValue && rowDataIsFine(check)) return;
  const property = check.property('row_data');
  const node = property?.value;
  if (!property || !node) return;
  switch (node.type) {
    case 'string':
      if (!node.value)
        check.report(node, 'empty-row-data', 'row_data is empty: Labelbox rejects data rows with an empty payload ("Some items have an empty payload").');
      else if (!node.value.trim()) {
        // The SDK counts characters, so spaces pass it; what the server makes of them is not observed.
        check.report(
          node,
          'empty-row-data',
          'row_data holds only spaces: there is no asset. The SDK passes it on; Labelbox may reject it or create an empty text row.',
          { severity: 'warning' },
        );
      }
      return;
    case 'null':
      check.report(node, 'empty-row-data', 'row_data is null: Labelbox rejects data rows with an empty payload.');
      return;
    case 'object': {
      if (!node.properties.length) {
        check.report(objectAnchor(node), 'empty-row-data', 'row_data is an empty object: Labelbox rejects data rows with an empty payload.');
        return;
      }
      const mediaType = mediaTypeOf(check);
      const shape = objectShapeOf(node, mediaType);
      if (!shape) {
        // With a file media type, media-type-mismatch says what is wrong (an object where a URL belongs).
        if (mediaType !== undefined && FILE_MEDIA_TYPES.has(mediaType)) return;
        check.report(
          objectAnchor(node),
          'invalid-row-data',
          'This row_data object is not one of the documented forms: tiled imagery ("tileLayerUrl"), a conversation ("messages"), a PDF ("pdf_url") or a model chat evaluation. Set media_type or add the key of the form you mean.',
        );
        return;
      }
      const validate = check.context.schema.definition(shape);
      if (!validate(check.value.row_data)) reportSchemaErrors(validate.errors ?? [], node, ['row_data'], check);
      return;
    }
    default: {
      // len() of a number or boolean fails in the SDK's empty-payload check; an array passes it.
      const failsInSdk = node.type === 'number' || node.type === 'boolean';
      check.report(
        node,
        'invalid-row-data',
        `row_data must be a URL or a text string, or an object for tiled imagery, conversations and PDFs; not ${node.type === 'array' ? 'an array' : `a ${node.type}`}.${failsInSdk ? " Labelbox's SDK fails on it." : ''}`,
        failsInSdk ? { severity: 'error' } : {},
      );
    }
  }
}

/**
 * Whether checkRowData certainly reports nothing, from the plain value: no row_data, a
 * string with more than spaces, or an object of a form it takes that passes its definition.
 */
function rowDataIsFine(check: RowCheck): boolean {
  const rowData = ownParsedValue(check.value, 'row_data');
  if (rowData === undefined) return true;
  if (typeof rowData === 'string') return rowData.trim() !== '';
  if (!isParsedObject(rowData) || !Object.keys(rowData).length) return false;
  const mediaType = mediaTypeOfValue(check.value);
  const shape = objectShapeOfValue(rowData, mediaType);
  if (!shape) return mediaType !== undefined && FILE_MEDIA_TYPES.has(mediaType);
  return check.context.schema.definition(shape)(rowData);
}
