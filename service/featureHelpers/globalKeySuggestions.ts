import { getPropertyValue, type JsonNode, type ObjectNode } from '../json/ast';
import type { Dialect } from '../validation/rowCheck';
import { ALLOWED as GLOBAL_KEY_CHARACTER } from '../validation/rules/globalKey';
import { looksLikeUrl } from '../../common/urls';

/**
 * Global keys to suggest for a row, made from what the row already says: its asset's URL
 * (bucket and path, as in Labelbox's examples), the file name, or its external id.
 */

export interface GlobalKeySuggestion {
  key: string;
  /** Where the key comes from, for the completion's detail. */
  source: 'url' | 'file name' | 'external id';
}

const MAX_GLOBAL_KEY_LENGTH = 200;

const ASSET_URL_KEYS: Record<Dialect, readonly string[]> = {
  current: ['row_data'],
  legacy: ['imageUrl', 'videoUrl', 'conversationalUrl', 'data', 'tileLayerUrl'],
};
const OBJECT_URL_KEYS = ['pdf_url', 'pdfUrl', 'tileLayerUrl', 'tile_layer_url'];

/** Virtual-hosted S3 (`bucket.s3.region.amazonaws.com`): the bucket is in the host name. */
const S3_VIRTUAL_HOST = /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/i;

export function globalKeySuggestions(row: ObjectNode, dialect: Dialect): GlobalKeySuggestion[] {
  const suggestions: GlobalKeySuggestion[] = [];
  const add = (key: string | undefined, source: GlobalKeySuggestion['source']) => {
    const clean = key === undefined ? '' : sanitizeGlobalKey(key);
    if (clean && !suggestions.some((s) => s.key === clean)) suggestions.push({ key: clean, source });
  };
  const url = assetUrl(row, dialect);
  const fromUrl = url ? keyFromUrl(url) : undefined;
  add(fromUrl?.key, 'url');
  const externalId = getPropertyValue(row, dialect === 'current' ? 'external_id' : 'externalId');
  if (externalId?.type === 'string') add(externalId.value, 'external id');
  add(fromUrl?.fileName, 'file name');
  return suggestions;
}

function assetUrl(row: ObjectNode, dialect: Dialect): string | undefined {
  for (const key of ASSET_URL_KEYS[dialect]) {
    const found = urlIn(getPropertyValue(row, key));
    if (found) return found;
  }
  return undefined;
}

function urlIn(node: JsonNode | undefined): string | undefined {
  if (node?.type === 'string') return looksLikeUrl(node.value) ? node.value : undefined;
  if (node?.type !== 'object') return undefined;
  for (const key of OBJECT_URL_KEYS) {
    const value = getPropertyValue(node, key);
    if (value?.type === 'string' && looksLikeUrl(value.value)) return value.value;
  }
  return undefined;
}

/** The bucket (when the URL names one) and path of a URL, and its file name. */
export function keyFromUrl(url: string): { key: string; fileName: string | undefined } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  if (!['http', 'https', 'gs', 's3'].includes(scheme)) return undefined;
  const segments: string[] = [];
  for (const segment of parsed.pathname.split('/')) {
    if (!segment) continue;
    const decoded = safeDecode(segment);
    // A tile template ({z}/{x}/{y}) says nothing about the asset.
    if (decoded.includes('{')) break;
    segments.push(decoded);
  }
  const bucket = scheme === 'gs' || scheme === 's3' ? parsed.hostname : S3_VIRTUAL_HOST.exec(parsed.hostname)?.[1];
  const parts = bucket ? [bucket, ...segments] : segments;
  if (!parts.length) return undefined;
  const fileName = segments.length > 1 || bucket ? segments[segments.length - 1] : undefined;
  return { key: parts.join('/'), fileName };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Replaces the characters Labelbox does not allow, trims, and keeps the (most specific) end of a long key. */
export function sanitizeGlobalKey(text: string): string {
  let key = [...text]
    .map((ch) => (GLOBAL_KEY_CHARACTER.test(ch) ? ch : '_'))
    .join('')
    .trim();
  if (key.length > MAX_GLOBAL_KEY_LENGTH) key = key.slice(key.length - MAX_GLOBAL_KEY_LENGTH).replace(/^[\s/]+/, '');
  return key;
}
