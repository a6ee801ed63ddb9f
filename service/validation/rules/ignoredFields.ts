import type { RowCheck } from '../rowCheck';

/** Keys Labelbox manages itself: they pass the SDK's key check, but a value in an import file has no known use. */
const MANAGED = new Map<string, string>([
  ['media_attributes', 'Media attributes are computed by Labelbox when it imports the asset; what it does with a value given here is not confirmed.'],
  ['mediaAttributes', 'Media attributes are computed by Labelbox when it imports the asset; what it does with a value given here is not confirmed.'],
  ['dataset_id', 'The dataset is the one the file is imported into (the SDK overwrites this key with it); remove it.'],
  ['uid', 'Labelbox assigns the data row id itself; what it does with a value given here is not confirmed.'],
  ['created_at', 'Labelbox sets the creation time itself; what it does with a value given here is not confirmed.'],
  ['updated_at', 'Labelbox sets the update time itself; what it does with a value given here is not confirmed.'],
]);

/**
 * Row keys completion does not offer: each raises a problem as soon as it is written
 * (`metadata` is offered as metadata_fields, the key the SDK checks).
 */
export const KEYS_NOT_OFFERED: ReadonlySet<string> = new Set([...MANAGED.keys(), 'metadata']);

/** Fields Labelbox manages itself, null values the SDK drops, and the `metadata` alias. */
export function checkIgnoredFields(check: RowCheck): void {
  if (check.onParsedValue && !mayHaveIgnoredFields(check)) return;
  for (const property of check.node.properties) {
    const key = property.key.value;
    if (check.isReported(property.key)) continue;
    const reason = MANAGED.get(key);
    if (check.dialect === 'current' && key !== 'row_data' && property.value?.type === 'null') {
      check.reportKey(
        property,
        'ignored-field',
        `"${key}" is null: Labelbox's Python SDK leaves keys whose value is null out of the upload, so this one has no effect.`,
        {
          severity: 'information',
          fixes: [{ kind: 'removeProperty', title: `Remove "${key}"` }],
        },
      );
    } else if (reason) {
      check.reportKey(property, 'ignored-field', reason, { fixes: [{ kind: 'removeProperty', title: `Remove "${key}"` }] });
    } else if (key === 'metadata' && check.dialect === 'current') {
      const hasFields = check.property('metadata_fields');
      check.reportKey(
        property,
        'metadata-alias',
        '"metadata" works (the SDK\'s upsert_data_rows documents it), but the SDK passes its entries on unchecked; "metadata_fields" is checked before upload.',
        { fixes: hasFields ? [] : [{ kind: 'replace', title: 'Rename to "metadata_fields"', text: '"metadata_fields"' }] },
      );
    }
  }
}

/** Whether the row has a key the loop above may report (a necessary condition, from its plain value). */
function mayHaveIgnoredFields(check: RowCheck): boolean {
  const current = check.dialect === 'current';
  for (const key of check.keys) if (MANAGED.has(key) || (current && key === 'metadata')) return true;
  // Any null value (a null row_data is not reported here, but rare enough to leave to the loop above).
  return current && check.hasNullValue;
}
