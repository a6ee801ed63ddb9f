import { dirname, relative, resolve } from 'node:path';
import { createValidationContext, type ValidationContext } from '../../service';
import { findMetadataSchemaFile, loadMetadataSchemaFile, type LoadedMetadataSchema } from '../node/metadataSchemaFile';

/**
 * Which organization metadata schema each checked file uses: the one given with
 * --metadata-schema; else the one the settings file names (labelboxImport.metadataSchema,
 * relative to its workspace folder, as the extension reads it); else the nearest
 * .labelbox/metadata-schema.json above the file. Problems with a schema file are written to
 * stderr once.
 */
export class MetadataSchemas {
  /** Set when a schema file was broken: the exit status is then 2. */
  trouble = false;
  private readonly given: LoadedMetadataSchema | undefined;
  private readonly loaded = new Map<string, LoadedMetadataSchema>();
  private readonly folders = new Map<string, string | undefined>();
  private readonly none = createValidationContext();

  /**
   * @param file the schema given on the command line: it must exist.
   * @param fromSettings the schema of the settings file (absolute): a missing one means no schema, as in the editor.
   */
  constructor(
    file: string | undefined,
    private readonly cwd = process.cwd(),
    fromSettings?: string,
  ) {
    if (file === undefined) {
      if (fromSettings === undefined) return;
      this.given = loadMetadataSchemaFile(fromSettings, relative(cwd, fromSettings) || fromSettings);
      this.report(this.given);
      return;
    }
    this.given = loadMetadataSchemaFile(resolve(cwd, file), file);
    if (this.given.state === 'missing') {
      process.stderr.write(`labelbox-import: cannot read the metadata schema ${file}: no such file\n`);
      this.trouble = true;
    } else {
      this.report(this.given);
    }
  }

  /** Whether the schema given on the command line can be used. */
  get usable(): boolean {
    return this.given?.state === 'loaded';
  }

  contextFor(file: string): ValidationContext {
    if (this.given) return this.given.context;
    const folder = file === '-' ? this.cwd : dirname(resolve(this.cwd, file));
    const path = findMetadataSchemaFile(folder, this.folders);
    if (!path) return this.none;
    let schema = this.loaded.get(path);
    if (!schema) {
      schema = loadMetadataSchemaFile(path, relative(this.cwd, path) || path);
      this.loaded.set(path, schema);
      this.report(schema);
    }
    return schema.context;
  }

  private report(schema: LoadedMetadataSchema): void {
    const shown = schema.context.catalog.origin.source ?? schema.path;
    if (schema.state === 'invalid') {
      process.stderr.write(`labelbox-import: the metadata schema ${shown} cannot be used: ${schema.error}\n`);
      this.trouble = true;
    } else if (schema.state === 'loaded') {
      for (const warning of schema.warnings) process.stderr.write(`labelbox-import: warning: metadata schema ${shown}: ${warning}\n`);
    }
  }
}
