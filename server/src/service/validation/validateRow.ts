import type { JsonNode } from '../json/ast';
import { getProperty, toValue, type JsonValue } from '../json/ast';
import { nodeOfValue } from '../json/valueNodes';
import { tableOf } from '../text/ownKeys';
import { looksLikeLocalPath, looksLikeUrl, mediaTypeOfUrl } from '../text/urls';
import type { ImportDiagnostic } from '../diagnostic';
import { ASSET_KEYS, detectDialect } from './dialect';
import { RowCheck, type Dialect, type Span } from './rowCheck';
import { reportSchemaErrors } from './schemaErrors';
import type { ValidationContext } from './validationContext';
import { checkAttachments } from './rules/attachments';
import { checkConversation } from './rules/conversation';
import { checkDialectKeys } from './rules/dialectKeys';
import { checkGlobalKey, globalKeyNode } from './rules/globalKey';
import { checkIgnoredFields } from './rules/ignoredFields';
import { checkMediaType, inferMediaType } from './rules/mediaType';
import { checkMetadata } from './rules/metadata';
import { checkRowData } from './rules/rowData';
import { checkTiledImagery } from './rules/tiled';
import { checkUrls } from './rules/urls';
import { checkLegacyAssets } from './rules/legacyAssets';

/** What the file-level checks and the outline need to know about a row, kept after its tree is dropped. */
export interface RowFacts {
  dialect: Dialect | undefined;
  /**
   * The global key and where its value is (row-relative), when the row has one. The offset is
   * -1 for a row checked without positions; `ImportDocument.locate` finds it when needed.
   */
  globalKey?: { value: string } & Span;
  /** The row's asset key (row-relative; -1 until located), to anchor file-level notes about the row. */
  assetKey?: Span;
  externalId?: string;
  mediaType?: string;
  /** Without a media_type: the type the asset suggests (legacy asset key, row_data's shape or URL), for previews. */
  inferredMediaType?: string;
  /** The asset's URL or file path (row_data, imageUrl, …, or a PDF's or tile layer's URL), for previews. */
  assetUrl?: string;
}

export interface RowResult {
  /** Row-relative offsets, sorted. */
  diagnostics: ImportDiagnostic[];
  facts: RowFacts;
}

/** Rules that run after the schema check, in this order. */
const ROW_RULES = [
  checkRowData,
  checkLegacyAssets,
  checkMediaType,
  checkUrls,
  checkGlobalKey,
  checkMetadata,
  checkAttachments,
  checkTiledImagery,
  checkConversation,
];

/**
 * Checks a row that JSON.parse read from `rowText`, without positions. Most rows of a real
 * file have no problems; the problems of the others are placed afterwards, by finding the
 * nodes they are on in the row's text. Returns undefined when a problem is not on a node (or
 * its node is not found): the row must then be parsed again and checked by `validateRow`.
 */
export function validateParsedRow(value: JsonValue, rowText: string, context: ValidationContext): RowResult | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { check, result } = checkRow(nodeOfValue(value), context, value);
  if (!check || !result.diagnostics.length) return result;
  if (!check.placeInText(rowText)) return undefined;
  sortByPlace(result.diagnostics);
  return result;
}

/** Checks one data row on its own; nothing here looks at other rows. */
export function validateRow(node: JsonNode | undefined, context: ValidationContext): RowResult {
  return checkRow(node, context).result;
}

function sortByPlace(diagnostics: ImportDiagnostic[]): void {
  diagnostics.sort((a, b) => a.offset - b.offset || a.length - b.length);
}

/** The row's check (for an object) and its result. */
function checkRow(node: JsonNode | undefined, context: ValidationContext, parsedValue?: JsonValue): { check?: RowCheck; result: RowResult } {
  if (!node) return { result: { diagnostics: [], facts: { dialect: undefined } } };
  if (node.type !== 'object') {
    const what = node.type === 'array' ? 'an array (is the list wrapped in [ ] twice?)' : node.type === 'null' ? 'null' : `a ${node.type}`;
    return {
      result: {
        diagnostics: [
          {
            offset: node.offset,
            length: node.length,
            severity: 'error',
            code: 'row-not-object',
            message: `Each element of the import file must be a data row object { … }; this one is ${what}.`,
          },
        ],
        facts: { dialect: undefined },
      },
    };
  }

  const dialect = detectDialect(node);
  const value = (parsedValue ?? toValue(node)) as { [key: string]: JsonValue };
  const check = new RowCheck(node, value, dialect, context);
  // Key rules first: they explain keys better than "unknown property" and claim them.
  checkDialectKeys(check);
  checkIgnoredFields(check);

  const validate = context.schema.definition(dialect === 'current' ? 'currentDataRow' : 'legacyDataRow');
  if (!validate(value)) {
    // row_data is a union; checkRowData validates the one form the user meant.
    const errors = (validate.errors ?? []).filter((error) => dialect !== 'current' || !/^\/row_data(\/|$)/.test(error.instancePath));
    reportSchemaErrors(errors, node, [], check);
  }
  for (const rule of ROW_RULES) rule(check);

  sortByPlace(check.diagnostics);
  return { check, result: { diagnostics: check.diagnostics, facts: factsOf(check) } };
}

function factsOf(check: RowCheck): RowFacts {
  const facts: RowFacts = { dialect: check.dialect };
  const key = globalKeyNode(check);
  if (key && key.value) facts.globalKey = { value: key.value, offset: key.offset, length: key.length };
  const assetProperty = check.node.properties.find((property) => ASSET_KEYS.includes(property.key.value));
  if (assetProperty) facts.assetKey = { offset: assetProperty.key.offset, length: assetProperty.key.length };
  const externalId = check.property(check.dialect === 'current' ? 'external_id' : 'externalId')?.value;
  if (externalId?.type === 'string') facts.externalId = externalId.value;
  const mediaType = check.property('media_type')?.value;
  if (mediaType?.type === 'string') facts.mediaType = mediaType.value;
  const assetUrl = assetUrlOf(assetProperty?.value);
  if (assetUrl) facts.assetUrl = assetUrl;
  if (!facts.mediaType) {
    const inferred = check.dialect === 'legacy' ? legacyMediaType(assetProperty?.key.value, assetUrl) : inferMediaType(check);
    if (inferred) facts.inferredMediaType = inferred;
  }
  return facts;
}

const LEGACY_MEDIA_TYPES = tableOf({
  imageUrl: 'IMAGE',
  videoUrl: 'VIDEO',
  conversationalUrl: 'CONVERSATIONAL',
  conversationalData: 'CONVERSATIONAL',
  tileLayerUrl: 'TMS_GEO',
});

function legacyMediaType(assetKey: string | undefined, assetUrl: string | undefined): string | undefined {
  if (assetKey === 'data') return assetUrl ? mediaTypeOfUrl(assetUrl) : 'TEXT';
  return assetKey ? LEGACY_MEDIA_TYPES.get(assetKey) : undefined;
}

function assetUrlOf(node: JsonNode | undefined): string | undefined {
  if (node?.type === 'string') return looksLikeUrl(node.value) || looksLikeLocalPath(node.value) ? node.value : undefined;
  if (node?.type !== 'object') return undefined;
  for (const key of ['pdf_url', 'pdfUrl', 'tileLayerUrl', 'tile_layer_url']) {
    const value = getProperty(node, key)?.value;
    if (value?.type === 'string' && looksLikeUrl(value.value)) return value.value;
  }
  return undefined;
}
