import { hasOwnKey, ownValue } from '../../common/ownKeys';

const SECTION = 'labelboxImport';

/**
 * A `labelboxImport.*` setting of a settings file, in whichever spelling VS Code takes:
 * `"labelboxImport.assetCheck.origins"`, `"labelboxImport": { "assetCheck.origins" }` or fully
 * nested. The longer dotted key wins at each level, as it comes later when VS Code merges them.
 * Own keys only: the names come from a file.
 */
export function settingValue(root: Record<string, unknown>, path: string): unknown {
  return valueAtPath(root, `${SECTION}.${path}`);
}

function valueAtPath(container: unknown, path: string): unknown {
  if (!container || typeof container !== 'object') return undefined;
  const object = container as Record<string, unknown>;
  if (hasOwnKey(object, path)) return ownValue(object, path);
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const head = path.slice(0, dot);
  return hasOwnKey(object, head) ? valueAtPath(ownValue(object, head), path.slice(dot + 1)) : undefined;
}
