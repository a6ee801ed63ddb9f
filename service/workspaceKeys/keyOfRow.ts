import type { JsonValue } from '../json/ast';
import { ownParsedValue } from '../../common/ownKeys';
import { dialectOfKeys, GLOBAL_KEY } from '../validation/dialect';
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

/** `detectDialect` on a plain object. */
export function dialectOfValue(row: { readonly [key: string]: JsonValue }): Dialect {
  return dialectOfKeys(Object.keys(row));
}

/** The names a row's global key may be under, in the order the row check looks for them. */
export function globalKeyNames(dialect: Dialect): readonly string[] {
  return dialect === 'legacy' ? [GLOBAL_KEY.legacy, 'global_key'] : [GLOBAL_KEY.current];
}
