import { tableOf } from '../../text/ownKeys';
import type { RowCheck } from '../rowCheck';

const IGNORED = tableOf({
  media_attributes: 'Media attributes are computed by Labelbox when it imports the asset; the value here is ignored.',
  mediaAttributes: 'Media attributes are computed by Labelbox when it imports the asset; the value here is ignored.',
  dataset_id: 'The dataset is the one the file is imported into; this value is ignored.',
  uid: 'Labelbox assigns the data row id itself; this value is ignored.',
  created_at: 'Labelbox sets the creation time itself; this value is ignored.',
  updated_at: 'Labelbox sets the update time itself; this value is ignored.',
});

/** Fields Labelbox manages itself, and the undocumented `metadata` alias. */
export function checkIgnoredFields(check: RowCheck): void {
  for (const property of check.node.properties) {
    const key = property.key.value;
    if (check.isReported(property.key)) continue;
    const reason = IGNORED.get(key);
    if (reason) {
      check.reportKey(property, 'ignored-field', reason, { fixes: [{ kind: 'removeProperty', title: `Remove "${key}"` }] });
    } else if (key === 'metadata' && check.dialect === 'current') {
      const hasFields = check.property('metadata_fields');
      check.reportKey(
        property,
        'metadata-alias',
        '"metadata" is an undocumented alias that the SDK does not check. Use "metadata_fields".',
        { fixes: hasFields ? [] : [{ kind: 'replace', title: 'Rename to "metadata_fields"', text: '"metadata_fields"' }] },
      );
    }
  }
}
