import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { precompiledSchemaCode } from '../../../scripts/precompiledSchemaCode';

const ROOT = resolve(__dirname, '../../..');

/** The validators the build generates (scripts/precompiledSchemaCode.ts), loaded from their code as the bundles load them. */
export function loadPrecompiledValidators(source = precompiledSchemaCode()): Record<string, ValidateFunction> {
  const module = { exports: {} as Record<string, ValidateFunction> };
  // The generated code is a CommonJS module that requires ajv's runtime helpers.
  new Function('module', 'exports', 'require', source)(module, module.exports, createRequire(join(ROOT, 'package.json')));
  return module.exports;
}
