import type { JsonNode, ObjectNode } from '../../json/ast';
import { getProperty } from '../../json/ast';
import { objectAnchor, type RowCheck } from '../rowCheck';
import { reportSchemaErrors } from '../schemaErrors';

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

/**
 * row_data of a current-format row: empty payloads, and the object forms, each checked
 * against its own definition so that only the problems of the form the user meant appear.
 */
export function checkRowData(check: RowCheck): void {
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
