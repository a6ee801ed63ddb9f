import type { MetadataKind } from './fields';

/** Labelbox's GraphQL names of the field kinds (SDK `DataRowMetadataKind`), as the API returns them. */
export const GRAPHQL_KINDS = {
  CustomMetadataString: 'string',
  CustomMetadataNumber: 'number',
  CustomMetadataDateTime: 'datetime',
  CustomMetadataEnum: 'enum',
  CustomMetadataEmbedding: 'embedding',
} as const satisfies Record<string, MetadataKind>;

export type GraphqlKind = keyof typeof GRAPHQL_KINDS;

export function kindFromGraphql(kind: string): MetadataKind | undefined {
  return Object.hasOwn(GRAPHQL_KINDS, kind) ? GRAPHQL_KINDS[kind as GraphqlKind] : undefined;
}
