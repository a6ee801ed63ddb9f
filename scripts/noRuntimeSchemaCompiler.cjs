// Stands in for ajv's compiler in the bundles (dist/cli.js, dist/server.js, dist/checkWorker.js).
// They check rows with the validators generated at build time (scripts/precompileSchema.ts) and
// never compile a schema, so the compiler (about 250 KB with its URI parser) is left out: that
// is less code to load on every start. The generated validators need only ajv's small runtime
// helpers (ajv/dist/runtime/*), which are bundled as usual.
module.exports = class NoRuntimeSchemaCompiler {
  constructor() {
    throw new Error('This bundle checks with the schema validators generated at build time and cannot compile a schema.');
  }
};
