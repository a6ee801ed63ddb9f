import type { FixData } from '../../diagnostic';
import type { JsonNode, JsonValue, StringNode } from '../../json/ast';
import { ownParsedValue, tableOf } from '../../../common/ownKeys';
import { listWords } from '../../text/suggest';
import { extensionOf, looksLikeLocalPath, looksLikeUrl, mediaTypeOfUrl } from '../../../common/urls';
import type { RowCheck } from '../rowCheck';
import { NOT_IMPORTABLE } from '../valuesExplainedByRules';
import { FILE_MEDIA_TYPES, mediaTypeOf, objectShapeOfValue, SHAPE_NAMES, shapeOf, shapeOfValue, type RowDataShape } from './rowData';
import { isParsedObject } from './parsedFields';

/** The shapes of row_data each media type takes. */
const SHAPES_OF = tableOf<readonly RowDataShape[]>({
  IMAGE: ['string'],
  VIDEO: ['string'],
  AUDIO: ['string'],
  HTML: ['string'],
  DICOM: ['string'],
  TEXT: ['string'],
  CONVERSATIONAL: ['string', 'conversation', 'modelChatEvaluation'],
  PDF: ['pdfDocument', 'string'],
  TMS_GEO: ['tiledImagery'],
  TMS_SIMPLE: ['tiledImagery'],
});

const MEDIA_TYPE_OF_SHAPE: Partial<Record<RowDataShape, string>> = {
  tiledImagery: 'TMS_GEO',
  conversation: 'CONVERSATIONAL',
  modelChatEvaluation: 'CONVERSATIONAL',
  pdfDocument: 'PDF',
};

/** The media type a row's row_data suggests, if it suggests one. */
export function inferMediaType(check: RowCheck): string | undefined {
  const rowData = check.property('row_data')?.value;
  const shape = shapeOf(rowData, undefined);
  if (!shape) return undefined;
  if (shape !== 'string') return MEDIA_TYPE_OF_SHAPE[shape];
  const text = (rowData as { value: string }).value;
  if (!looksLikeUrl(text)) return looksLikeLocalPath(text) ? mediaTypeOfUrl(text) : 'TEXT';
  return mediaTypeOfUrl(text);
}

/** `inferMediaType` from row_data's plain value (undefined for a row without one). */
export function inferMediaTypeOfValue(rowData: JsonValue | undefined): string | undefined {
  const shape = shapeOfValue(rowData, undefined);
  if (!shape) return undefined;
  if (shape !== 'string') return MEDIA_TYPE_OF_SHAPE[shape];
  const text = rowData as string;
  if (!looksLikeUrl(text)) return looksLikeLocalPath(text) ? mediaTypeOfUrl(text) : 'TEXT';
  return mediaTypeOfUrl(text);
}

function setMediaType(mediaType: string): FixData {
  return { kind: 'setMediaType', title: `Set media_type to "${mediaType}"`, mediaType };
}

/** media_type against the shape of row_data and the extension of its URL (current format only). */
export function checkMediaType(check: RowCheck): void {
  if (check.dialect !== 'current') return;
  if (check.onParsedValue && mediaTypeIsFine(check.value)) return;
  const rowData = check.property('row_data')?.value;
  // The SDK uploads an existing local path whatever media_type says; the web app cannot.
  if (rowData?.type === 'string' && !looksLikeUrl(rowData.value) && looksLikeLocalPath(rowData.value)) {
    check.report(
      rowData,
      'local-file-path',
      'row_data looks like a path on your computer. Only the Python SDK uploads local files (when the path exists where it runs); an import file uploaded in the web app needs URLs.',
    );
  }
  const mediaTypeNode = check.property('media_type')?.value;
  if (!mediaTypeNode || mediaTypeNode.type === 'null') {
    reportMissingMediaType(check);
    return;
  }
  const mediaType = mediaTypeOf(check);
  if (mediaType === undefined) return; // not a string: the schema reports it
  const notImportable = NOT_IMPORTABLE.get(mediaType);
  if (notImportable) {
    check.report(mediaTypeNode, 'unsupported-media-type', `${notImportable} Labelbox may reject media_type "${mediaType}" in an import file.`);
    return;
  }
  if (mediaType === 'JSON') {
    check.report(
      mediaTypeNode,
      'invalid-value',
      "The JSON media type was removed from Labelbox's SDK in version 3.75.1 (July 2024), and Labelbox may reject it. Use CONVERSATIONAL for conversations, or TEXT.",
      { severity: 'warning' },
    );
    return;
  }
  const allowed = SHAPES_OF.get(mediaType);
  if (rowData?.type === 'object' && FILE_MEDIA_TYPES.has(mediaType)) {
    // Observed: any object with IMAGE fails ("Expected type image/*, detected: application/json").
    const shape = shapeOf(rowData, undefined);
    const natural = shape && MEDIA_TYPE_OF_SHAPE[shape];
    check.report(
      mediaTypeNode,
      'media-type-mismatch',
      `media_type "${mediaType}" needs row_data to be ${mediaType === 'TEXT' ? 'a URL string or the text itself' : 'a URL string'}, but it is ${shape ? SHAPE_NAMES[shape] : 'an object'}. Labelbox fails rows whose content does not match their media type.`,
      {
        fixes: natural ? [setMediaType(natural)] : [],
      },
    );
    return;
  }
  const shape = shapeOf(rowData, mediaType);
  if (!allowed || !rowData || !shape) return;
  if (!allowed.includes(shape)) {
    // Objects with file media types are handled above; these combinations are not observed.
    const natural = MEDIA_TYPE_OF_SHAPE[shape];
    check.report(
      mediaTypeNode,
      'media-type-mismatch',
      `media_type "${mediaType}" needs row_data to be ${listShapes(allowed)}, but it is ${SHAPE_NAMES[shape]}. Labelbox checks content against media_type and may fail this row.`,
      { fixes: natural ? [setMediaType(natural)] : [], severity: 'warning' },
    );
    return;
  }
  if (rowData.type === 'string') checkStringContent(check, mediaType, mediaTypeNode, rowData);
}

