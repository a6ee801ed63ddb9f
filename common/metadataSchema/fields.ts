/** A metadata field as the metadata schema file describes it and the service checks it. */

export type MetadataKind = 'string' | 'number' | 'datetime' | 'enum' | 'embedding';

export interface MetadataOption {
  id: string;
  name: string;
}

export interface MetadataField {
  /** Unknown for a few reserved fields whose ids Labelbox does not publish. */
  id?: string;
  name: string;
  kind: MetadataKind;
  reserved: boolean;
  options: MetadataOption[];
  description?: string;
  /** Why using this field is discouraged, when it is. */
  deprecated?: string;
}
