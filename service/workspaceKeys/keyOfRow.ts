import type { JsonValue } from '../json/ast';
import { ownParsedValue } from '../../common/ownKeys';
import { CURRENT_KEYS, LEGACY_ASSET_KEYS, LEGACY_KEYS, GLOBAL_KEY } from '../validation/dialect';
import type { Dialect } from '../validation/rowCheck';

/**
 * The global key of a row read by JSON.parse, decided as the row check decides it
 * (`globalKeyNode` on the row's dialect, `detectDialect`): the key of the row's format, or on
 * a legacy row `global_key` when it has no `globalKey` (the SDK keeps it when it converts a
 * conversationalData row). Undefined when there is none, or it is not a non-empty string.
 */
export function globalKeyOfRowValue(value: JsonValue): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const row = value;
  const dialect = dialectOfValue(row);
  const own = ownParsedValue(row, GLOBAL_KEY[dialect]);
  const key = own !== undefined ? own : dialect === 'legacy' ? ownParsedValue(row, 'global_key') : undefined;
  return typeof key === 'string' && key ? key : undefined;
}

/** `detectDialect` on a plain object: the counts do not depend on the order of the keys. */
export function dialectOfValue(row: { readonly [key: string]: JsonValue }): Dialect {
  let current = 0;
  let legacy = 0;
  let legacyAsset = false;
  for (const key of Object.keys(row)) {
    if (key === 'row_data') return 'current';
    if ((LEGACY_ASSET_KEYS as readonly string[]).includes(key)) legacyAsset = true;
    if (CURRENT_KEYS.has(key)) current++;
    else if (LEGACY_KEYS.has(key)) legacy++;
  }
  if (legacyAsset) return 'legacy';
  return legacy > current ? 'legacy' : 'current';
}

/** The names a row's global key may be under, in the order the row check looks for them. */
export function globalKeyNames(dialect: Dialect): readonly string[] {
  return dialect === 'legacy' ? [GLOBAL_KEY.legacy, 'global_key'] : [GLOBAL_KEY.current];
}
