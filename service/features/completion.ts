import type { ImportDocument } from '../document/importDocument';
import type { JsonNode, JsonPathSegment } from '../json/ast';
import type { MetadataField } from '../metadata/catalog';
import { definition, schemaAt, schemaDocumentation, type SchemaLocation, type SchemaNode, type SchemaSnippet } from '../schema/schemaNavigator';
import { detectDialect } from '../validation/dialect';
import type { Dialect } from '../validation/rowCheck';
import { KEYS_NOT_OFFERED } from '../validation/rules/ignoredFields';
import { formatUtc } from '../validation/rules/metadataValue';
import type { ValidationContext } from '../validation/validationContext';
import { jsonBlock } from '../text/markdown';
import { ownValue } from '../../common/ownKeys';
import { TextWindow } from '../text/textWindow';
import { cursorPlace, type CursorPlace, type KeyPlace, type TextSpan, type ValuePlace } from '../featureHelpers/cursorPlace';
import { globalKeySuggestions } from '../featureHelpers/globalKeySuggestions';
import { fieldMarkdown, fieldSummary, kindName, optionMarkdown } from '../featureHelpers/metadataDocs';
import { fieldOfEntry, fieldsSetElsewhere, isGlobalKeyPath, keysRuledOutByAsset, metadataPlace, type MetadataPlace } from '../featureHelpers/rowPlaces';
import { escapeSnippet, fillPlaceholders, literalSnippet, snippetBodyText, snippetMembersText } from '../featureHelpers/snippetText';
import type { TextEdit } from '../featureHelpers/textEdit';

/**
 * Completion in an import file: property names valid where the cursor is (per dialect,
 * without those already there, and without the row keys that raise a problem as soon as
 * they are written: the ones Labelbox manages itself, and "metadata" for metadata_fields), values the schema enumerates, metadata fields and options
 * from the metadata catalog, global keys made from the row, and snippets for whole rows,
 * attachments and metadata entries. Works on the row under the cursor only.
 */

export type CompletionKind = 'property' | 'value' | 'enumMember' | 'snippet' | 'field' | 'reference';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** A short note shown with the item (a key's title, a field's kind). */
  detail?: string;
  /** Shown right after the label: the field name of a schema id, the name of an option id. */
  description?: string;
  /** Markdown. */
  documentation?: string;
  /** Snippet text: `$1`, `${1:default}`; literal `$`, `}` and `\` are escaped. */
  insertText: string;
  /** The text the item replaces (absolute offsets); it contains the cursor. */
  replace: TextSpan;
  /** Other edits, e.g. the comma the previous property lacks. */
  additionalEdits?: TextEdit[];
  filterText?: string;
  sortText?: string;
  deprecated?: boolean;
  /** Whether to ask for completions again after inserting (the value has suggestions of its own). */
  retrigger?: boolean;
}

type ItemFields = Omit<CompletionEntry, 'replace' | 'additionalEdits'>;

export interface CompletionOptions {
  /** The current time, for date-time metadata values (tests pass a fixed one). */
  now?: number;
}

export function doComplete(document: ImportDocument, offset: number, context: ValidationContext, options: CompletionOptions = {}): CompletionEntry[] {
  const place = cursorPlace(document, offset);
  if (!place) return [];
  const items = new Items(new TextWindow(document, offset), place);
  switch (place.kind) {
    case 'file':
      rowSnippets(items, true);
      break;
    case 'root':
      rowSnippets(items, false);
      break;
    case 'key':
      keyItems(items, place, document, context);
      break;
    case 'value':
      valueItems(items, place, document, context, options.now ?? Date.now());
      break;
  }
  return items.list;
}

/** Collects items, fitting each into the place: replaced span, separating commas, a space after a colon. */
class Items {
  readonly list: CompletionEntry[] = [];

  constructor(
    private readonly text: TextWindow,
    private readonly place: CursorPlace,
  ) {}

  add(fields: ItemFields): void {
    const { replace, commaBefore, commaAfter } = this.place;
    let insertText = fields.insertText;
    if (commaAfter) insertText += ',';
    if (this.text.charAt(replace.offset - 1) === ':') insertText = ' ' + insertText;
    const entry: CompletionEntry = { ...fields, insertText, replace };
    if (commaBefore !== undefined) {
      if (commaBefore < replace.offset) entry.additionalEdits = [{ offset: commaBefore, length: 0, newText: ',' }];
      else entry.insertText = ', ' + entry.insertText;
    }
    this.list.push(entry);
  }
}

function order(index: number): string {
  return String(index).padStart(4, '0');
}

function snippetDocumentation(snippet: SchemaSnippet, text: string): string {
  const about = snippet.markdownDescription ?? snippet.description;
  return [about, jsonBlock(fillPlaceholders(text).replace(/\t/g, '  '))].filter(Boolean).join('\n\n');
}

