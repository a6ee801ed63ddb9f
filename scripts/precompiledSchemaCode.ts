// The schema's validators as standalone JavaScript (ajv's standalone code), with string length
// checks made cheap: scripts/precompileSchema.ts prints it for the build, and the unit tests
// compare it with the schema compiled at run time.
import standaloneCode from 'ajv/dist/standalone';
import publishedSchema from '../schemas/data-row-import.schema.json';
import { createAjv } from '../service/schema/compileSchema';
import { schemaForChecking } from '../service/schema/schemaForChecking';

/** The published schema with the definitions only the checks use. */
const schema = schemaForChecking(publishedSchema);

export function precompiledSchemaCode(): string {
  const ajv = createAjv(true);
  ajv.addSchema(schema);
  const references = Object.fromEntries(Object.keys(schema.definitions).map((name) => [name, `${schema.$id}#/definitions/${name}`]));
  return withCheapStringLengths(standaloneCode(ajv, references));
}

/** How ajv's standalone code imports its code point counter (ajv 8). */
const UCS2LENGTH_IMPORT = /const (\w+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/;

/**
 * minLength and maxLength count code points, which ajv's ucs2length does by reading every
 * character of the string: about 4% of checking a large file. A string has no code point
 * exactly when it has no UTF-16 unit, and never more code points than units, so
 * `ucs2length(x) < 1` is `x.length < 1`, and `ucs2length(x) > N` needs counting only when
 * `x.length > N` (150 emoji are 300 units but 150 code points: still counted, still within 200).
 * Throws when the code does not have the shape this expects (another ajv version, another
 * limit in the schema), so that the build fails instead of quietly losing the rewrite.
 */
export function withCheapStringLengths(code: string): string {
  const counter = UCS2LENGTH_IMPORT.exec(code)?.[1];
  if (!counter) throw new Error("precompiled schema: ajv's code no longer imports ucs2length as expected; update scripts/precompiledSchemaCode.ts.");
  let minimums = 0;
  let maximums = 0;
  const rewritten = code
    .replace(new RegExp(`\\b${counter}\\((\\w+)\\) < 1(?![\\d.])`, 'g'), (_, value: string) => {
      minimums++;
      return `${value}.length < 1`;
    })
    .replace(new RegExp(`\\b${counter}\\((\\w+)\\) > (\\d+)(?![\\d.])`, 'g'), (_, value: string, limit: string) => {
      maximums++;
      return `(${value}.length > ${limit} && ${counter}(${value}) > ${limit})`;
    });
  // Every count left must be one guarded above: another comparison (a minLength above 1, say) is not handled.
  const unguarded = new RegExp(`(?<!&& )\\b${counter}\\(`).exec(rewritten);
  if (unguarded || !minimums || !maximums) {
    const around = unguarded ? `: ${rewritten.slice(unguarded.index - 40, unguarded.index + 60)}` : '';
    throw new Error(
      `precompiled schema: expected ajv's code to compare ucs2length only with "< 1" and "> N" (found ${minimums} and ${maximums})${around}; update scripts/precompiledSchemaCode.ts.`,
    );
  }
  return rewritten;
}
