import type { MetadataField, MetadataKind, MetadataOption } from '../metadata/catalog';
import { codeSpan, escapeMarkdown } from '../text/markdown';

/** Markdown about metadata fields and their options, for completion and hover. */

const KIND_NAMES: Record<MetadataKind, string> = {
  string: 'String',
  number: 'Number',
  datetime: 'DateTime',
  enum: 'Enum',
  embedding: 'Embedding',
};

/** What a value of each kind looks like in an import file. */
const KIND_VALUES: Record<MetadataKind, string> = {
  string: 'a string of at most 4,096 characters',
  number: 'a JSON number',
  datetime: 'an ISO 8601 date-time in UTC, such as `"2024-05-02T07:45:10Z"`',
  enum: 'one of its options',
  embedding: 'an array of 128 numbers',
};

export function kindName(kind: MetadataKind): string {
  return KIND_NAMES[kind];
}

/** "split (Enum)": how a field is named in lists. */
export function fieldSummary(field: MetadataField): string {
  return `${field.name} (${kindName(field.kind)})`;
}

/** How many options to list before "and N more". */
const LISTED_OPTIONS = 20;

export function fieldMarkdown(field: MetadataField): string {
  const lines = [
    `**${escapeMarkdown(field.name)}**: ${kindName(field.kind)} metadata field, ${field.reserved ? 'reserved by Labelbox' : "from your organization's metadata schema"}.`,
  ];
  if (field.deprecated) lines.push(`**Deprecated.** ${escapeMarkdown(field.deprecated)}`);
  if (field.description) lines.push(escapeMarkdown(field.description));
  lines.push(field.id ? `Schema id: ${codeSpan(field.id)}` : 'Its schema id is not published: refer to it by `name`.');
  lines.push(
    field.kind === 'enum'
      ? `Value: ${KIND_VALUES.enum}: its name when the entry gives the field by \`name\`, its id when the entry gives the field's schema id.`
      : `Value: ${KIND_VALUES[field.kind]}.`,
  );
  if (field.options.length) lines.push(optionList(field.options));
  return lines.join('\n\n');
}

export function optionList(options: readonly MetadataOption[]): string {
  const listed = options.slice(0, LISTED_OPTIONS).map((option) => `- ${codeSpan(option.name)}: ${codeSpan(option.id)}`);
  if (options.length > LISTED_OPTIONS) listed.push(`- … and ${options.length - LISTED_OPTIONS} more`);
  return `Options:\n${listed.join('\n')}`;
}

export function optionMarkdown(field: MetadataField, option: MetadataOption): string {
  return `**${escapeMarkdown(option.name)}**: option of the ${kindName(field.kind)} field **${escapeMarkdown(field.name)}**.\n\nOption id: ${codeSpan(option.id)}`;
}
