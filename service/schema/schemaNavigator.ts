import schemaJson from '../../schemas/data-row-import.schema.json';
import { getPropertyValue, type JsonNode, type JsonPathSegment } from '../json/ast';
import type { Dialect } from '../validation/rowCheck';
import { detectDialect } from '../validation/dialect';
import { objectShapeOf } from '../validation/rules/rowData';
import { escapeMarkdown } from '../text/markdown';
import { ownValue, tableOf } from '../../common/ownKeys';

/**
 * Finds the part of the import-file JSON Schema that describes a place in a data row, so
 * that completion and hover read their documentation from the schema, its single source.
 */

export interface SchemaSnippet {
  label: string;
  description?: string;
  markdownDescription?: string;
  /** Strings in the body are snippet text (`${1:placeholder}`). */
  body: unknown;
}

export interface SchemaNode {
  $ref?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  markdownEnumDescriptions?: string[];
  enumDescriptions?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  anyOf?: SchemaNode[];
  required?: string[];
  defaultSnippets?: SchemaSnippet[];
  deprecationMessage?: string;
}

/** A place in a row and the schemas that apply there. */
export interface SchemaLocation {
  /** The schema written for this place (references followed): the one whose docs to show. */
  declared: SchemaNode;
  /**
   * The forms the value may take there. Usually just `declared`; for a union, the branch the
   * row shows it means (the dialect by its keys, the row_data form by its keys or
   * media_type), or every branch while the row does not tell yet.
   */
  branches: SchemaNode[];
}

const ROOT = schemaJson as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

/** Branches of unions that the navigator chooses between, by definition name. */
const ROW_FORMS = tableOf<Dialect>({ currentDataRow: 'current', legacyDataRow: 'legacy' });
const ROW_DATA_FORMS = new Set(['rowDataString', 'tiledImagery', 'conversation', 'pdfDocument', 'modelChatEvaluation']);

export function definition(name: string): SchemaNode | undefined {
  return ownValue(ROOT.definitions, name);
}

/** The definition name a local `$ref` points at. */
function refName(ref: string): string | undefined {
  const match = /^#\/definitions\/([^/]+)$/.exec(ref);
  return match?.[1];
}

/** Follows `$ref`s; returns the schema and the name of the last definition reached. */
function resolve(schema: SchemaNode): { schema: SchemaNode; name: string | undefined } {
  let current = schema;
  let name: string | undefined;
  // A bound on the chain guards against a reference cycle in an edited schema.
  for (let i = 0; i < 16 && current.$ref; i++) {
    name = refName(current.$ref);
    const target = name ? ownValue(ROOT.definitions, name) : undefined;
    if (!target) break;
    current = target;
  }
  return { schema: current, name };
}

/** JSON types a schema accepts; undefined when it does not say. */
function typesOf(schema: SchemaNode): string[] | undefined {
  if (schema.type) return Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.const !== undefined) return [schema.const === null ? 'null' : typeof schema.const];
  if (schema.properties) return ['object'];
  return undefined;
}

function accepts(schema: SchemaNode, node: JsonNode): boolean {
  const types = typesOf(schema);
  if (!types) return true;
  if (node.type === 'number') return types.includes('number') || (types.includes('integer') && node.isInteger);
  return types.includes(node.type);
}

/** Whether an anyOf lists alternative forms (rather than `required` constraints on one form). */
function isUnion(schema: SchemaNode): boolean {
  return Boolean(schema.anyOf?.some((alternative) => alternative.$ref || alternative.type || alternative.properties));
}

/**
 * The schemas of the value at `path` in a data row (`[]` is the row itself). `row` is the
 * row's tree: the values already written choose the branches of unions. Undefined when the
 * schema says nothing about that place (an unknown key).
 */
export function schemaAt(row: JsonNode | undefined, path: readonly JsonPathSegment[]): SchemaLocation | undefined {
  let location: SchemaLocation | undefined = locate(ROOT.items as SchemaNode, row, row);
  let node: JsonNode | undefined = row;
  for (const segment of path) {
    node = childNode(node, segment);
    location = childLocation(location, segment, node, row);
    if (!location) return undefined;
  }
  return location;
}

/**
 * The schemas one step down from `location`: a property (by name) or an array item (by
 * index). `node` is the value written there, if any.
 */
export function childLocation(
  location: SchemaLocation,
  segment: JsonPathSegment,
  node: JsonNode | undefined,
  row: JsonNode | undefined,
): SchemaLocation | undefined {
  const children: SchemaNode[] = [];
  for (const branch of location.branches) {
    const child = childSchema(branch, segment);
    if (child && !children.includes(child)) children.push(child);
  }
  if (!children.length) return undefined;
  const located = children.map((child) => locate(child, node, row));
  return { declared: located[0].declared, branches: [...new Set(located.flatMap((l) => l.branches))] };
}

function childNode(node: JsonNode | undefined, segment: JsonPathSegment): JsonNode | undefined {
  if (node?.type === 'object' && typeof segment === 'string') return getPropertyValue(node, segment);
  if (node?.type === 'array' && typeof segment === 'number') return node.items[segment];
  return undefined;
}

function childSchema(schema: SchemaNode, segment: JsonPathSegment): SchemaNode | undefined {
  if (typeof segment === 'string') return schema.properties ? ownValue(schema.properties, segment) : undefined;
  const items = schema.items;
  if (Array.isArray(items)) return items[segment];
  return items;
}

function locate(schema: SchemaNode, node: JsonNode | undefined, row: JsonNode | undefined): SchemaLocation {
  const declared = resolve(schema).schema;
  if (!isUnion(declared)) return { declared, branches: [declared] };
  const alternatives = declared.anyOf!.map(resolve);
  return { declared, branches: pickBranches(alternatives, node, row).map((a) => a.schema) };
}

type Alternative = { schema: SchemaNode; name: string | undefined };

function pickBranches(alternatives: Alternative[], node: JsonNode | undefined, row: JsonNode | undefined): Alternative[] {
  let candidates = node ? alternatives.filter((a) => accepts(a.schema, node)) : alternatives;
  if (!candidates.length) candidates = alternatives;
  if (candidates.length < 2) return candidates;

  if (candidates.some((a) => a.name && ROW_FORMS.has(a.name))) {
    const dialect = node?.type === 'object' ? detectDialect(node) : 'current';
    const chosen = candidates.filter((a) => a.name && ROW_FORMS.get(a.name) === dialect);
    if (chosen.length) return chosen;
  }
  if (candidates.some((a) => a.name && ROW_DATA_FORMS.has(a.name))) {
    if (node?.type === 'object') {
      const mediaType = row?.type === 'object' ? getPropertyValue(row, 'media_type') : undefined;
      const shape = objectShapeOf(node, mediaType?.type === 'string' ? mediaType.value : undefined);
      const chosen = candidates.filter((a) => a.name === shape);
      if (chosen.length) return chosen;
    }
  }
  return candidates;
}

/** The markdown documentation of a schema: its title and description. */
export function schemaDocumentation(schema: SchemaNode): string {
  return schema.markdownDescription ?? escapeMarkdown(schema.description ?? '');
}

/** The description of one enum value, when the schema has one. */
export function enumValueDocumentation(schema: SchemaNode, value: unknown): string | undefined {
  const index = schema.enum?.findIndex((candidate) => candidate === value) ?? -1;
  if (index < 0) return undefined;
  return (
    schema.markdownEnumDescriptions?.[index] ?? (schema.enumDescriptions?.[index] !== undefined ? escapeMarkdown(schema.enumDescriptions[index]) : undefined)
  );
}