/** Whole data rows: in an empty file wrapped in the root array, between rows as one element. */
function rowSnippets(items: Items, wholeFile: boolean): void {
  const snippets = definition('currentDataRow')?.defaultSnippets ?? [];
  snippets.forEach((snippet, index) => {
    const row = snippetBodyText(snippet.body, wholeFile ? '\t' : '');
    const insertText = wholeFile ? `[\n\t${row}\n]` : row;
    items.add({
      label: snippet.label,
      kind: 'snippet',
      detail: wholeFile ? 'Import file with one data row' : 'Data row',
      documentation: snippetDocumentation(snippet, insertText),
      insertText,
      sortText: order(index),
    });
  });
}

function keyItems(items: Items, place: KeyPlace, document: ImportDocument, context: ValidationContext): void {
  const location = schemaAt(place.row, place.objectPath);
  if (!location) return;
  const present = new Set(place.object.properties.filter((p) => p !== place.property).map((p) => p.key.value));
  // Editing the name of a property that has its value: replace only the name.
  const nameOnly = place.property !== undefined && place.property.colonOffset >= 0;
  const dialect = place.row.type === 'object' ? detectDialect(place.row) : 'current';
  if (dialect === 'legacy' && place.object === place.row) for (const key of keysRuledOutByAsset([...present])) present.add(key);
  let index = 0;
  const offered = new Set<string>();
  const atRow = place.object === place.row;
  for (const branch of location.branches) {
    for (const key of Object.keys(branch.properties ?? {})) {
      index++;
      if (present.has(key) || offered.has(key)) continue;
      // Keys that raise a problem as soon as they are written are not offered (hover still explains them).
      if (atRow && KEYS_NOT_OFFERED.has(key)) continue;
      offered.add(key);
      const child = schemaAt(place.row, [...place.objectPath, key]);
      const schema = child?.declared ?? {};
      const path = [...place.objectPath, key];
      const value = nameOnly ? undefined : (specialTemplate(place, path, dialect, context) ?? valueTemplate(child));
      items.add({
        label: key,
        kind: 'property',
        detail: schema.title,
        documentation: schemaDocumentation(schema) || undefined,
        insertText: escapeSnippet(JSON.stringify(key)) + (value ? `: ${value.text}` : ''),
        filterText: JSON.stringify(key),
        sortText: order(index),
        retrigger: value?.retrigger,
      });
    }
  }
  // An object with nothing in it yet: the schema's snippets fill it.
  if (place.object.properties.some((p) => p !== place.property) || place.property) return;
  const objectStart = place.rowStart + place.object.offset;
  const onOwnLine = document.slice(objectStart, place.replace.offset).includes('\n');
  for (const branch of location.branches) {
    for (const snippet of branch.defaultSnippets ?? []) {
      if (!isObject(snippet.body)) continue;
      // On a line of their own the editor indents the members; after "{" they start a new line.
      const insertText = onOwnLine ? snippetMembersText(snippet.body, '').join(',\n') : `\n\t${snippetMembersText(snippet.body, '\t').join(',\n\t')}\n`;
      items.add({
        label: snippet.label,
        kind: 'snippet',
        documentation: snippetDocumentation(snippet, snippetBodyText(snippet.body)),
        insertText,
        sortText: order(1000 + index++),
      });
    }
  }
}

interface ValueTemplate {
  text: string;
  /** Whether completion has suggestions for the value, to show right away. */
  retrigger: boolean;
}

/** Placeholders for the values completion suggests beyond the schema: global keys and metadata. */
function specialTemplate(place: KeyPlace, path: JsonPathSegment[], dialect: Dialect, context: ValidationContext): ValueTemplate | undefined {
  if (isGlobalKeyPath(path, dialect)) return { text: '"$1"', retrigger: true };
  const metadata = metadataPlace(place.row, path, dialect);
  if (!metadata) return undefined;
  if (metadata.part !== 'value') return { text: '"$1"', retrigger: true };
  const { field } = fieldOfEntry(metadata.entry, metadata.idKey, context.catalog);
  switch (field?.kind) {
    case 'string':
      return { text: '"$1"', retrigger: false };
    case 'datetime':
    case 'enum':
      return { text: '"$1"', retrigger: true };
    case 'embedding':
      return { text: '[$1]', retrigger: false };
    default:
      return { text: '$1', retrigger: false };
  }
}

