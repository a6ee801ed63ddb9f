import type { PropertyNode } from '../../json/ast';
import { LEGACY_ASSET_KEYS } from '../dialect';
import type { RowCheck } from '../rowCheck';

/** Keys the SDK keeps as they are when it converts a conversationalData row, and then rejects (not DataRow fields), with the key it accepts instead. */
const KEPT_BUT_REJECTED = new Map([
  ['globalKey', 'global_key'],
  ['metadataFields', 'metadata_fields'],
  ['info', 'attachments'],
  ['mediaAttributes', 'media_attributes'],
]);

const CONVERT = 'Convert the row (quick fix), or the file with "Convert file to the current import format".';

/** A legacy row holds exactly one asset; and what Labelbox's SDK does with the row. */
export function checkLegacyAssets(check: RowCheck): void {
  if (check.dialect !== 'legacy') return;
  const assets = check.node.properties.filter((property) => (LEGACY_ASSET_KEYS as readonly string[]).includes(property.key.value));
  for (const extra of assets.slice(1)) {
    check.reportKey(
      extra,
      'multiple-assets',
      `This row already has its asset in "${assets[0].key.value}"; a data row has exactly one asset. Put "${extra.key.value}" in a row of its own.`,
    );
  }
  if (assets.length) reportLegacyRow(check, assets[0]);
}

/**
 * The SDK rejects a row without row_data (since 3.73.0 "Some items have an empty payload",
 * before "`row_data` missing when creating DataRow"), except a conversationalData row, which it
 * converts. Whether the web app's upload still reads the legacy format is not confirmed.
 */
function reportLegacyRow(check: RowCheck, asset: PropertyNode): void {
  const fixes = [{ kind: 'convertRow' as const, title: 'Convert this row to the current import format' }];
  const key = asset.key.value;
  if (key === 'conversationalData') {
    const rejected = [...KEPT_BUT_REJECTED.keys()].filter((name) => check.property(name));
    if (rejected.length) {
      const current = rejected.map((name) => `"${KEPT_BUT_REJECTED.get(name)}"`).join(', ');
      check.report(
        asset.key,
        'legacy-dialect',
        `Labelbox's Python SDK converts a legacy conversationalData row to row_data but keeps ${rejected.map((name) => `"${name}"`).join(', ')} as ${rejected.length > 1 ? 'they are' : 'it is'}, and then rejects the row ("not valid on DB type 'DataRow'"); it accepts ${current} in such a row. ${CONVERT}`,
        { fixes },
      );
    } else {
      check.report(
        asset.key,
        'legacy-dialect',
        `A legacy conversationalData row: Labelbox's Python SDK converts it to row_data; whether the web app's upload still reads the legacy format is not confirmed. ${CONVERT}`,
        { fixes, severity: 'information' },
      );
    }
    return;
  }
  const since =
    key === 'tileLayerUrl'
      ? ' (from 3.73.0; earlier versions passed top-level tiled rows on)'
      : ' (from 3.73.0; "`row_data` missing when creating DataRow" before)';
  check.report(
    asset.key,
    'legacy-dialect',
    `This legacy row has no row_data, and Labelbox's Python SDK rejects it: "Some items have an empty payload"${since}. Whether the web app's upload still reads the legacy format is not confirmed. ${CONVERT}`,
    { fixes },
  );
}
