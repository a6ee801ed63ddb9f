/**
 * Every rule the validator can report: its default severity, the page of Labelbox's
 * documentation that covers it, and the evidence the severity rests on.
 *
 * Severity policy (CONTRIBUTING.md, "Severity policy"): an error only where Labelbox is
 * known to reject the row or the file (a raise on the SDK's code path, a server error message
 * that the SDK's tests assert, or an explicit requirement in the docs); a warning where the
 * sources disagree, where rejection is plausible but not observed, or where the behaviour
 * depends on the SDK version (the message names the versions); information for advice.
 * The facts and their sources are in docs/import-format.md.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A place in Labelbox's Python SDK that shows a rule's behaviour. */
export interface SdkEvidence {
  /** Path under libs/labelbox/ of Labelbox/labelbox-python (src/labelbox/… or tests/…). */
  module: string;
  /** The function, class or test. */
  symbol: string;
  /** The SDK versions the behaviour holds for. */
  versions: string;
}

export interface RuleEvidence {
  /** Labelbox documentation pages that state the fact. */
  docs?: readonly string[];
  sdk?: readonly SdkEvidence[];
  /** Pages of the storage services' own documentation (AWS, Google Cloud, Azure) that state the fact, for rules about their URLs. */
  storage?: readonly string[];
  /** Why the rule has its severity, in one sentence. */
  basis: string;
}

export interface RuleInfo {
  severity: Severity;
  /** Where one rule has different severities by place or case: which, in a few words. */
  severityByCase?: string;
  /** One line for settings and docs. */
  description: string;
  docs?: string;
  evidence: RuleEvidence;
}

/** The SDK snapshot the rules were checked against: its version and commit. */
export const SDK_SNAPSHOT = { repository: 'Labelbox/labelbox-python', version: '6.0.0', commit: '51405840584c9f55b7331746530f8ed07d353817' } as const;

const DOCS = {
  importFormat: 'https://docs.labelbox.com/reference/import-image-data',
  datasets: 'https://docs.labelbox.com/docs/datasets-datarows',
  attachments: 'https://docs.labelbox.com/reference/attachments',
  metadata: 'https://docs.labelbox.com/reference/metadata',
  importMetadata: 'https://docs.labelbox.com/docs/import-metadata',
  globalKeys: 'https://docs.labelbox.com/reference/data-row-global-keys',
  limits: 'https://docs.labelbox.com/docs/limits',
  geospatial: 'https://docs.labelbox.com/reference/import-geospatial-data',
  conversation: 'https://docs.labelbox.com/reference/import-conversational-text-data',
  multimodalChat: 'https://docs.labelbox.com/reference/import-multimodal-chat-data',
  document: 'https://docs.labelbox.com/reference/import-document-data',
  gcs: 'https://docs.labelbox.com/docs/using-google-cloud-storage',
  mediaAttributes: 'https://docs.labelbox.com/docs/media-attributes',
  legacyUpload: 'https://labelbox.com/docs/assets-and-datasets/uploading-via-json',
  legacyOverlay: 'https://labelbox.com/docs/assets-and-datasets/asset-information-overlay',
  signedUrls: 'https://docs.labelbox.com/docs/signed-urls',
  privateUrls: 'https://docs.labelbox.com/en/import-data/import-urls/private-urls',
} as const;

/** The storage services' pages on where a signed URL keeps its expiry (docs/import-format.md, section 11). */
const STORAGE_DOCS = {
  awsV4: 'https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html',
  awsV2: 'https://docs.aws.amazon.com/AmazonS3/latest/API/S3_Authentication2.html',
  gcsV4: 'https://cloud.google.com/storage/docs/access-control/signing-urls-with-helpers',
  gcsV2: 'https://cloud.google.com/storage/docs/access-control/signed-urls-v2',
  azureDates: 'https://learn.microsoft.com/en-us/rest/api/storageservices/formatting-datetime-values',
  azureSas: 'https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas',
  cloudFrontCanned: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-canned-policy.html',
  cloudFrontCustom: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-custom-policy.html',
} as const;

