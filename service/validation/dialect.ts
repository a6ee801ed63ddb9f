import type { ObjectNode } from '../json/ast';
import { tableOf } from '../../common/ownKeys';
import type { Dialect } from './rowCheck';

/** Keys only the current (snake_case) format has. */
export const CURRENT_KEYS = new Set([
  'row_data',
  'global_key',
  'external_id',
  'media_type',
  'metadata_fields',
  'metadata',
  'embeddings',
  'media_attributes',
  'dataset_id',
  'uid',
  'created_at',
  'updated_at',
]);

/** Keys only the legacy (camelCase) format has. `attachments` belongs to both. */
export const LEGACY_KEYS = new Set([
  'imageUrl',
  'videoUrl',
  'data',
  'conversationalUrl',
  'conversationalData',
  'tileLayerUrl',
  'externalId',
  'globalKey',
  'metadataFields',
  'info',
  'mediaAttributes',
  'type',
  'version',
  'bounds',
  'minZoom',
  'maxZoom',
  'maxNativeZoom',
  'epsg',
  'tileSize',
  'alternativeLayers',
]);

export const LEGACY_ASSET_KEYS = ['imageUrl', 'videoUrl', 'data', 'conversationalUrl', 'conversationalData', 'tileLayerUrl'] as const;

/** The keys that hold a data row's asset, in either dialect. */
export const ASSET_KEYS: readonly string[] = ['row_data', ...LEGACY_ASSET_KEYS];

/** The row's lists of metadata entries. */
export const METADATA_LISTS: Record<Dialect, readonly string[]> = {
  current: ['metadata_fields', 'metadata'],
  legacy: ['metadataFields'],
};

/** The key of a metadata entry's schema id. */
export const SCHEMA_ID_KEY: Record<Dialect, string> = { current: 'schema_id', legacy: 'schemaId' };
export const GLOBAL_KEY: Record<Dialect, string> = { current: 'global_key', legacy: 'globalKey' };

/** Current-format name of each legacy key that has a direct equivalent. */
export const CURRENT_NAME_OF = tableOf({
  externalId: 'external_id',
  globalKey: 'global_key',
  metadataFields: 'metadata_fields',
  mediaAttributes: 'media_attributes',
});

export const LEGACY_NAME_OF: ReadonlyMap<string, string> = new Map([...CURRENT_NAME_OF].map(([legacy, current]) => [current, legacy]));

/**
 * Which format a row is written in: its asset key decides (`row_data` or a legacy one);
 * without one, the format most of its keys belong to.
 */
export function detectDialect(node: ObjectNode): Dialect {
  return dialectOfKeys(node.properties.map((property) => property.key.value));
}

/** `detectDialect` on a row's key names (a parsed row's `Object.keys`): the counts do not depend on their order. */
export function dialectOfKeys(keys: readonly string[]): Dialect {
  let current = 0;
  let legacy = 0;
  let legacyAsset = false;
  for (const key of keys) {
    if (key === 'row_data') return 'current';
    if ((LEGACY_ASSET_KEYS as readonly string[]).includes(key)) legacyAsset = true;
    if (CURRENT_KEYS.has(key)) current++;
    else if (LEGACY_KEYS.has(key)) legacy++;
  }
  if (legacyAsset) return 'legacy';
  return legacy > current ? 'legacy' : 'current';
}