/** What to insert after a property name: a placeholder shaped like the value. */
function valueTemplate(location: SchemaLocation | undefined): ValueTemplate {
  if (!location) return { text: '$1', retrigger: false };
  const branches = location.branches;
  if (branches.length === 1) {
    const only = branches[0];
    if (only.const !== undefined) return { text: literalSnippet(only.const), retrigger: false };
    if (only.enum?.length === 1) return { text: literalSnippet(only.enum[0]), retrigger: false };
  }
  const types = new Set(branches.flatMap((branch) => typesOf(branch)));
  const hasEnum = branches.some((branch) => branch.enum?.length);
  if (types.size === 1) {
    const [type] = types;
    switch (type) {
      case 'string':
        return { text: '"$1"', retrigger: hasEnum };
      case 'boolean':
        return { text: '${1|true,false|}', retrigger: false };
      case 'integer':
      case 'number': {
        const values = branches[0].enum;
        return values?.every((v) => typeof v === 'number') ? { text: `\${1|${values.join(',')}|}`, retrigger: false } : { text: '$1', retrigger: false };
      }
      case 'array':
        return { text: '[$1]', retrigger: branches.some((branch) => hasItemSnippets(branch)) };
      case 'object':
        return { text: '{$1}', retrigger: true };
    }
  }
  if (types.has('string') && !types.has('number')) return { text: '"$1"', retrigger: hasEnum };
  return { text: '$1', retrigger: false };
}

function typesOf(schema: SchemaNode): string[] {
  if (schema.type) return Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.const !== undefined) return [typeof schema.const];
  if (schema.properties) return ['object'];
  return [];
}

function itemSchema(schema: SchemaNode): SchemaNode | undefined {
  const items = schema.items;
  if (!items || Array.isArray(items)) return undefined;
  return schemaAtRef(items);
}

/** A schema with its `$ref` followed, for the few places that look one level down. */
function schemaAtRef(schema: SchemaNode): SchemaNode {
  const name = schema.$ref ? /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1] : undefined;
  return (name && definition(name)) || schema;
}

function hasItemSnippets(schema: SchemaNode): boolean {
  return Boolean(itemSchema(schema)?.defaultSnippets?.length);
}

function valueItems(items: Items, place: ValuePlace, document: ImportDocument, context: ValidationContext, now: number): void {
  const row = place.row;
  const dialect = row.type === 'object' ? detectDialect(row) : 'current';
  const metadata = metadataPlace(row, place.path, dialect);
  if (metadata) {
    metadataItems(items, place, metadata, dialect, context, now);
    return;
  }
  if (row.type === 'object' && isGlobalKeyPath(place.path, dialect)) {
    const entry = document.rows[place.rowIndex];
    globalKeySuggestions(row, dialect).forEach((suggestion, index) => {
      const users = document.globalKeys.rowsWithKey(suggestion.key);
      if (users && [...users].some((user) => user !== entry)) return; // another row has it
      items.add({
        label: suggestion.key,
        kind: 'value',
        detail: `Global key from the ${suggestion.source}`,
        insertText: literalSnippet(suggestion.key),
        filterText: JSON.stringify(suggestion.key),
        sortText: order(index),
      });
    });
    return;
  }
  const location = schemaAt(row, place.path);
  if (!location) return;
  schemaValueItems(items, location, place.node);
}

/** Values the schema enumerates, and shapes (objects, arrays, their snippets) for a value not yet written. */
function schemaValueItems(items: Items, location: SchemaLocation, node: JsonNode | undefined): void {
  let index = 0;
  const offered = new Set<string>();
  const addValue = (value: unknown, documentation: string | undefined, kind: CompletionKind) => {
    const text = JSON.stringify(value);
    if (offered.has(text)) return;
    offered.add(text);
    items.add({
      label: typeof value === 'string' ? value : text,
      kind,
      documentation,
      insertText: literalSnippet(value),
      filterText: text,
      sortText: order(index++),
    });
  };
  for (const branch of location.branches) {
    if (branch.const !== undefined) addValue(branch.const, schemaDocumentation(branch) || undefined, 'value');
    branch.enum?.forEach((value, i) => addValue(value, branch.markdownEnumDescriptions?.[i] ?? branch.enumDescriptions?.[i], 'enumMember'));
    if (typesOf(branch).includes('boolean') && !branch.enum) {
      addValue(true, undefined, 'value');
      addValue(false, undefined, 'value');
    }
  }
  if (node && (node.type === 'string' || node.type === 'number' || node.type === 'boolean')) return;
  const next = () => index++;
  for (const branch of location.branches) containerItems(items, branch, offered, next);
}

