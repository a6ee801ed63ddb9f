/**
 * Whether a JSON text looks like a Labelbox import file: a root array whose first object has
 * one of the keys data rows have. Reads only the start of the text, without a full parse, so
 * it can run on every edit of any JSON file.
 */

import { stringEnd } from '../json/keyLocator';

export const SNIFF_LENGTH = 8192;
/** All of the text looksLikeImportFile reads (it may look at the character just past SNIFF_LENGTH): a caller can pass just that slice. */
export const SNIFF_READ_LENGTH = SNIFF_LENGTH + 1;

const ROW_KEYS = new Set([
  'row_data',
  'global_key',
  'external_id',
  'media_type',
  'metadata_fields',
  'imageUrl',
  'videoUrl',
  'conversationalUrl',
  'conversationalData',
  'tileLayerUrl',
  'externalId',
  'globalKey',
  'metadataFields',
]);

export function looksLikeImportFile(text: string): boolean {
  const end = Math.min(text.length, SNIFF_LENGTH);
  let i = 0;
  const skipSpace = () => {
    while (i < end && /\s|\uFEFF/.test(text[i])) i++;
  };
  skipSpace();
  if (text[i] !== '[') return false;
  i++;
  skipSpace();
  if (text[i] !== '{') return false;
  i++;
  let depth = 1;
  let expectKey = true;
  while (i < end && depth > 0) {
    const ch = text[i];
    if (ch === '"') {
      const close = stringEnd(text, i, end);
      if (close < 0) return false;
      if (depth === 1 && expectKey) {
        let j = close + 1;
        while (j < end && /\s/.test(text[j])) j++;
        if (text[j] === ':' && ROW_KEYS.has(text.slice(i + 1, close))) return true;
      }
      expectKey = false;
      i = close + 1;
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
    else if (ch === ',' && depth === 1) expectKey = true;
    i++;
  }
  return false;
}