/** SDK places cited by several rules (paths under libs/labelbox/). */
const SDK = {
  validateKeys: {
    module: 'src/labelbox/schema/internal/descriptor_file_creator.py',
    symbol: 'DescriptorFileCreator._prepare_items_for_upload.validate_keys',
    versions: '3.30 to 6.0',
  },
  emptyPayload: {
    module: 'src/labelbox/schema/internal/data_row_upsert_item.py',
    symbol: 'DataRowCreateItem.is_empty, raised by data_row_uploader.upload_in_chunks',
    versions: '3.73.0 (June 2024) and later',
  },
  attachmentJson: { module: 'src/labelbox/schema/asset_attachment.py', symbol: 'AssetAttachment.validate_attachment_json', versions: '3.x to 6.0' },
  parseUpsertMetadata: {
    module: 'src/labelbox/schema/data_row_metadata.py',
    symbol: 'DataRowMetadataOntology.parse_upsert_metadata, _parse_upsert',
    versions: '3.34 to 6.0',
  },
  embeddingVector: { module: 'src/labelbox/schema/embedding.py', symbol: 'EmbeddingVector (pydantic model)', versions: '3.67.0 and later' },
  mediaTypeTest: { module: 'tests/integration/test_data_rows.py', symbol: 'test_create_data_row_with_media_type, test_invalid_media_type', versions: '6.0' },
  tileLayer: {
    module: 'src/labelbox/data/annotation_types/data/tiled_image.py',
    symbol: 'TileLayer.validate_url, TiledBounds validators',
    versions: '3.x to 6.0',
  },
  legacyConversation: {
    module: 'src/labelbox/schema/internal/descriptor_file_creator.py',
    symbol: 'format_legacy_conversational_data, validate_conversational_data',
    versions: '3.x to 6.0',
  },
  dropNone: {
    module: 'src/labelbox/schema/internal/data_row_upsert_item.py',
    symbol: 'DataRowItemBase.build (drops keys whose value is None)',
    versions: '3.72 and later',
  },
} as const satisfies Record<string, SdkEvidence>;

/** Pages behind the asset access check's rules (docs/import-format.md, section 12). */
const ACCESS_DOCS = {
  signedUrls: 'https://docs.labelbox.com/docs/signed-urls',
  delegatedAccess: 'https://docs.labelbox.com/en/import-data/delegated-access',
  s3: 'https://docs.labelbox.com/docs/import-aws-s3-data',
  serverAddresses: 'https://docs.labelbox.com/docs/server-addresses',
} as const;

/** What every asset access rule's severity rests on. */
const OUR_REQUEST =
  "The verdict comes from our own request at one moment, not from Labelbox; Labelbox loads the asset in the labeler's browser, so it would most likely fail there too, but that is not observed.";

