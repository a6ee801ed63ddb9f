import Ajv, { type ValidateFunction } from 'ajv';
import { hasOwnKey, ownValue } from '../../common/ownKeys';

/**
 * Keywords that editors read from JSON Schemas (VS Code's JSON support and others) but that
 * do not validate anything. Ajv's strict mode rejects unknown keywords, so they are declared.
 */
export const EDITOR_KEYWORDS = [
  'markdownDescription',
  'markdownEnumDescriptions',
  'enumDescriptions',
  'enumItemLabels',
  'defaultSnippets',
  'deprecationMessage',
  'errorMessage',
  'patternErrorMessage',
  'doNotSuggest',
  'suggestSortText',
  'allowComments',
  'allowTrailingCommas',
] as const;

/** @param forStandaloneCode keep the generated source, to write the validators out at build time. */
export function createAjv(forStandaloneCode = false): Ajv {
  // allErrors: an editor must show every problem, not only the first one per row.
  // verbose: gives each error its schema, whose title names the thing in messages.
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    ...(forStandaloneCode ? { code: { source: true } } : {}),
  });
  for (const keyword of EDITOR_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'array', 'object', 'boolean'] });
  return ajv;
}

export interface CompiledSchema {
  /** Validator of one definition, e.g. `currentDataRow`. */
  definition(name: string): ValidateFunction;
}

/** Compiles the schema once; each definition's validator is then looked up on demand. */
export function compileSchema(schema: { $id: string; definitions: Record<string, unknown> }): CompiledSchema {
  const ajv = createAjv();
  ajv.addSchema(schema);
  const cache = new Map<string, ValidateFunction>();
  return {
    definition(name) {
      let validate = cache.get(name);
      if (!validate) {
        if (!hasOwnKey(schema.definitions, name)) throw new Error(`The schema has no definition "${name}".`);
        validate = ajv.getSchema(`${schema.$id}#/definitions/${name}`);
        if (!validate) throw new Error(`Could not compile definition "${name}".`);
        cache.set(name, validate);
      }
      return validate;
    },
  };
}

/** A compiled schema from validators generated at build time (scripts/precompileSchema.ts). */
export function precompiledSchema(validators: Readonly<Record<string, ValidateFunction>>): CompiledSchema {
  return {
    definition(name) {
      const validate = ownValue(validators, name);
      if (!validate) throw new Error(`The schema has no definition "${name}".`);
      return validate;
    },
  };
}
