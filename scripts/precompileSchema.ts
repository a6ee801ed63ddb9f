// Prints the ajv validators of schemas/data-row-import.schema.json as JavaScript, so that the
// bundled server and CLI do not compile the schema when they start (scripts/build.mjs runs
// this and bundles the output as the module "labelbox-import:precompiled-schema").
import standaloneCode from 'ajv/dist/standalone';
import schema from '../schemas/data-row-import.schema.json';
import { createAjv } from '../service/schema/compileSchema';

const ajv = createAjv(true);
ajv.addSchema(schema);
const references = Object.fromEntries(Object.keys(schema.definitions).map((name) => [name, `${schema.$id}#/definitions/${name}`]));
process.stdout.write(standaloneCode(ajv, references));
