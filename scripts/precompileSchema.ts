// Generates the ajv validators of schemas/data-row-import.schema.json as JavaScript, so that the
// bundled server and CLI do not compile the schema when they start (scripts/build.mjs runs
// this and bundles the output as the module "labelbox-import:precompiled-schema").
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import standaloneCode from 'ajv/dist/standalone';
import schema from '../schemas/data-row-import.schema.json';
import { createAjv } from '../server/src/service/schema/compileSchema';

export const PRECOMPILED_SCHEMA_PATH = resolve(__dirname, '../dist/generated/import-schema-validators.js');

const ajv = createAjv(true);
ajv.addSchema(schema);
const references = Object.fromEntries(Object.keys(schema.definitions).map((name) => [name, `${schema.$id}#/definitions/${name}`]));
mkdirSync(dirname(PRECOMPILED_SCHEMA_PATH), { recursive: true });
writeFileSync(PRECOMPILED_SCHEMA_PATH, standaloneCode(ajv, references));
