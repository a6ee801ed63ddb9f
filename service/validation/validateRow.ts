import type { JsonNode } from '../json/ast';
import { getProperty, toValue, type JsonValue } from '../json/ast';
import { NO_OFFSET, nodeOfValue } from '../json/valueNodes';
import { ownParsedValue, setOwnValue, tableOf } from '../../common/ownKeys';
import { looksLikeLocalPath, looksLikeUrl, mediaTypeOfUrl } from '../../common/urls';
import type { ImportDiagnostic } from '../diagnostic';
import { ASSET_KEYS, CURRENT_KEYS, detectDialect, dialectOfKeys, GLOBAL_KEY } from './dialect';
import { RowCheck, type Dialect, type Span } from './rowCheck';
import { reportSchemaErrors } from './schemaErrors';
import type { ValidationContext } from './validationContext';
import { checkAttachments } from './rules/attachments';
import { checkConversation } from './rules/conversation';
import { checkDialectKeys } from './rules/dialectKeys';
import { checkGlobalKey, globalKeyNode } from './rules/globalKey';
import { checkIgnoredFields } from './rules/ignoredFields';
import { checkMediaType, inferMediaType, inferMediaTypeOfValue } from './rules/mediaType';
import { checkMetadata } from './rules/metadata';
import { checkRowData } from './rules/rowData';
import { isParsedObject } from './rules/parsedFields';
import { checkTiledImagery } from './rules/tiled';
import { checkUrls } from './rules/urls';
import { checkLegacyAssets } from './rules/legacyAssets';
import { checkSignedUrls } from './rules/signedUrls';
import type { SignedUrlFact } from './signedUrlFact';
import { CURRENT_ROW_BESIDE_ROW_DATA } from '../schema/schemaForChecking';

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
  /** The row's signed URLs with their expiry (compared with the clock only when problems are collected). */
  signedUrls?: SignedUrlFact[];
}

export interface RowResult {
  /** Row-relative offsets, sorted. */
  diagnostics: ImportDiagnostic[];
  facts: RowFacts;
}

/** Rules on a row's keys, run before the schema check: they explain keys better than "unknown property" and claim them. */
export const KEY_RULES = [checkDialectKeys, checkIgnoredFields];

/** Rules that run after the schema check, in this order. */
export const ROW_RULES = [
  checkRowData,
  checkLegacyAssets,
  checkMediaType,
  checkUrls,
  checkSignedUrls,
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
  if (diagnostics.length > 1) diagnostics.sort((a, b) => a.offset - b.offset || a.length - b.length);
}

/** The row's check (for an object) and its result. */
function checkRow(node: JsonNode | undefined, context: ValidationContext, parsedValue?: JsonValue): { check?: RowCheck; result: RowResult } {
  if (!node) return { result: { diagnostics: [], facts: { dialect: undefined } } };
  if (node.type !== 'object') return { result: { diagnostics: [notAnObject(node)], facts: { dialect: undefined } } };

  const value = (parsedValue ?? toValue(node)) as { [key: string]: JsonValue };
  // Over a parsed value, the key names alone decide (no property nodes); a tree with positions may repeat a key.
  const keys = parsedValue !== undefined ? Object.keys(value) : undefined;
  const dialect = keys ? dialectOfKeys(keys) : detectDialect(node);
  const check = new RowCheck(node, value, dialect, context, keys);
  for (const rule of KEY_RULES) rule(check);

  // row_data is a union; for a current row checkRowData validates the one form the user meant.
  const validate = context.schema.definition(dialect === 'current' ? CURRENT_ROW_BESIDE_ROW_DATA : 'legacyDataRow');
  // As the SDK does before upload, keys whose value is null are left out (checkIgnoredFields
  // notes them); in a conversationalData row, which the SDK converts, current keys are allowed.
  if (!validate(dialect === 'current' ? withoutNullKeys(check) : withoutConvertedKeys(value))) reportSchemaErrors(validate.errors ?? [], node, [], check);
  for (const rule of ROW_RULES) rule(check);

  sortByPlace(check.diagnostics);
  return { check, result: { diagnostics: check.diagnostics, facts: factsOf(check) } };
}

/**
 * An element that is not an object: no data row. A string is what the SDK reads as a local
 * file path (and uploads, when it exists): a warning when it looks like one.
 */
function notAnObject(node: JsonNode): ImportDiagnostic {
  if (node.type === 'string' && looksLikeLocalPath(node.value)) {
    return {
      offset: node.offset,
      length: node.length,
      severity: 'warning',
      code: 'row-not-object',
      message:
        'A string element is a local file path to Labelbox\'s Python SDK, which uploads the file when it exists on your computer; the web app\'s upload needs data row objects: { "row_data": … }.',
    };
  }
  const what = node.type === 'array' ? 'an array (is the list wrapped in [ ] twice?)' : node.type === 'null' ? 'null' : `a ${node.type}`;
  return {
    offset: node.offset,
    length: node.length,
    severity: 'error',
    code: 'row-not-object',
    message: `Each element of the import file must be a data row object { … }; this one is ${what}. Labelbox creates no data row from it.`,
  };
}

