import schemaJson from '../../../../schemas/data-row-import.schema.json';
import { compileSchema, type CompiledSchema } from '../schema/compileSchema';
import { MetadataCatalog } from '../metadata/catalog';

/** What checking a row needs besides the row: the compiled schema and the known metadata fields. */
export interface ValidationContext {
  schema: CompiledSchema;
  catalog: MetadataCatalog;
}

export const IMPORT_SCHEMA = schemaJson;

let compiled: CompiledSchema | undefined;

/** The schema is compiled once per process and shared by every document. */
export function importSchema(): CompiledSchema {
  compiled ??= compileSchema(schemaJson as unknown as Parameters<typeof compileSchema>[0]);
  return compiled;
}

export function createValidationContext(catalog = new MetadataCatalog()): ValidationContext {
  return { schema: importSchema(), catalog };
}
