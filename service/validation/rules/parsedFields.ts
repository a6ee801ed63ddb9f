import type { JsonValue } from '../../json/ast';
import { LEGACY_ASSET_KEYS } from '../dialect';

/**
 * The fields the URL, attachment, tiled imagery and conversation rules read from a row's
 * plain value (what JSON.parse or toValue made) before deciding whether to look at its tree.
 * None is a member of Object.prototype, so a plain read of one gives the object's own value
 * or undefined: no own-property test is needed, unlike for a key from the file (ownKeys.ts).
 * A read by a fixed name is also several times cheaper than a lookup by a key in a variable,
 * and these reads run on every row.
 */
export const PARSED_FIELDS = [
  'row_data',
  ...LEGACY_ASSET_KEYS,
  'tile_layer_url',
  'pdf_url',
  'pdfUrl',
  'text_layer_url',
  'textLayerUrl',
  'alternativeLayers',
  'alternative_layers',
  'bounds',
  'epsg',
  'version',
  'minZoom',
  'min_zoom',
  'maxZoom',
  'max_zoom',
  'maxNativeZoom',
  'max_native_zoom',
  'attachments',
  'info',
  'type',
  'value',
  'messages',
  'content',
  'messageId',
] as const;

/** An object of a row's plain value, read by the names of PARSED_FIELDS only. */
export type ParsedFields = { readonly [field in (typeof PARSED_FIELDS)[number]]?: JsonValue };

/** Whether a plain value is an object (not null, not an array). */
export function isParsedObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is an object (not null, not an array), to read its fields. */
export function fieldsOf(value: JsonValue | undefined): ParsedFields | undefined {
  return isParsedObject(value) ? value : undefined;
}