/** No media_type: advice, with the type the content suggests (a PDF only in its documented object form). */
function reportMissingMediaType(check: RowCheck): void {
  const rowDataProperty = check.property('row_data');
  const rowData = rowDataProperty?.value;
  if (!rowDataProperty || !rowData) return;
  // An empty or unrecognisable row_data has its own problem; a media type would not help yet.
  const shape = shapeOf(rowData, undefined);
  if (!shape || (rowData.type === 'string' && !rowData.value.trim())) return;
  const inferred = inferMediaType(check);
  if (inferred === 'PDF' && rowData.type === 'string') {
    check.report(
      rowDataProperty.key,
      'missing-media-type',
      'No media_type, and row_data is a bare PDF URL. Labelbox documents PDF rows as row_data { "pdf_url": "https://…" } with media_type "PDF".',
    );
    return;
  }
  check.report(
    rowDataProperty.key,
    'missing-media-type',
    `No media_type: set it${inferred ? ` (probably "${inferred}")` : ''} so that Labelbox checks the content and gives clear errors.`,
    {
      fixes: inferred ? [setMediaType(inferred)] : [],
    },
  );
}

/** A string row_data against its media type: a URL of the right kind, or text for TEXT. */
function checkStringContent(check: RowCheck, mediaType: string, mediaTypeNode: JsonNode, rowData: StringNode): void {
  const text = rowData.value;
  if (mediaType === 'PDF') {
    check.report(
      mediaTypeNode,
      'media-type-mismatch',
      'For PDF, the docs give row_data as an object: { "pdf_url": "https://…" }. A bare PDF URL is not documented.',
      {
        severity: 'warning',
      },
    );
  }
  if (!looksLikeUrl(text)) {
    if (mediaType !== 'TEXT' && !looksLikeLocalPath(text)) {
      check.report(rowData, 'media-type-mismatch', `media_type "${mediaType}" needs row_data to be a URL; only TEXT rows can hold the text itself.`, {
        fixes: [setMediaType('TEXT')],
      });
    }
    return;
  }
  const byExtension = mediaTypeOfUrl(text);
  if (byExtension && byExtension !== mediaType && !(mediaType === 'PDF' && byExtension === 'PDF')) {
    check.report(mediaTypeNode, 'media-type-extension', `row_data points to a .${extensionOf(text)} file, but media_type is "${mediaType}".`, {
      fixes: [setMediaType(byExtension)],
    });
  }
}

function listShapes(shapes: readonly RowDataShape[]): string {
  return listWords(shapes.map((shape) => (shape === 'string' ? 'a URL string' : SHAPE_NAMES[shape])));
}

/**
 * Whether checkMediaType certainly reports nothing on a current row, from its plain value: the
 * same tests as above on the common path (a media type that takes row_data's shape, and for a
 * URL, an extension that agrees with it); anything else goes through the nodes.
 */
function mediaTypeIsFine(row: { [key: string]: JsonValue }): boolean {
  const mediaType = ownParsedValue(row, 'media_type');
  if (typeof mediaType !== 'string') return false;
  const rowData = ownParsedValue(row, 'row_data');
  // The media types reported on their own (not importable, JSON) take no shape.
  const allowed = SHAPES_OF.get(mediaType);
  if (typeof rowData === 'string') return stringRowDataIsFine(mediaType, allowed, rowData);
  if (!allowed) return !isReportedOnItsOwn(mediaType);
  // Not an object (missing, null, a number, an array): no shape, so nothing to compare.
  if (!isParsedObject(rowData)) return true;
  if (FILE_MEDIA_TYPES.has(mediaType)) return false;
  const shape = objectShapeOfValue(rowData, mediaType);
  return !shape || allowed.includes(shape);
}

/** A media type checkMediaType reports whatever row_data holds (not importable, or JSON). */
function isReportedOnItsOwn(mediaType: string): boolean {
  return NOT_IMPORTABLE.has(mediaType) || mediaType === 'JSON';
}

function stringRowDataIsFine(mediaType: string, allowed: readonly RowDataShape[] | undefined, text: string): boolean {
  const isUrl = looksLikeUrl(text);
  if (!isUrl && looksLikeLocalPath(text)) return false;
  if (!allowed) return !isReportedOnItsOwn(mediaType);
  if (!allowed.includes('string') || mediaType === 'PDF') return false;
  // Not a local path (tested above): only TEXT rows hold the text itself.
  if (!isUrl) return mediaType === 'TEXT';
  const byExtension = mediaTypeOfUrl(text);
  return !byExtension || byExtension === mediaType;
}
