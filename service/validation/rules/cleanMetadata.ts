import { ownParsedValue } from '../../../common/ownKeys';
import type { JsonValue } from '../../json/ast';
import type { MetadataCatalog, MetadataField } from '../../metadata/catalog';
import type { Dialect } from '../rowCheck';
import { METADATA_LISTS, SCHEMA_ID_KEY } from '../dialect';
import { EMBEDDING_LENGTH, isCanonicalUtc, isUtc, MAX_STRING_METADATA_LENGTH, optionIdentity, parseIsoDateTime } from './metadataValue';

/**
 * Whether checkMetadata certainly reports nothing on a row, read from its plain value without
 * making tree nodes (most rows' metadata is clean). Conservative: false for anything that may
 * be a problem (an unknown field, a field set twice, a deprecated field, a value that is not
 * plainly right), which checkMetadata then decides on the row's nodes.
 */
export function metadataIsClean(row: { readonly [key: string]: JsonValue }, dialect: Dialect, catalog: MetadataCatalog): boolean {
  const found = scanMetadata(row, dialect, catalog, false);
  // Several options of one enum field are fine and one option twice is not: options are compared only then.
  return found === CLEAN || (found === ENUM_SET_AGAIN && scanMetadata(row, dialect, catalog, true) === CLEAN);
}

const CLEAN = 0;
const MAYBE_A_PROBLEM = 1;
const ENUM_SET_AGAIN = 2;

function scanMetadata(row: { readonly [key: string]: JsonValue }, dialect: Dialect, catalog: MetadataCatalog, compareOptions: boolean): number {
  const idKey = SCHEMA_ID_KEY[dialect];
  // What makes two entries the same field (as checkMetadata's identity); a row sets a few fields.
  const identities: string[] = [];
  let options: string[] | undefined;
  let enumSetAgain = false;
  for (const listKey of METADATA_LISTS[dialect]) {
    const list = ownParsedValue(row, listKey);
    if (!Array.isArray(list)) continue;
    if (list.length > MAX_ENTRIES_READ_HERE) return MAYBE_A_PROBLEM;
    for (const entry of list) {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
      const id = ownParsedValue(entry, idKey);
      let field: MetadataField | undefined;
      let byId: boolean;
      if (typeof id === 'string') {
        field = catalog.fieldById(id);
        byId = true;
      } else {
        const name = dialect === 'current' ? ownParsedValue(entry, 'name') : undefined;
        if (typeof name !== 'string') continue; // names no field: checkMetadata skips it too
        field = catalog.fieldByName(name);
        byId = false;
      }
      if (!field || field.deprecated) return MAYBE_A_PROBLEM;
      const value = ownParsedValue(entry, 'value');
      if (!valueIsClean(field, value, byId)) return MAYBE_A_PROBLEM;
      const identity = field.id ?? field.name;
      if (!identities.includes(identity)) identities.push(identity);
      else if (field.kind === 'enum') enumSetAgain = true;
      else return MAYBE_A_PROBLEM;
      // As checkRepeat (metadata.ts) compares options: by option identity, for string values.
      if (compareOptions && field.kind === 'enum' && typeof value === 'string') {
        const option = `${identity}\n${optionIdentity(field, value)}`;
        if (options?.includes(option)) return MAYBE_A_PROBLEM;
        (options ??= []).push(option);
      }
    }
  }
  return enumSetAgain && !compareOptions ? ENUM_SET_AGAIN : CLEAN;
}

/** Beyond this many entries in a list, checkMetadata's own reading (with a Map of fields seen) is left to decide. */
const MAX_ENTRIES_READ_HERE = 32;

/** Whether checkMetadataValue certainly reports nothing on this value of the field. */
function valueIsClean(field: MetadataField, value: JsonValue | undefined, byId: boolean): boolean {
  // No value, null, booleans and objects: checkMetadataValue leaves them to the schema.
  if (value === undefined || value === null || typeof value === 'boolean' || (typeof value === 'object' && !Array.isArray(value))) return true;
  switch (field.kind) {
    case 'string':
      return typeof value === 'string' && value.length <= MAX_STRING_METADATA_LENGTH;
    case 'number':
      return typeof value === 'number';
    case 'datetime': {
      if (typeof value !== 'string') return false;
      if (isCanonicalUtc(value)) return true;
      const parsed = parseIsoDateTime(value);
      return parsed !== undefined && isUtc(parsed.offset);
    }
    case 'enum':
      return typeof value === 'string' && enumValueIsClean(field, value, byId);
    case 'embedding':
      return Array.isArray(value) && value.length === EMBEDDING_LENGTH && value.every((item) => typeof item === 'number');
    default:
      return false;
  }
}

/** An option's id, or (when the field is given by name) an option's name; any value when the options are unknown. */
function enumValueIsClean(field: MetadataField, text: string, byId: boolean): boolean {
  const options = field.options;
  if (!options.length) return true;
  for (let i = 0; i < options.length; i++) {
    if (options[i].id === text || (!byId && options[i].name === text)) return true;
  }
  return false;
}
