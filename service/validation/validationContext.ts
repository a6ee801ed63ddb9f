import schemaJson from '../../schemas/data-row-import.schema.json';
import type { ValidateFunction } from 'ajv';
import { compileSchema, precompiledSchema, type CompiledSchema } from '../schema/compileSchema';
import { MetadataCatalog } from '../metadata/catalog';
import { schemaForChecking } from '../schema/schemaForChecking';

/** What checking a row needs besides the row: the compiled schema and the known metadata fields. */
export interface ValidationContext {
  schema: CompiledSchema;
  catalog: MetadataCatalog;
}

let compiled: CompiledSchema | undefined;

/**
 * Uses validators generated from the schema at build time: the bundles (server, CLI) start
 * without compiling the schema, which takes a few hundred milliseconds.
 */
export function usePrecompiledSchema(validators: Readonly<Record<string, ValidateFunction>>): void {
  compiled = precompiledSchema(validators);
}

/** The schema is compiled once per process (or precompiled) and shared by every document. */
export function importSchema(): CompiledSchema {
  compiled ??= compileSchema(schemaForChecking(schemaJson));
  return compiled;
}

export function createValidationContext(catalog = new MetadataCatalog()): ValidationContext {
  return { schema: importSchema(), catalog };
}
