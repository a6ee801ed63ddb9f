import type { MetadataKind } from './catalog';

/** Labelbox's GraphQL names of the field kinds (SDK `DataRowMetadataKind`), as the API returns them. */
export const GRAPHQL_KINDS = {
  CustomMetadataString: 'string',
  CustomMetadataNumber: 'number',
  CustomMetadataDateTime: 'datetime',
  CustomMetadataEnum: 'enum',
  CustomMetadataEmbedding: 'embedding',
} as const satisfies Record<string, MetadataKind>;

export type GraphqlKind = keyof typeof GRAPHQL_KINDS;

/** The kind of an enum option in the API's answer; never the kind of a field. */
export const OPTION_KIND = 'CustomMetadataEnumOption';

export function kindFromGraphql(kind: string): MetadataKind | undefined {
  return Object.hasOwn(GRAPHQL_KINDS, kind) ? GRAPHQL_KINDS[kind as GraphqlKind] : undefined;
}

export function graphqlKindOf(kind: MetadataKind): GraphqlKind {
  return (Object.keys(GRAPHQL_KINDS) as GraphqlKind[]).find((name) => GRAPHQL_KINDS[name] === kind)!;
}

/** What a value of each kind looks like in an import file, for hover and completion details. */
export const KIND_DESCRIPTIONS: Record<MetadataKind, { label: string; value: string }> = {
  string: { label: 'text', value: 'a string of at most 4,096 characters' },
  number: { label: 'number', value: 'a JSON number' },
  datetime: { label: 'date-time', value: 'an ISO 8601 date-time in UTC, such as "2024-05-02T07:45:10Z"' },
  enum: { label: 'enum', value: "the id or the name of one of the field's options (the id only when the field is given by schema_id)" },
  embedding: { label: 'embedding', value: 'an array of exactly 128 numbers' },
};
