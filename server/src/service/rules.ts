/**
 * Every rule the validator can report, with its default severity (from the format spec's
 * §7.4: errors for what Labelbox rejects, warnings for what it accepts but the user almost
 * certainly did not mean or what is not confirmed, information for advice) and the page of
 * Labelbox's documentation that covers it.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleInfo {
  severity: Severity;
  /** One line for settings and docs. */
  description: string;
  docs?: string;
}

const DOCS = {
  importFormat: 'https://docs.labelbox.com/reference/import-image-data',
  datasets: 'https://docs.labelbox.com/docs/datasets-datarows',
  attachments: 'https://docs.labelbox.com/reference/attachments',
  metadata: 'https://docs.labelbox.com/reference/metadata',
  globalKeys: 'https://docs.labelbox.com/reference/data-row-global-keys',
  limits: 'https://docs.labelbox.com/docs/limits',
  geospatial: 'https://docs.labelbox.com/reference/import-geospatial-data',
  conversation: 'https://docs.labelbox.com/reference/import-conversational-text-data',
  gcs: 'https://docs.labelbox.com/docs/using-google-cloud-storage',
  mediaAttributes: 'https://docs.labelbox.com/docs/media-attributes',
} as const;

export const RULES = {
  'json-syntax': { severity: 'error', description: 'The file is not valid JSON.' },
  'duplicate-key': { severity: 'warning', description: 'The same key appears twice in one object; only the last value is kept.' },
  'root-not-array': { severity: 'error', description: 'An import file must be a JSON array of data rows.', docs: DOCS.importFormat },
  'row-not-object': { severity: 'error', description: 'Each element of the array must be a data row object.', docs: DOCS.importFormat },
  'unknown-property': { severity: 'error', description: 'A key Labelbox does not accept at this place.', docs: DOCS.importFormat },
  'missing-property': { severity: 'error', description: 'A required key is missing.', docs: DOCS.importFormat },
  'invalid-type': { severity: 'error', description: 'A value of the wrong JSON type.', docs: DOCS.importFormat },
  'invalid-value': { severity: 'error', description: 'A value Labelbox does not accept.', docs: DOCS.importFormat },
  'missing-asset': { severity: 'error', description: 'A data row without its asset (row_data, or imageUrl/videoUrl/data/… in the legacy format).', docs: DOCS.importFormat },
  'empty-row-data': { severity: 'error', description: 'row_data is empty; Labelbox rejects rows with an empty payload.', docs: DOCS.importFormat },
  'invalid-row-data': { severity: 'error', description: 'row_data is neither a string nor one of the known object shapes.', docs: DOCS.importFormat },
  'multiple-assets': { severity: 'error', description: 'A legacy data row with more than one asset key.', docs: DOCS.importFormat },
  'mixed-dialect': { severity: 'error', description: 'Current (snake_case) and legacy (camelCase) keys mixed in one data row.', docs: DOCS.importFormat },
  'legacy-dialect': { severity: 'warning', description: 'The file uses the legacy camelCase import format.', docs: DOCS.importFormat },
  's3-url': { severity: 'error', description: 's3:// URLs are rejected; use the https virtual-hosted-style URL.', docs: DOCS.importFormat },
  'insecure-url': { severity: 'warning', description: 'An http:// URL; Labelbox expects https.', docs: DOCS.importFormat },
  'data-url': { severity: 'warning', description: 'A data: URL; Labelbox does not document them as assets.', docs: DOCS.importFormat },
  'unsupported-url-character': { severity: 'warning', description: 'The characters # < > | are not supported in asset and attachment URLs.', docs: DOCS.attachments },
  'media-type-mismatch': { severity: 'error', description: 'media_type does not fit the shape of row_data.', docs: DOCS.datasets },
  'media-type-extension': { severity: 'warning', description: "media_type does not fit the file extension of row_data's URL.", docs: DOCS.datasets },
  'local-file-path': { severity: 'warning', description: 'A local file path where a URL is needed; only the Python SDK uploads local files.', docs: DOCS.importFormat },
  'missing-media-type': { severity: 'information', description: 'No media_type: Labelbox gives better errors when it is set.', docs: DOCS.datasets },
  'unsupported-media-type': { severity: 'warning', description: 'A media type with no documented import format.', docs: DOCS.datasets },
  'duplicate-global-key': { severity: 'error', description: 'Two data rows with the same global key (compared case-insensitively).', docs: DOCS.globalKeys },
  'global-key-too-long': { severity: 'error', description: 'A global key longer than 200 characters.', docs: DOCS.globalKeys },
  'global-key-characters': { severity: 'warning', description: 'A global key with characters or spacing Labelbox does not allow.', docs: DOCS.globalKeys },
  'missing-global-key': { severity: 'information', description: 'A row with external_id but no global_key; global keys are the recommended identifier.', docs: DOCS.globalKeys },
  'invalid-metadata-value': { severity: 'error', description: 'A metadata value that does not fit its field.', docs: DOCS.metadata },
  'duplicate-metadata-field': { severity: 'error', description: 'The same metadata field twice in one data row; Labelbox fails the whole row.', docs: DOCS.metadata },
  // Information while the organization's metadata schema is unknown (the field may well exist); an error once it is known.
  'unknown-metadata-field': { severity: 'information', description: 'A metadata field that is not reserved and not in the organization metadata schema (an error once that schema is known).', docs: DOCS.metadata },
  'deprecated-metadata-field': { severity: 'warning', description: 'The reserved embedding metadata field was retired in January 2023.', docs: DOCS.metadata },
  'metadata-alias': { severity: 'warning', description: 'The undocumented "metadata" key; use metadata_fields.', docs: DOCS.metadata },
  'ignored-field': { severity: 'warning', description: 'A field Labelbox computes or manages itself; the value in the file is ignored.', docs: DOCS.mediaAttributes },
  'tile-url-template': { severity: 'error', description: 'A tile layer URL without the {z}/{x}/{y} placeholders.', docs: DOCS.geospatial },
  'tile-bounds': { severity: 'warning', description: 'Tiled imagery bounds that are out of range or degenerate.', docs: DOCS.geospatial },
  'tile-zoom': { severity: 'warning', description: 'Zoom levels in the wrong order.', docs: DOCS.geospatial },
  'tile-epsg': { severity: 'warning', description: 'An EPSG spelling that the docs and the SDK disagree on.', docs: DOCS.geospatial },
  'tile-key-spelling': { severity: 'warning', description: 'snake_case tiled imagery keys, or both spellings of one key.', docs: DOCS.geospatial },
  'too-many-messages': { severity: 'error', description: 'A conversation with more than 250 messages.', docs: DOCS.conversation },
  'message-too-long': { severity: 'error', description: 'A conversation message of 10,000 characters or more.', docs: DOCS.conversation },
  'duplicate-message-id': { severity: 'warning', description: 'Two messages with the same messageId in one conversation.', docs: DOCS.conversation },
  'deprecated-attachment-type': { severity: 'warning', description: 'The TEXT attachment type, removed from the SDK; use RAW_TEXT or TEXT_URL.', docs: DOCS.attachments },
  'unsupported-attachment-type': { severity: 'warning', description: 'The AUDIO attachment type, listed in the docs but rejected by the SDK.', docs: DOCS.attachments },
  'too-many-image-overlays': { severity: 'warning', description: 'More than 9 IMAGE_OVERLAY attachments in one data row.', docs: DOCS.attachments },
  'attachment-not-url': { severity: 'warning', description: 'An attachment whose type needs a URL but whose value is not one.', docs: DOCS.attachments },
  'too-many-rows': { severity: 'warning', description: 'More than 150,000 data rows: Labelbox accepts at most 150,000 per import.', docs: DOCS.limits },
  'too-many-problems': { severity: 'information', description: 'More problems than the configured maximum; the rest are not shown.' },
} as const satisfies Record<string, RuleInfo>;

export type RuleCode = keyof typeof RULES;

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULES, code);
}

/** Severity of each rule after the user's overrides; 'off' drops the rule. */
export type SeverityOverrides = Partial<Record<RuleCode, Severity | 'off'>>;