/** The row without its keys whose value is null (row_data stays: a null asset is an error of its own). */
function withoutNullKeys({ value, hasNullValue }: RowCheck): { [key: string]: JsonValue } {
  if (!hasNullValue) return value;
  const kept = Object.entries(value).filter(([key, item]) => item !== null || key === 'row_data');
  // Rebuilt by own properties, so that a "__proto__" key stays a key.
  const result: { [key: string]: JsonValue } = {};
  for (const [key, item] of kept) setOwnValue(result, key, item);
  return result;
}

/** A legacy conversationalData row without the current keys the SDK accepts once it has converted the row. */
function withoutConvertedKeys(value: { [key: string]: JsonValue }): { [key: string]: JsonValue } {
  if (!Object.hasOwn(value, 'conversationalData')) return value;
  const keys = Object.keys(value).filter((key) => CURRENT_KEYS.has(key));
  if (!keys.length) return value;
  const dropped = new Set(keys);
  const result: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value)) if (!dropped.has(key)) setOwnValue(result, key, item);
  return result;
}

function factsOf(check: RowCheck): RowFacts {
  return check.onParsedValue ? factsOfValue(check) : factsOfNodes(check);
}

/**
 * `factsOfNodes` read from the row's plain value, without making nodes. The spans are those of
 * the nodes of a tree without positions (offset -1, length 0), which `ImportDocument.locate`
 * places when they are needed.
 */
function factsOfValue(check: RowCheck): RowFacts {
  const { value, dialect } = check;
  const facts: RowFacts = { dialect };
  // As globalKeyNode: a legacy row's global_key counts when it has no globalKey.
  let globalKey = ownParsedValue(value, GLOBAL_KEY[dialect]);
  if (globalKey === undefined && dialect === 'legacy') globalKey = ownParsedValue(value, 'global_key');
  if (typeof globalKey === 'string' && globalKey) facts.globalKey = { value: globalKey, offset: NO_OFFSET, length: 0 };
  const assetKey = firstAssetKey(check.keys);
  if (assetKey !== undefined) facts.assetKey = { offset: NO_OFFSET, length: 0 };
  const externalId = ownParsedValue(value, dialect === 'current' ? 'external_id' : 'externalId');
  if (typeof externalId === 'string') facts.externalId = externalId;
  const mediaType = ownParsedValue(value, 'media_type');
  if (typeof mediaType === 'string') facts.mediaType = mediaType;
  const assetUrl = assetKey === undefined ? undefined : assetUrlOfValue(ownParsedValue(value, assetKey));
  if (assetUrl) facts.assetUrl = assetUrl;
  if (check.signedUrls) facts.signedUrls = check.signedUrls;
  if (typeof mediaType !== 'string' || !mediaType) {
    const inferred = dialect === 'legacy' ? legacyMediaType(assetKey, assetUrl) : inferMediaTypeOfValue(ownParsedValue(value, 'row_data'));
    if (inferred) facts.inferredMediaType = inferred;
  }
  return facts;
}

const ASSET_KEY_SET: ReadonlySet<string> = new Set(ASSET_KEYS);

function firstAssetKey(keys: readonly string[]): string | undefined {
  for (const key of keys) if (ASSET_KEY_SET.has(key)) return key;
  return undefined;
}

/** The row's facts, read on its tree (a tree with positions, whose value may differ: see RowCheck.onParsedValue). */
function factsOfNodes(check: RowCheck): RowFacts {
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
  if (check.signedUrls) facts.signedUrls = check.signedUrls;
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

/** Keys of an asset object that hold its URL, in the order they are looked for. */
const ASSET_URL_KEYS = ['pdf_url', 'pdfUrl', 'tileLayerUrl', 'tile_layer_url'];

function assetUrlOf(node: JsonNode | undefined): string | undefined {
  if (node?.type === 'string') return looksLikeUrl(node.value) || looksLikeLocalPath(node.value) ? node.value : undefined;
  if (node?.type !== 'object') return undefined;
  for (const key of ASSET_URL_KEYS) {
    const value = getProperty(node, key)?.value;
    if (value?.type === 'string' && looksLikeUrl(value.value)) return value.value;
  }
  return undefined;
}

/** `assetUrlOf` on the asset's plain value. */
function assetUrlOfValue(asset: JsonValue | undefined): string | undefined {
  if (typeof asset === 'string') return looksLikeUrl(asset) || looksLikeLocalPath(asset) ? asset : undefined;
  if (!isParsedObject(asset)) return undefined;
  for (const key of ASSET_URL_KEYS) {
    const url = ownParsedValue(asset, key);
    if (typeof url === 'string' && looksLikeUrl(url)) return url;
  }
  return undefined;
}
