import { findNodeAtPath, getPropertyValue, type JsonNode, type JsonPathSegment, type ObjectNode } from '../json/ast';
import type { MetadataCatalog, MetadataField } from '../metadata/catalog';
import type { Dialect } from '../validation/rowCheck';
import { GLOBAL_KEY, LEGACY_ASSET_KEYS, METADATA_LISTS, SCHEMA_ID_KEY } from '../validation/dialect';
import { withoutQuery } from '../../common/urls';

/**
 * Places in a data row that completion and hover treat specially, beyond what the schema
 * says: metadata entries (read against the metadata catalog), the global key, and values
 * that are URLs of images.
 */

/** Attachment types whose value is the URL of an image. */
const IMAGE_ATTACHMENT_TYPES = new Set(['IMAGE', 'IMAGE_OVERLAY', 'CAMERA_IMAGE']);
const IMAGE_EXTENSIONS = /\.(jpe?g|png|gif|bmp|webp|svg|tiff?)$/i;

export type MetadataPart = 'name' | 'schemaId' | 'value';

export interface MetadataPlace {
  entry: ObjectNode;
  part: MetadataPart;
  /** The key of the entry's schema id in this dialect. */
  idKey: string;
}

/** Whether `path` (within the row) is the name, schema id or value of a metadata entry. */
export function metadataPlace(row: JsonNode, path: readonly JsonPathSegment[], dialect: Dialect): MetadataPlace | undefined {
  if (path.length !== 3 || typeof path[0] !== 'string' || typeof path[1] !== 'number' || typeof path[2] !== 'string') return undefined;
  if (!METADATA_LISTS[dialect].includes(path[0])) return undefined;
  const entry = findNodeAtPath(row, path.slice(0, 2));
  if (entry?.type !== 'object') return undefined;
  const idKey = SCHEMA_ID_KEY[dialect];
  const part: MetadataPart | undefined =
    path[2] === idKey ? 'schemaId' : path[2] === 'value' ? 'value' : path[2] === 'name' && dialect === 'current' ? 'name' : undefined;
  return part ? { entry, part, idKey } : undefined;
}

/** The field a metadata entry names, and whether by schema id (the SDK looks at the id first). */
export function fieldOfEntry(entry: ObjectNode, idKey: string, catalog: MetadataCatalog): { field: MetadataField | undefined; byId: boolean } {
  const id = getPropertyValue(entry, idKey);
  if (id?.type === 'string') return { field: catalog.fieldById(id.value), byId: true };
  const name = getPropertyValue(entry, 'name');
  if (name?.type === 'string') return { field: catalog.fieldByName(name.value), byId: false };
  return { field: undefined, byId: false };
}

/** The fields the row's other metadata entries already set (a field may appear once per row). */
export function fieldsSetElsewhere(row: JsonNode, current: ObjectNode, dialect: Dialect, catalog: MetadataCatalog): Set<MetadataField> {
  const used = new Set<MetadataField>();
  if (row.type !== 'object') return used;
  const idKey = SCHEMA_ID_KEY[dialect];
  for (const listKey of METADATA_LISTS[dialect]) {
    const list = getPropertyValue(row, listKey);
    if (list?.type !== 'array') continue;
    for (const entry of list.items) {
      if (entry === current || entry.type !== 'object') continue;
      const { field } = fieldOfEntry(entry, idKey, catalog);
      if (field) used.add(field);
    }
  }
  return used;
}

/** Whether `path` is the row's global key. */
export function isGlobalKeyPath(path: readonly JsonPathSegment[], dialect: Dialect): boolean {
  return path.length === 1 && path[0] === GLOBAL_KEY[dialect];
}

/**
 * Whether the string at `path` is meant to be the URL of an image: a legacy `imageUrl`, the
 * row_data of an image row, or the value of an image attachment.
 */
export function isImageUrlPlace(row: JsonNode, path: readonly JsonPathSegment[], dialect: Dialect, url: string): boolean {
  if (row.type !== 'object') return false;
  if (path.length === 1) {
    if (dialect === 'legacy') return path[0] === 'imageUrl';
    if (path[0] !== 'row_data') return false;
    const mediaType = getPropertyValue(row, 'media_type');
    if (mediaType?.type === 'string') return mediaType.value === 'IMAGE';
    return IMAGE_EXTENSIONS.test(withoutQuery(url));
  }
  const attachmentPath =
    (path.length === 3 && path[0] === 'attachments' && typeof path[1] === 'number' && path[2] === 'value') ||
    (dialect === 'legacy' && path.length === 2 && path[0] === 'info' && path[1] === 'value');
  if (!attachmentPath) return false;
  const attachment = findNodeAtPath(row, path.slice(0, -1));
  const type = attachment?.type === 'object' ? getPropertyValue(attachment, 'type') : undefined;
  return type?.type === 'string' && IMAGE_ATTACHMENT_TYPES.has(type.value);
}

const LEGACY_TILED_KEYS = ['bounds', 'minZoom', 'maxZoom', 'maxNativeZoom', 'epsg', 'tileSize', 'alternativeLayers'];
const LEGACY_CONVERSATION_KEYS = ['type', 'version'];

/**
 * Keys of a legacy row that its asset rules out: a second asset key (a row has one asset),
 * tiled-imagery keys without `tileLayerUrl`, conversation keys without `conversationalData`.
 */
export function keysRuledOutByAsset(keys: readonly string[]): Set<string> {
  const asset = LEGACY_ASSET_KEYS.find((key) => keys.includes(key));
  if (!asset) return new Set();
  const ruledOut = new Set<string>(LEGACY_ASSET_KEYS.filter((key) => key !== asset));
  if (asset !== 'tileLayerUrl') for (const key of LEGACY_TILED_KEYS) ruledOut.add(key);
  if (asset !== 'conversationalData') for (const key of LEGACY_CONVERSATION_KEYS) ruledOut.add(key);
  // 'version' belongs to tiled rows too.
  if (asset === 'tileLayerUrl') ruledOut.delete('version');
  return ruledOut;
}
