// Prints the ajv validators of schemas/data-row-import.schema.json as JavaScript, so that the
// bundled server and CLI do not compile the schema when they start (scripts/build.mjs runs
// this and bundles the output as the module "labelbox-import:precompiled-schema").
import { precompiledSchemaCode } from './precompiledSchemaCode';

process.stdout.write(precompiledSchemaCode());
