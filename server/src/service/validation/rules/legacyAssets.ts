import { LEGACY_ASSET_KEYS } from '../dialect';
import type { RowCheck } from '../rowCheck';

/** A legacy row holds exactly one asset. */
export function checkLegacyAssets(check: RowCheck): void {
  if (check.dialect !== 'legacy') return;
  const assets = check.node.properties.filter((property) => (LEGACY_ASSET_KEYS as readonly string[]).includes(property.key.value));
  for (const extra of assets.slice(1)) {
    check.reportKey(extra, 'multiple-assets', `This row already has its asset in "${assets[0].key.value}"; a data row has exactly one asset. Put "${extra.key.value}" in a row of its own.`);
  }
}
