import type { MetadataField, MetadataOption } from './fields';
import { GRAPHQL_KINDS, kindFromGraphql } from './kinds';

/**
 * Reads the organization's metadata schema file (`.labelbox/metadata-schema.json`). It holds
 * Labelbox's own answer to the metadata-ontology query, so that a user can save what the API
 * returns as it is: the whole answer `{"data": {"customMetadataOntology": [...]}}`, the
 * `customMetadataOntology` object, or the bare array of fields.
 */

/** Where the schema file is looked for in a folder, and where the fetch command saves it, unless a setting says otherwise. */
export const DEFAULT_METADATA_SCHEMA_PATH = '.labelbox/metadata-schema.json';

export type MetadataSchemaResult =
  | {
      ok: true;
      /** Every field of the file, reserved ones included; the catalog merges them with the built-in reserved fields. */
      fields: MetadataField[];
      /** Things that did not stop the file from being used (a field of an unknown kind is left out). */
      warnings: string[];
    }
  | { ok: false; error: string };

const KIND_NAMES = Object.keys(GRAPHQL_KINDS).join(', ');

/** Parses the text of a metadata schema file. Never throws. */
export function parseMetadataSchema(text: string): MetadataSchemaResult {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim())
    return {
      ok: false,
      error: 'The file is empty. Save the answer of the metadata-ontology query in it, or run "Labelbox: Fetch Metadata Schema from Labelbox".',
    };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON: ${describeJsonError(body, error)}.` };
  }
  return readMetadataSchema(value);
}

/** Reads an already parsed metadata schema (a file's content, or the API's answer). Never throws. */
export function readMetadataSchema(value: unknown): MetadataSchemaResult {
  const list = fieldList(value);
  if (typeof list === 'string') return { ok: false, error: list };
  const fields: MetadataField[] = [];
  const warnings: string[] = [];
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  for (let i = 0; i < list.length; i++) {
    const read = readField(list[i], i);
    if (typeof read === 'string') return { ok: false, error: read };
    if ('skipped' in read) {
      warnings.push(read.skipped);
      continue;
    }
    const field = read;
    const where = fieldLabel(i, field.name);
    const ownIds = [field.id!, ...field.options.map((option) => option.id)];
    for (const id of ownIds) {
      const other = ids.get(id);
      if (other) warnings.push(`${where} uses the id "${id}", which ${other} uses too; the first one is kept for that id.`);
      else ids.set(id, where);
    }
    // Names are unique among reserved and among custom fields (docs/import-format.md, §4).
    const nameKey = `${field.reserved}:${field.name}`;
    const other = names.get(nameKey);
    if (other) warnings.push(`${where} has the same name as ${other}; entries given by name resolve to the first one.`);
    else names.set(nameKey, where);
    fields.push(field);
  }
  return { ok: true, fields, warnings };
}

function fieldList(value: unknown): unknown[] | string {
  if (Array.isArray(value)) return value as unknown[];
  if (!isObject(value))
    return `The file must hold the list of metadata fields (a JSON array), or the API's answer {"data": {"customMetadataOntology": [...]}}; it holds ${describe(value)}.`;
  const data = value.data;
  if (isObject(data) && 'customMetadataOntology' in data) return ontology(data.customMetadataOntology, '"data"."customMetadataOntology"');
  if ('customMetadataOntology' in value) return ontology(value.customMetadataOntology, '"customMetadataOntology"');
  if (Array.isArray(value.errors)) return `The file holds an error answer of the API, not the metadata schema: ${errorMessages(value.errors)}.`;
  return 'The file must hold the list of metadata fields (a JSON array), or the API\'s answer {"data": {"customMetadataOntology": [...]}}; this object has no "customMetadataOntology".';
}

function ontology(value: unknown, where: string): unknown[] | string {
  return Array.isArray(value) ? value : `${where} must be the list of metadata fields (a JSON array); it is ${describe(value)}.`;
}

type ReadField = MetadataField | { skipped: string } | string;

function readField(value: unknown, index: number): ReadField {
  if (!isObject(value)) return `Field ${index + 1} must be an object with "id", "name" and "kind"; it is ${describe(value)}.`;
  const name = value.name;
  const where = fieldLabel(index, typeof name === 'string' ? name : undefined);
  if (typeof name !== 'string' || !name.trim()) return `${where} needs a "name": a non-empty string.`;
  if (typeof value.id !== 'string' || !value.id) return `${where} needs an "id": the field's schema id, a string such as "cko8s9r5v0001h2dk9elqdidh".`;
  if (typeof value.kind !== 'string') return `${where} needs a "kind": one of ${KIND_NAMES}.`;
  if (value.reserved !== undefined && value.reserved !== null && typeof value.reserved !== 'boolean') return `${where}: "reserved" must be true or false.`;
  const kind = kindFromGraphql(value.kind);
  if (!kind)
    return {
      skipped: `${where} has the kind "${value.kind}", which this version does not know (known kinds: ${KIND_NAMES}); the field is left out, so its entries are reported as unknown.`,
    };
  const options: MetadataOption[] = [];
  if (value.options !== undefined && value.options !== null) {
    if (!Array.isArray(value.options)) return `${where}: "options" must be a list of options; it is ${describe(value.options)}.`;
    for (let j = 0; j < value.options.length; j++) {
      const option: unknown = value.options[j];
      const optionWhere = `option ${j + 1} of ${where.charAt(0).toLowerCase()}${where.slice(1)}`;
      if (!isObject(option)) return `The ${optionWhere} must be an object with "id" and "name"; it is ${describe(option)}.`;
      if (typeof option.id !== 'string' || !option.id) return `The ${optionWhere} needs an "id": the option's schema id.`;
      if (typeof option.name !== 'string' || !option.name.trim()) return `The ${optionWhere} needs a "name": a non-empty string.`;
      options.push({ id: option.id, name: option.name });
    }
  }
  if (options.length && kind !== 'enum') return `${where} has options, but only fields of kind CustomMetadataEnum have options; its kind is ${value.kind}.`;
  // No description: the API has none, and hover builds its text from the kind and options.
  return { id: value.id, name, kind, reserved: value.reserved === true, options };
}

function fieldLabel(index: number, name: string | undefined): string {
  return name ? `Field ${index + 1} ("${name}")` : `Field ${index + 1}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

function errorMessages(errors: unknown[]): string {
  const messages = errors.map((error) => (isObject(error) && typeof error.message === 'string' ? error.message : undefined)).filter(Boolean);
  return messages.length ? messages.map((message) => `"${message}"`).join('; ') : 'no message';
}

/**
 * "line 3, column 7: Expected ',' or '}'" from JSON.parse's message, without the piece of the
 * file that Node quotes in it ("Unexpected token 'r', "root:x:0:0:"... is not valid JSON"): a
 * message about a file may be shown where the file itself is not.
 */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const early = /end of JSON input/i.test(message);
  const quoted = message.indexOf(', "');
  const cut = [quoted, message.indexOf(' in JSON at position')].filter((index) => index >= 0);
  const reason = early
    ? 'the file ends before the JSON is complete'
    : (cut.length ? message.slice(0, Math.min(...cut)) : message).replace(/^JSON\.parse: /, '');
  if (!position && !early) return reason;
  const offset = position ? Number(position[1]) : text.trimEnd().length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${reason}`;
}
