import { CURRENT_KEYS, CURRENT_NAME_OF, LEGACY_ASSET_KEYS, LEGACY_KEYS, LEGACY_NAME_OF } from '../dialect';
import type { FixData } from '../../diagnostic';
import type { RowCheck } from '../rowCheck';

const TILED_KEYS = new Set(['tileLayerUrl', 'bounds', 'minZoom', 'maxZoom', 'maxNativeZoom', 'epsg', 'tileSize', 'alternativeLayers', 'version']);

/** Keys of the other format in a row: mixing the two formats in one row is rejected. */
export function checkDialectKeys(check: RowCheck): void {
  if (check.onParsedValue && !mayHaveMixedKeys(check)) return;
  const present = { has: (key: string) => check.property(key) !== undefined };
  if (check.dialect === 'current') {
    for (const property of check.node.properties) {
      const key = property.key.value;
      // A null value is dropped by the SDK before its key check: checkIgnoredFields notes it.
      if (!LEGACY_KEYS.has(key) || property.value?.type === 'null') continue;
      const fixes: FixData[] = [];
      let message: string;
      const equivalent = CURRENT_NAME_OF.get(key);
      if (equivalent) {
        message = `"${key}" is a legacy (camelCase) key, but this row uses the current format. Use "${equivalent}".`;
        if (!present.has(equivalent)) fixes.push({ kind: 'replace', title: `Rename to "${equivalent}"`, text: JSON.stringify(equivalent) });
      } else if ((LEGACY_ASSET_KEYS as readonly string[]).includes(key)) {
        message = present.has('row_data')
          ? `"${key}" is a legacy asset key, and this row already has its asset in "row_data". A data row has exactly one asset.`
          : `"${key}" is a legacy asset key; in the current format the asset goes in "row_data".`;
      } else if (TILED_KEYS.has(key)) {
        message = `"${key}" at the top of a row belongs to the legacy format. In the current format, tiled imagery keys go inside "row_data".`;
      } else {
        message = `"${key}" belongs to the legacy (camelCase) format, but this row uses the current format.`;
      }
      fixes.push({ kind: 'removeProperty', title: `Remove "${key}"` });
      check.reportKey(property, 'mixed-dialect', message, { fixes });
    }
  } else {
    // The SDK turns a conversationalData row into a current row, so current keys work there.
    if (check.property('conversationalData')) return;
    for (const property of check.node.properties) {
      const key = property.key.value;
      if (!CURRENT_KEYS.has(key)) continue;
      const equivalent = LEGACY_NAME_OF.get(key);
      const fixes: FixData[] = [];
      if (equivalent && !present.has(equivalent)) fixes.push({ kind: 'replace', title: `Rename to "${equivalent}"`, text: JSON.stringify(equivalent) });
      fixes.push({ kind: 'convertRow', title: 'Convert this row to the current import format' });
      check.reportKey(
        property,
        'mixed-dialect',
        `"${key}" is a current-format (snake_case) key, but this row uses the legacy camelCase format.${equivalent ? ` Use "${equivalent}", or convert the row to the current format.` : ' Convert the row to the current format.'}`,
        // What Labelbox does with such a row depends on the row (the SDK converts conversationalData rows): not confirmed.
        { fixes, severity: 'warning' },
      );
    }
  }
}

/** Whether the row has a key the loop above reports (a necessary condition, from its plain value). */
function mayHaveMixedKeys(check: RowCheck): boolean {
  if (check.dialect === 'current') {
    // A legacy key with a null value is not reported: rare enough to leave to the loop above.
    for (const key of check.keys) if (LEGACY_KEYS.has(key)) return true;
    return false;
  }
  if (Object.hasOwn(check.value, 'conversationalData')) return false;
  for (const key of check.keys) if (CURRENT_KEYS.has(key)) return true;
  return false;
}
