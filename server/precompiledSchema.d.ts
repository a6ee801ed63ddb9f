/** Validators generated from the import schema at build time (scripts/precompileSchema.ts). */
declare module 'labelbox-import:precompiled-schema' {
  import type { ValidateFunction } from 'ajv';
  const validators: Record<string, ValidateFunction>;
  export = validators;
}