/** The snippets an object or array branch offers (its default snippets, or an empty skeleton), after the plain values. */
function containerItems(items: Items, branch: SchemaNode, offered: Set<string>, next: () => number): void {
  const types = typesOf(branch);
  if (types.includes('object') && !branch.const) {
    const snippets = (branch.defaultSnippets ?? []).filter((snippet) => isObject(snippet.body));
    for (const snippet of snippets) {
      const insertText = snippetBodyText(snippet.body);
      items.add({ label: snippet.label, kind: 'snippet', documentation: snippetDocumentation(snippet, insertText), insertText, sortText: order(500 + next()) });
    }
    if (!snippets.length) {
      const label = branch.title ? `New ${branch.title}` : '{}';
      if (!offered.has(label)) {
        offered.add(label);
        items.add({
          label,
          kind: 'snippet',
          detail: branch.title,
          documentation: schemaDocumentation(branch) || undefined,
          insertText: skeleton(branch),
          sortText: order(800 + next()),
          retrigger: true,
        });
      }
    }
  }
  if (types.includes('array')) {
    const item = itemSchema(branch);
    for (const snippet of (item?.defaultSnippets ?? []).filter((s) => isObject(s.body))) {
      const insertText = `[\n\t${snippetBodyText(snippet.body, '\t')}\n]`;
      items.add({
        label: `[${snippet.label}]`,
        kind: 'snippet',
        documentation: snippetDocumentation(snippet, insertText),
        insertText,
        sortText: order(500 + next()),
      });
    }
    if (!offered.has('[]')) {
      offered.add('[]');
      items.add({
        label: '[]',
        kind: 'value',
        detail: branch.title,
        insertText: '[$1]',
        sortText: order(900 + next()),
        retrigger: Boolean(item?.defaultSnippets?.length),
      });
    }
  }
}

/** An object with its required properties, each with a placeholder shaped like its value. */
function skeleton(schema: SchemaNode): string {
  const required = schema.required ?? [];
  if (!required.length) return '{$1}';
  let tabStop = 0;
  const members = required.map((key) => {
    const declared = schema.properties ? ownValue(schema.properties, key) : undefined;
    const property = declared ? schemaAtRef(declared) : undefined;
    let placeholder: string;
    if (property?.const !== undefined) {
      placeholder = literalSnippet(property.const);
    } else {
      const types = property ? typesOf(property) : [];
      const shape = types.length === 1 ? types[0] : undefined;
      tabStop++;
      placeholder = shape === 'string' ? `"$${tabStop}"` : shape === 'array' ? `[$${tabStop}]` : shape === 'object' ? `{$${tabStop}}` : `$${tabStop}`;
    }
    return `${escapeSnippet(JSON.stringify(key))}: ${placeholder}`;
  });
  return `{ ${members.join(', ')} }`;
}

function metadataItems(items: Items, place: ValuePlace, metadata: MetadataPlace, dialect: Dialect, context: ValidationContext, now: number): void {
  const catalog = context.catalog;
  if (metadata.part === 'name' || metadata.part === 'schemaId') {
    const used = fieldsSetElsewhere(place.row, metadata.entry, dialect, catalog);
    const byId = metadata.part === 'schemaId';
    const fields = catalog.fields.filter((field) => !used.has(field) && (!byId || field.id));
    const sorted = [...fields].sort((a, b) => Number(Boolean(a.deprecated)) - Number(Boolean(b.deprecated)) || a.name.localeCompare(b.name));
    sorted.forEach((field, index) => items.add(fieldItem(field, byId, index)));
    return;
  }
  const { field, byId } = fieldOfEntry(metadata.entry, metadata.idKey, catalog);
  if (!field) return;
  if (field.kind === 'enum') {
    field.options.forEach((option, index) => {
      items.add({
        label: byId ? option.id : option.name,
        kind: 'enumMember',
        detail: byId ? `${option.name}: option of ${field.name}` : `Option of ${field.name}`,
        description: byId ? option.name : undefined,
        documentation: optionMarkdown(field, option),
        insertText: literalSnippet(byId ? option.id : option.name),
        filterText: byId ? `${JSON.stringify(option.id)} ${option.name}` : JSON.stringify(option.name),
        sortText: order(index),
      });
    });
  } else if (field.kind === 'datetime') {
    const time = formatUtc(now);
    items.add({
      label: time,
      kind: 'value',
      detail: 'Now, in UTC',
      documentation: `The current time as Labelbox writes date-times: ISO 8601, UTC, seconds precision.`,
      insertText: literalSnippet(time),
      filterText: JSON.stringify(time),
    });
  }
}

function fieldItem(field: MetadataField, byId: boolean, index: number): ItemFields {
  const label = byId ? field.id! : field.name;
  return {
    label,
    kind: byId ? 'reference' : 'field',
    detail: byId ? fieldSummary(field) : `${kindName(field.kind)}${field.reserved ? ', reserved' : ''}`,
    description: byId ? field.name : undefined,
    documentation: fieldMarkdown(field),
    insertText: literalSnippet(label),
    filterText: byId ? `${JSON.stringify(label)} ${field.name}` : JSON.stringify(label),
    sortText: order(index),
    deprecated: Boolean(field.deprecated),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
