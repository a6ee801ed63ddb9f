import type { JsonPathSegment } from '../json/ast';
import type { Severity } from '../rules';

/**
 * How sure a schema problem is, by where it is: an error only at the places where Labelbox's
 * SDK raises for that kind of problem (docs/import-format.md, "What the SDK checks"), a
 * warning elsewhere (the schema's other constraints come from the docs, and their rejection
 * is not observed). Keys are paths with array indexes written `[]`; values are ajv keywords.
 */
const REJECTED_AT: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  // The row itself: validate_keys rejects unknown keys; an empty payload is rejected.
  ['', new Set(['additionalProperties', 'required', 'anyOf'])],
  // The server answers "Found invalid media type" (recorded in the SDK's tests).
  ['media_type', new Set(['enum', 'type'])],
  // Global keys: non-blank, at most 200 characters (docs; the SDK's tests assert the server's error).
  ['global_key', new Set(['minLength', 'maxLength'])],
  ['globalKey', new Set(['minLength', 'maxLength'])],
  // AssetAttachment.validate_attachment_json: a list, type and value required, a known type, a non-empty string value.
  ['attachments', new Set(['type'])],
  ['attachments[]', new Set(['type', 'required'])],
  ['attachments[].type', new Set(['type', 'enum'])],
  ['attachments[].value', new Set(['type', 'minLength'])],
  ['info', new Set(['type', 'required'])],
  ['info.type', new Set(['type', 'enum'])],
  ['info.value', new Set(['type', 'minLength'])],
  // parse_upsert_metadata: entries are objects with value and schema_id or name; names and ids are looked up.
  ['metadata_fields', new Set(['type'])],
  ['metadata_fields[]', new Set(['type', 'required', 'anyOf'])],
  ['metadata_fields[].value', new Set(['type'])],
  ['metadata_fields[].value[]', new Set(['type'])],
  ['metadata_fields[].schema_id', new Set(['type', 'minLength'])],
  ['metadata_fields[].name', new Set(['type', 'minLength'])],
  // EmbeddingVector (pydantic): embedding_id a string, vector a list of numbers, clusters a list of integers.
  ['embeddings', new Set(['type'])],
  ['embeddings[]', new Set(['type', 'required'])],
  ['embeddings[].embedding_id', new Set(['type'])],
  ['embeddings[].vector', new Set(['type'])],
  ['embeddings[].vector[]', new Set(['type'])],
  ['embeddings[].clusters', new Set(['type'])],
  ['embeddings[].clusters[]', new Set(['type'])],
  // validate_conversational_data: a list, whose messages have only the six known keys.
  ['conversationalData', new Set(['type'])],
  ['conversationalData[]', new Set(['additionalProperties'])],
]);

/** `attachments[2].value` → `attachments[].value`. */
function placeKey(path: readonly JsonPathSegment[]): string {
  let key = '';
  for (const segment of path) key += typeof segment === 'number' ? '[]' : key ? `.${segment}` : segment;
  return key;
}

/** The severity of a schema problem of kind `keyword` at `path` in a row. */
export function schemaProblemSeverity(keyword: string, path: readonly JsonPathSegment[]): Severity {
  return REJECTED_AT.get(placeKey(path))?.has(keyword) ? 'error' : 'warning';
}
