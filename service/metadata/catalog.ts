import type { MetadataField, MetadataKind, MetadataOption } from '../../common/metadataSchema/fields';
import { RESERVED_FIELDS } from './reservedFields';

export type { MetadataField, MetadataKind, MetadataOption };

export interface CatalogOrigin {
  /** The schema file the organization's fields were read from, as shown to the user. */
  source?: string;
  /** Why the organization's schema file could not be used, when it exists but is broken. */
  problem?: string;
}

/**
 * The metadata fields an import file can refer to: Labelbox's reserved fields, plus the
 * organization's custom fields when its metadata schema is known.
 */
export class MetadataCatalog {
  private readonly byId = new Map<string, MetadataField>();
  private readonly byName = new Map<string, MetadataField>();
  private readonly optionsById = new Map<string, { field: MetadataField; option: MetadataOption }>();
  readonly fields: readonly MetadataField[];
  private nameList: string[] | undefined;
  private optionNames: Map<string, MetadataField> | undefined;
  private readonly memos = new Map<string, unknown>();

  /**
   * @param customFields the organization's fields, or undefined when its schema is not known.
   * @param origin where the organization's schema comes from, or why it could not be used.
   */
  constructor(
    readonly customFields: readonly MetadataField[] | undefined = undefined,
    readonly origin: CatalogOrigin = {},
  ) {
    const fields: MetadataField[] = [...RESERVED_FIELDS];
    for (const field of customFields ?? []) {
      // The API lists reserved fields too; the built-in entries already cover them, except
      // for ids Labelbox does not publish, which the organization's answer fills in.
      const builtIn = field.reserved ? fields.findIndex((known) => known.reserved && (known.id === field.id || known.name === field.name)) : -1;
      if (builtIn >= 0) {
        if (!fields[builtIn].id && field.id) fields[builtIn] = { ...fields[builtIn], id: field.id };
        continue;
      }
      fields.push(field);
    }
    this.fields = fields;
    // Names resolve to reserved fields first, as in Labelbox's SDK.
    for (const field of fields) {
      if (field.id) this.byId.set(field.id, field);
      if (!this.byName.has(field.name)) this.byName.set(field.name, field);
      for (const option of field.options) this.optionsById.set(option.id, { field, option });
    }
  }

  get hasOrganizationSchema(): boolean {
    return this.customFields !== undefined;
  }

  fieldById(id: string): MetadataField | undefined {
    return this.byId.get(id);
  }

  fieldByName(name: string): MetadataField | undefined {
    return this.byName.get(name);
  }

  optionById(id: string): { field: MetadataField; option: MetadataOption } | undefined {
    return this.optionsById.get(id);
  }

  get names(): string[] {
    return (this.nameList ??= [...this.byName.keys()]);
  }

  /** The field with an option of this name, if any. */
  fieldWithOptionNamed(name: string): MetadataField | undefined {
    if (!this.optionNames) {
      this.optionNames = new Map();
      for (const field of this.fields) for (const option of field.options) if (!this.optionNames.has(option.name)) this.optionNames.set(option.name, field);
    }
    return this.optionNames.get(name);
  }

  /**
   * Remembers the answer to a costly question about the catalog, such as a "did you mean"
   * search: the same misspelling tends to repeat on every row of a file.
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    if (this.memos.size >= MAX_MEMOS) this.memos.clear();
    this.memos.set(key, value);
    return value;
  }
}

const MAX_MEMOS = 10_000;