export const RULES = {
  'json-syntax': {
    severity: 'error',
    description: 'The file is not valid JSON.',
    evidence: {
      basis: "A file that is not JSON cannot be read at all: Python's json.load (the SDK path) and the web app's JSON upload both need valid JSON (RFC 8259).",
    },
  },
  'duplicate-key': {
    severity: 'warning',
    description: 'The same key appears twice in one object; only the last value is kept.',
    evidence: {
      basis: 'Valid JSON that JSON parsers accept, keeping the last value (RFC 8259 §4 says names SHOULD be unique): accepted, but almost surely not meant.',
    },
  },
  'root-not-array': {
    severity: 'error',
    description: 'An import file must be a JSON array of data rows.',
    docs: DOCS.importFormat,
    evidence: {
      docs: [DOCS.importFormat],
      sdk: [{ module: 'src/labelbox/schema/dataset.py', symbol: 'Dataset.create_data_rows, _separate_and_process_items', versions: '6.0' }],
      basis:
        'Every import sample is an array; create_data_rows iterates its items and keeps only objects and local file paths, so an object root yields no data row.',
    },
  },
  'row-not-object': {
    severity: 'error',
    severityByCase: 'warning for a string that looks like a local file path (the SDK uploads it)',
    description: 'Each element of the array must be a data row object.',
    docs: DOCS.importFormat,
    evidence: {
      sdk: [{ module: 'src/labelbox/schema/dataset.py', symbol: 'Dataset._separate_and_process_items, _build_from_local_paths', versions: '6.0' }],
      basis: 'The SDK keeps only objects and strings; a string is a local file path, uploaded only when it exists on disk; anything else yields no data row.',
    },
  },
  'unknown-property': {
    severity: 'error',
    severityByCase: 'warning inside attachments, metadata entries, embeddings and row_data objects',
    description: 'A key Labelbox does not accept at this place.',
    docs: DOCS.importFormat,
    evidence: {
      sdk: [SDK.validateKeys, SDK.legacyConversation, SDK.attachmentJson, SDK.parseUpsertMetadata],
      basis:
        'The SDK rejects unknown row keys (InvalidAttributeError) and unknown legacy message keys (KeyError); it ignores extra keys in attachments, metadata entries and embeddings, and never looks inside row_data objects.',
    },
  },
  'missing-property': {
    severity: 'error',
    severityByCase: 'warning inside row_data objects and conversation messages',
    description: 'A required key is missing.',
    docs: DOCS.importFormat,
    evidence: {
      sdk: [SDK.attachmentJson, SDK.parseUpsertMetadata, SDK.embeddingVector],
      basis:
        'The SDK raises for an attachment without type or value, a metadata entry without value or without schema_id and name, and an embedding without embedding_id or vector; the keys the docs require inside row_data objects are not checked by the SDK.',
    },
  },
  'invalid-type': {
    severity: 'error',
    severityByCase: 'warning outside attachments, metadata entries, embeddings and the lists that hold them',
    description: 'A value of the wrong JSON type.',
    docs: DOCS.importFormat,
    evidence: {
      sdk: [SDK.attachmentJson, SDK.parseUpsertMetadata, SDK.embeddingVector],
      basis:
        'The SDK raises for a non-list attachments, metadata_fields or embeddings, a non-string attachment value and a wrongly typed embedding; other keys pass the SDK unchecked, so their rejection is plausible but not observed.',
    },
  },
  'invalid-value': {
    severity: 'error',
    severityByCase: 'warning for values inside row_data objects and for version-dependent values',
    description: 'A value Labelbox does not accept.',
    docs: DOCS.importFormat,
    evidence: {
      docs: [DOCS.importFormat, DOCS.attachments],
      sdk: [SDK.attachmentJson, SDK.mediaTypeTest, SDK.parseUpsertMetadata],
      basis:
        'The SDK rejects unknown attachment types and empty attachment values, and its tests record the server\'s "Found invalid media type"; values inside row_data objects are not checked by the SDK.',
    },
  },
  'missing-asset': {
    severity: 'error',
    description: 'A data row without its asset (row_data, or imageUrl/videoUrl/data/… in the legacy format).',
    docs: DOCS.importFormat,
    evidence: {
      docs: [DOCS.importFormat],
      sdk: [SDK.emptyPayload, SDK.validateKeys],
      basis: 'The SDK raises "Some items have an empty payload" (3.73.0 and later; "`row_data` missing when creating DataRow" before).',
    },
  },
  'empty-row-data': {
    severity: 'error',
    severityByCase: 'warning for row_data made only of spaces (the SDK passes it on)',
    description: 'row_data is empty; Labelbox rejects rows with an empty payload.',
    docs: DOCS.importFormat,
    evidence: {
      sdk: [SDK.emptyPayload, { module: 'tests/unit/test_data_row_upsert_data.py', symbol: 'test_create_is_empty', versions: '6.0' }],
      basis: 'DataRowCreateItem.is_empty is true for "", null and {}, and the upload raises "Some items have an empty payload".',
    },
  },
  'invalid-row-data': {
    severity: 'warning',
    severityByCase: 'error for a number or boolean (the SDK fails on it)',
    description: 'row_data is neither a string nor one of the known object shapes.',
    docs: DOCS.importFormat,
    evidence: {
      sdk: [SDK.emptyPayload],
      basis:
        'A number or boolean makes DataRowCreateItem.is_empty raise (len() of a number); an array or an unknown object passes the SDK, and what the server does with it is not observed.',
    },
  },
  'multiple-assets': {
    severity: 'warning',
    description: 'A legacy data row with more than one asset key.',
    docs: DOCS.legacyUpload,
    evidence: {
      docs: [DOCS.legacyUpload],
      basis: 'A data row holds one asset; the legacy docs show one asset key per row, but no source shows what the legacy upload did with two.',
    },
  },
  'mixed-dialect': {
    severity: 'error',
    severityByCase: 'warning for current-format keys in a legacy row',
    description: 'Current (snake_case) and legacy (camelCase) keys mixed in one data row.',
    docs: DOCS.importFormat,
    evidence: {
      sdk: [SDK.validateKeys, SDK.legacyConversation],
      basis:
        'A legacy key in a current row is not a DataRow field, so validate_keys raises InvalidAttributeError; in a legacy row the outcome depends on the row (the SDK converts conversationalData rows).',
    },
  },
  'legacy-dialect': {
    severity: 'warning',
    severityByCase: 'information for a conversationalData row the SDK converts',
    description: 'A data row in the legacy camelCase import format.',
    docs: DOCS.legacyUpload,
    evidence: {
      docs: [DOCS.legacyUpload],
      sdk: [SDK.emptyPayload, SDK.validateKeys, SDK.legacyConversation],
      basis:
        'The legacy docs taught this format, but the SDK rejects rows without row_data ("`row_data` missing" from 3.30, "Some items have an empty payload" from 3.73.0); it converts only conversationalData rows. Whether the web app still reads it is not confirmed.',
    },
  },
  's3-url': {
    severity: 'error',
    severityByCase: 'warning outside row_data (attachments, tile and PDF URLs: not checked by the SDK)',
    description: 's3:// URLs in row_data are rejected; use the https virtual-hosted-style URL.',
    docs: DOCS.importFormat,
    evidence: {
      sdk: [SDK.validateKeys, { module: 'tests/integration/test_data_rows.py', symbol: 'test_create_invalid_aws_data_row', versions: '6.0' }],
      basis: 'validate_keys raises "row_data: s3 assets must start with \'https\'" for a string row_data; nothing checks other URLs.',
    },
  },
  'insecure-url': {
    severity: 'warning',
    description: 'An http:// URL; Labelbox expects https.',
    docs: DOCS.importFormat,
    evidence: {
      docs: [DOCS.importFormat, DOCS.geospatial],
      sdk: [{ module: 'src/labelbox/schema/dataset.py', symbol: 'Dataset.upsert_data_rows docstring', versions: '6.0' }],
      basis: "The docs say signed URLs must be https; the SDK's own docstrings use http:// URLs. The sources disagree.",
    },
  },
  'data-url': {
    severity: 'warning',
    description: 'A data: URL; Labelbox does not document them as assets.',
    docs: DOCS.importFormat,
    evidence: {
      docs: [DOCS.importFormat],
      basis: 'No source mentions data: URLs as assets; the documented forms are https, gs:// and Azure blob URLs. Rejection plausible, not observed.',
    },
  },
  'unsupported-url-character': {
    severity: 'warning',
    description: 'The characters # < > | are not supported in asset and attachment URLs.',
    docs: DOCS.attachments,
    evidence: {
      docs: [DOCS.attachments],
      basis: 'The docs say #, <, > and | are not supported in URLs and cause loading issues: the row imports, its asset may not load.',
    },
  },
  'media-type-mismatch': {
    severity: 'error',
    severityByCase: 'warning where the mismatch is not observed (a tiled or conversation media type with other content, a bare PDF URL)',
    description: 'media_type does not fit the shape of row_data.',
    docs: DOCS.datasets,
    evidence: {
      docs: [DOCS.document],
      sdk: [SDK.mediaTypeTest],
      basis:
        'The SDK\'s tests assert the server\'s "Expected type image/*, detected: application/json" for an object with IMAGE; other combinations are not observed.',
    },
  },
  'media-type-extension': {
    severity: 'warning',
    description: "media_type does not fit the file extension of row_data's URL.",
    docs: DOCS.datasets,
    evidence: {
      docs: [DOCS.datasets],
      basis:
        'The server checks content against media_type ("Found invalid contents for media type"), but a file extension does not decide the content. Plausible, not observed.',
    },
  },
  'local-file-path': {
    severity: 'warning',
    description: 'A local file path where a URL is needed; only the Python SDK uploads local files.',
    docs: DOCS.importFormat,
    evidence: {
      sdk: [{ module: 'src/labelbox/schema/internal/descriptor_file_creator.py', symbol: 'upload_if_necessary', versions: '6.0' }],
      basis: 'The SDK uploads row_data when it is an existing local path, whatever media_type says; a file uploaded in the web app has no local files.',
    },
  },
  'missing-media-type': {
    severity: 'information',
    description: 'No media_type: Labelbox gives better errors when it is set.',
    docs: DOCS.datasets,
    evidence: {
      docs: [DOCS.conversation, DOCS.multimodalChat],
      basis: 'The docs call media_type optional, for "better validation and error messaging": advice.',
    },
  },
  'unsupported-media-type': {
    severity: 'warning',
    description: 'A media type with no documented import format.',
    docs: DOCS.datasets,
    evidence: {
      sdk: [{ module: 'src/labelbox/schema/media_type.py', symbol: 'MediaType', versions: '6.0' }],
      basis: 'POINT_CLOUD, LLM and the LLM creation types are SDK media types without a documented data row format.',
    },
  },
  'duplicate-global-key': {
    severity: 'error',
    severityByCase: 'information on the first row that uses the key (Labelbox creates that one)',
    description: 'A global key used by an earlier row (compared case-insensitively); Labelbox creates the first row and fails the later ones.',
    docs: DOCS.globalKeys,
    evidence: {
      docs: [DOCS.globalKeys],
      sdk: [{ module: 'tests/integration/test_data_rows.py', symbol: 'test_data_row_bulk_creation_with_same_global_keys', versions: '6.0' }],
      basis:
        "The SDK's test asserts that the first row is created and the second fails with \"Duplicate global key: '<key>'\"; the docs say global keys are case-insensitive.",
    },
  },
  'global-key-in-other-file': {
    severity: 'warning',
    description: 'A global key that an earlier import file of the workspace (or of the command line) already uses, compared case-insensitively.',
    docs: DOCS.globalKeys,
    evidence: {
      docs: [DOCS.globalKeys],
      sdk: [{ module: 'tests/integration/test_data_rows.py', symbol: 'test_data_row_delete_and_create_with_same_global_key', versions: '6.0' }],
      basis:
        'Global keys are unique in the organization and the SDK\'s test asserts that importing a key again fails ("Duplicate global key"); whether the earlier file is imported first is not known, so a warning.',
    },
  },
  'global-key-already-imported': {
    severity: 'error',
    description: 'A global key that a file marked as already imported (labelboxImport.globalKeys.importedFiles, --imported) uses.',
    docs: DOCS.globalKeys,
    evidence: {
      docs: [DOCS.globalKeys],
      sdk: [{ module: 'tests/integration/test_data_rows.py', symbol: 'test_data_row_delete_and_create_with_same_global_key', versions: '6.0' }],
      basis:
        'The user says the earlier file is in Labelbox already, and the SDK\'s test asserts that a row whose global key an existing data row has fails ("Duplicate global key").',
    },
  },
  'global-key-too-long': {
    severity: 'error',
    description: 'A global key longer than 200 characters.',
    docs: DOCS.globalKeys,
    evidence: {
      docs: [DOCS.globalKeys, DOCS.limits],
      sdk: [{ module: 'tests/integration/test_global_keys.py', symbol: 'test_long_global_key_validation', versions: '6.0' }],
      basis: "The docs allow up to 200 characters and the SDK's test asserts the server rejects 201.",
    },
  },
  'global-key-whitespace': {
    severity: 'error',
    description: 'A global key with leading, trailing or consecutive spaces.',
    docs: DOCS.globalKeys,
    evidence: {
      docs: [DOCS.globalKeys],
      sdk: [{ module: 'tests/integration/test_global_keys.py', symbol: 'test_global_key_with_whitespaces_validation', versions: '6.0' }],
      basis: 'The docs allow spaces only inside a key, and the SDK\'s test asserts the server rejects " global key", "global  key" and "global key ".',
    },
  },
  'global-key-characters': {
    severity: 'warning',
    description: 'A global key with characters outside the documented set.',
    docs: DOCS.globalKeys,
    evidence: {
      docs: [DOCS.globalKeys],
      sdk: [{ module: 'src/labelbox/client.py', symbol: 'Client.assign_global_keys_to_data_rows (results carry "sanitized")', versions: '6.0' }],
      basis: 'The docs list the supported characters; the server may sanitize a key rather than reject it. Not observed for import.',
    },
  },
  'missing-global-key': {
    severity: 'information',
    description: 'A row with external_id but no global_key; global keys are the recommended identifier.',
    docs: DOCS.globalKeys,
    evidence: { docs: [DOCS.datasets, DOCS.globalKeys], basis: 'The docs recommend global keys over external ids: advice.' },
  },
  'global-key-exists-in-labelbox': {
    severity: 'error',
    severityByCase: 'warning when Labelbox answered "access denied" for the key (a data row the API key may not see)',
    description:
      'A global key that, when "Labelbox: Check Global Keys Against Labelbox" last asked, already belonged to a data row of the organization; importing the row fails.',
    docs: DOCS.globalKeys,
    evidence: {
      docs: [DOCS.globalKeys],
      sdk: [
        { module: 'src/labelbox/client.py', symbol: 'Client.get_data_row_ids_for_global_keys (the lookup the command makes)', versions: '6.0' },
        { module: 'tests/integration/test_data_rows.py', symbol: 'test_data_row_delete_and_create_with_same_global_key', versions: '6.0' },
      ],
      basis:
        'The API itself says a data row has the key, and the SDK\'s test asserts that importing a key already in the organization fails with "Duplicate global key"; "access denied" is a warning because the docs do not say which data rows it covers.',
    },
  },
  'invalid-metadata-value': {
    severity: 'error',
    severityByCase:
      'warning for a numeric string in a number field, a date-time the SDK parses but the docs do not allow, a non-UTC offset, and text over 4,096 characters (SDK 7.2 dropped that check)',
    description: 'A metadata value that does not fit its field.',
    docs: DOCS.metadata,
    evidence: {
      docs: [DOCS.metadata],
      sdk: [SDK.parseUpsertMetadata],
      basis:
        'The SDK raises for a non-string text value, an unknown enum option, an option name with schema_id, an unparseable date-time, a wrong embedding length and an option id used as a field id; it converts numeric strings with float() and date-times to UTC.',
    },
  },
  'duplicate-metadata-field': {
    severity: 'error',
    severityByCase: 'warning for number, date-time and unknown fields and for the same enum option twice; an enum with different options is fine',
    description: 'The same text metadata field twice in one data row; Labelbox fails the whole row.',
    docs: DOCS.metadata,
    evidence: {
      docs: [DOCS.metadata, DOCS.importMetadata],
      sdk: [{ module: 'tests/integration/test_task.py', symbol: 'test_task_errors (snapshot test_task.test_task_errors.errors.json)', versions: '6.0' }],
      basis:
        'The SDK\'s test asserts "A schemaId can only be specified once per DataRow for CustomMetadataString"; the docs say several options of an enum can be imported.',
    },
  },
  // Information while the organization's metadata schema is unknown (the field may well exist); an error once it is known.
  'unknown-metadata-field': {
    severity: 'information',
    severityByCase: "error once the organization's metadata schema is known, and for a name given as an id or an id given as a name",
    description: 'A metadata field that is not reserved and not in the organization metadata schema (an error once that schema is known).',
    docs: DOCS.metadata,
    evidence: {
      sdk: [SDK.parseUpsertMetadata],
      basis:
        'The SDK raises "There is no metadata with name …" and "Schema Id … not found in ontology"; without the organization\'s schema the field may exist.',
    },
  },
  'deprecated-metadata-field': {
    severity: 'warning',
    description: 'The reserved embedding metadata field was retired in January 2023.',
    docs: DOCS.metadata,
    evidence: {
      docs: [DOCS.metadata],
      basis:
        'Labelbox retired the 128-number embedding field in January 2023 (SDK commit a939c4d2) in favour of custom embeddings; what the server does with it now is not observed.',
    },
  },
  'metadata-alias': {
    severity: 'information',
    description: 'The "metadata" key, which the SDK passes on unchecked; metadata_fields is checked before upload.',
    docs: DOCS.metadata,
    evidence: {
      sdk: [
        { module: 'src/labelbox/schema/dataset.py', symbol: 'Dataset.upsert_data_rows docstring', versions: '3.67 to 6.0' },
        { module: 'tests/integration/test_data_rows_upsert.py', symbol: 'TestDataRowUpsert.test_create_data_row_with_upsert', versions: '6.0' },
      ],
      basis: "Documented in the upsert docstring and stored by the server in the SDK's test: advice to prefer the key the SDK checks.",
    },
  },
  'ignored-field': {
    severity: 'warning',
    severityByCase: 'information for a key whose value is null (the SDK drops it)',
    description: 'A field Labelbox computes or manages itself, or a null value the SDK drops.',
    docs: DOCS.mediaAttributes,
    evidence: {
      docs: [DOCS.mediaAttributes],
      sdk: [SDK.validateKeys, SDK.dropNone],
      basis:
        "media_attributes, dataset_id, uid, created_at and updated_at pass the SDK's key check but are managed by Labelbox; what the server does with them is not observed. Null values are dropped before upload.",
    },
  },
  'tile-url-template': {
    severity: 'error',
    description: 'A tile layer URL without the {z}/{x}/{y} placeholders.',
    docs: DOCS.geospatial,
    evidence: {
      docs: [DOCS.geospatial],
      sdk: [SDK.tileLayer],
      basis: 'The docs say the URL must be in the form https://URL/{z}/{x}/{y}.png, and the SDK\'s TileLayer raises "needs to contain /{z}/{x}/{y}".',
    },
  },
  'tile-bounds': {
    severity: 'warning',
    description: 'Tiled imagery bounds that are out of range or degenerate.',
    docs: DOCS.geospatial,
    evidence: {
      sdk: [SDK.tileLayer, { module: 'tests/data/annotation_types/test_tiled_image.py', symbol: 'test_tiled_bounds_same', versions: '6.0' }],
      basis:
        "The SDK's TiledBounds helper refuses equal or out-of-range bounds, but a JSON row is not built with it and the server's behaviour is not observed.",
    },
  },
  'tile-zoom': {
    severity: 'warning',
    description: 'Zoom levels in the wrong order.',
    docs: DOCS.geospatial,
    evidence: {
      docs: [DOCS.geospatial],
      basis: 'The docs define minimum, maximum and native zoom levels; levels in the wrong order are surely not meant, rejection is not observed.',
    },
  },
  'tile-epsg': {
    severity: 'warning',
    description: 'An EPSG spelling that the docs and the SDK disagree on.',
    docs: DOCS.geospatial,
    evidence: {
      docs: [DOCS.geospatial],
      sdk: [{ module: 'src/labelbox/data/annotation_types/data/tiled_image.py', symbol: 'EPSG, TiledImageData.asdict', versions: '6.0' }],
      basis: 'The docs spell the pixel system "Simple"; the SDK writes "SIMPLEPIXEL". The sources disagree.',
    },
  },
  'tile-key-spelling': {
    severity: 'warning',
    description: 'snake_case and camelCase tiled imagery keys mixed in one object.',
    docs: DOCS.geospatial,
    evidence: {
      docs: [DOCS.geospatial],
      sdk: [{ module: 'tests/data/annotation_import/conftest.py', symbol: 'geospatial_data_row_factory', versions: '6.0' }, SDK.tileLayer],
      basis:
        "The docs and an SDK test use snake_case keys, the SDK's helper writes camelCase; each spelling works on its own, a mix of both in one object is not shown anywhere.",
    },
  },
  'too-many-messages': {
    severity: 'error',
    description: 'A conversation with more than 250 messages.',
    docs: DOCS.conversation,
    evidence: { docs: [DOCS.conversation], basis: 'The docs: "The current maximum is 250 messages in a conversation".' },
  },
  'message-too-long': {
    severity: 'error',
    description: 'A conversation message of 10,000 characters or more.',
    docs: DOCS.conversation,
    evidence: { docs: [DOCS.conversation], basis: 'The docs: a message\'s content "must be under 10000 characters".' },
  },
  'duplicate-message-id': {
    severity: 'error',
    description: 'Two messages with the same messageId in one conversation.',
    docs: DOCS.conversation,
    evidence: { docs: [DOCS.conversation], basis: 'The docs: a messageId "must be unique within the conversation file".' },
  },
  'deprecated-attachment-type': {
    severity: 'warning',
    description: 'The TEXT attachment type: SDK 6.0 rejects it, earlier versions convert it to RAW_TEXT.',
    docs: DOCS.attachments,
    evidence: {
      sdk: [
        {
          module: 'src/labelbox/schema/asset_attachment.py',
          symbol: 'AttachmentType, AssetAttachment.validate_attachment_type',
          versions: 'accepted before 3.49, converted to RAW_TEXT 3.49 to 5.x, rejected from 6.0.0',
        },
      ],
      basis: 'The behaviour depends on the SDK version; the docs no longer list TEXT.',
    },
  },
  'unsupported-attachment-type': {
    severity: 'warning',
    description: 'The AUDIO attachment type, listed in the docs but rejected by the SDK.',
    docs: DOCS.attachments,
    evidence: {
      docs: [DOCS.attachments],
      sdk: [{ module: 'src/labelbox/schema/asset_attachment.py', symbol: 'AttachmentType, AssetAttachment.validate_attachment_type', versions: '6.0' }],
      basis: 'The docs list AUDIO; the SDK 6.0 does not know it and raises. The sources disagree.',
    },
  },
  'too-many-image-overlays': {
    severity: 'warning',
    description: 'More than 9 IMAGE_OVERLAY attachments in one data row.',
    docs: DOCS.attachments,
    evidence: { docs: [DOCS.legacyOverlay], basis: 'Only the legacy docs state a limit of 9 overlays per data row; current docs state none.' },
  },
  'attachment-not-url': {
    severity: 'warning',
    description: 'An attachment whose type needs a URL but whose value is not one.',
    docs: DOCS.attachments,
    evidence: { docs: [DOCS.attachments], basis: "The docs describe these types' values as URLs; the SDK checks only that the value is a non-empty string." },
  },
  'too-many-rows': {
    severity: 'warning',
    description: 'More than 150,000 data rows: the limits page allows at most 150,000 per import.',
    docs: DOCS.limits,
    evidence: {
      docs: [DOCS.limits],
      sdk: [
        {
          module: 'src/labelbox/schema/dataset.py',
          symbol: 'Dataset.create_data_rows (uploads in chunks since 3.72.0)',
          versions: 'limit enforced by the SDK until 3.71, none from 3.72.0',
        },
      ],
      basis: 'The limits page says 150,000 per import; the SDK dropped its own check in 3.72.0. The sources disagree.',
    },
  },
  'signed-url-expired': {
    severity: 'warning',
    description: 'A signed URL whose expiry, written in the URL itself, has passed.',
    docs: DOCS.signedUrls,
    evidence: {
      docs: [DOCS.signedUrls],
      storage: Object.values(STORAGE_DOCS),
      basis:
        'Labelbox fetches the asset when a labeler opens the row, so the row is created and then cannot be loaded: a failure after the import, not a rejection of it. The expiry is read from the URL as each service documents it.',
    },
  },
  'signed-url-expiring-soon': {
    severity: 'information',
    description: 'A signed URL that expires within labelboxImport.signedUrls.expiringSoonHours (24 by default).',
    docs: DOCS.signedUrls,
    evidence: {
      docs: [DOCS.signedUrls],
      storage: Object.values(STORAGE_DOCS),
      basis: 'Advice: the URL still works now, but Labelbox loads it again each time a labeler opens the row, which may be after it expires.',
    },
  },
  'signed-url-not-yet-valid': {
    severity: 'information',
    description: "A signed URL whose stated start (Azure st, a CloudFront policy's DateGreaterThan) is still to come.",
    docs: DOCS.signedUrls,
    evidence: {
      docs: [DOCS.signedUrls],
      storage: [STORAGE_DOCS.azureSas, STORAGE_DOCS.azureDates, STORAGE_DOCS.cloudFrontCustom],
      basis: 'Advice: Azure and CloudFront refuse the URL before its start, but it works from then on; whether labeling starts before it is up to you.',
    },
  },
  'signed-url-lifetime-too-long': {
    severity: 'warning',
    description: 'A V4 signed URL (S3 or Cloud Storage) asking for a lifetime over 7 days (604,800 seconds).',
    docs: DOCS.privateUrls,
    evidence: {
      docs: [DOCS.privateUrls],
      storage: [STORAGE_DOCS.awsV4, STORAGE_DOCS.gcsV4],
      basis:
        "AWS and Google document 604,800 seconds as the longest X-Amz-Expires / X-Goog-Expires and Labelbox's page names the 7-day limit; the service refuses the URL, Labelbox's handling of it is not observed.",
    },
  },
  'signed-url-malformed-expiry': {
    severity: 'warning',
    description: "A signed URL whose expiry parameter cannot be read (a date or number not in the service's format).",
    docs: DOCS.signedUrls,
    evidence: {
      docs: [DOCS.signedUrls],
      storage: Object.values(STORAGE_DOCS),
      basis: 'The services document the exact formats of these parameters and refuse a signature they cannot read; what Labelbox shows then is not observed.',
    },
  },
  'too-many-problems': {
    severity: 'information',
    description: 'More problems than the configured maximum; the rest are not shown.',
    evidence: { basis: "A note about this tool's own cap (labelboxImport.maxProblems), not about Labelbox." },
  },
  'asset-not-found': {
    severity: 'warning',
    description: 'Asset access check: the URL answered 404 or 410 (no file at this address).',
    docs: ACCESS_DOCS.signedUrls,
    evidence: { docs: [ACCESS_DOCS.signedUrls], basis: OUR_REQUEST },
  },
  'asset-access-denied': {
    severity: 'warning',
    description: 'Asset access check: the URL answered 401 or 403 (private, or the signature is refused).',
    docs: ACCESS_DOCS.delegatedAccess,
    evidence: {
      docs: [ACCESS_DOCS.delegatedAccess, ACCESS_DOCS.serverAddresses],
      basis: `${OUR_REQUEST} With IAM delegated access or an IP allow list, Labelbox may be let in where this machine is not.`,
    },
  },
  'asset-expired': {
    severity: 'warning',
    description: 'Asset access check: a signed URL refused because its signature expired.',
    docs: ACCESS_DOCS.signedUrls,
    evidence: { docs: [ACCESS_DOCS.signedUrls], basis: `${OUR_REQUEST} The docs say Labelbox fetches the signed URL whenever a labeler opens the row.` },
  },
  'asset-timeout': {
    severity: 'warning',
    description: 'Asset access check: no answer within labelboxImport.assetCheck.timeoutSeconds.',
    evidence: { docs: [ACCESS_DOCS.signedUrls], basis: OUR_REQUEST },
  },
  'asset-tls-error': {
    severity: 'warning',
    description: "Asset access check: the server's TLS certificate was refused.",
    evidence: { docs: [ACCESS_DOCS.signedUrls], basis: `${OUR_REQUEST} A browser refuses such a certificate too.` },
  },
  'asset-unreachable': {
    severity: 'warning',
    description: 'Asset access check: the host name does not resolve or the connection fails.',
    evidence: { docs: [ACCESS_DOCS.serverAddresses], basis: `${OUR_REQUEST} A host on a VPN may be reachable for labelers and not from here.` },
  },
  'asset-insecure-redirect': {
    severity: 'warning',
    description: 'Asset access check: the URL redirects to an http:// address.',
    docs: 'https://docs.labelbox.com/reference/import-image-data',
    evidence: { docs: ['https://docs.labelbox.com/reference/import-image-data'], basis: `${OUR_REQUEST} The docs ask for https URLs (see insecure-url).` },
  },
  'asset-content-type': {
    severity: 'warning',
    description: "Asset access check: the server's Content-Type does not fit the media type or attachment type (an HTML page where an image is expected).",
    evidence: {
      docs: ['https://docs.labelbox.com/reference/import-image-data'],
      basis: `${OUR_REQUEST} What Labelbox does with a wrong type is not documented.`,
    },
  },
  'asset-cors-missing': {
    severity: 'warning',
    description: "Asset access check: the answer to a request from Labelbox's app origin has no Access-Control-Allow-Origin for it.",
    docs: ACCESS_DOCS.s3,
    evidence: {
      docs: [ACCESS_DOCS.s3, ACCESS_DOCS.delegatedAccess],
      basis:
        "Labelbox's setup guides ask for a CORS rule on the bucket; the exact origins are not confirmed from the docs (labelboxImport.assetCheck.origins), and a plain image load works without CORS.",
    },
  },
  'asset-server-error': {
    severity: 'warning',
    description: 'Asset access check: the server answered 5xx, also when asked again.',
    evidence: { docs: [ACCESS_DOCS.signedUrls], basis: OUR_REQUEST },
  },
  'asset-rate-limited': {
    severity: 'information',
    description: 'Asset access check: the host kept answering 429 (too many requests); the URL is not checked.',
    evidence: { docs: [ACCESS_DOCS.signedUrls], basis: 'Says nothing about Labelbox: the host limited our own requests.' },
  },
  'asset-http-error': {
    severity: 'warning',
    description: 'Asset access check: another HTTP status than success (400, 416, …).',
    evidence: { docs: [ACCESS_DOCS.signedUrls], basis: OUR_REQUEST },
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleCode = keyof typeof RULES;

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULES, code);
}

/** Severity of each rule after the user's overrides; 'off' drops the rule. */
export type SeverityOverrides = Partial<Record<RuleCode, Severity | 'off'>>;
