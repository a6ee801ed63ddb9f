import type { ImportDocument } from '../document/importDocument';
import { findNodeAtOffset, getNodePath, propertyOfKey, type JsonNode, type StringNode } from '../json/ast';
import type { MetadataCatalog } from '../metadata/catalog';
import { enumValueDocumentation, schemaAt, schemaDocumentation, type SchemaLocation } from '../schema/schemaNavigator';
import { detectDialect } from '../validation/dialect';
import type { ValidationContext } from '../validation/validationContext';
import { codeSpan, escapeMarkdown } from '../text/markdown';
import { fieldMarkdown, optionMarkdown } from '../featureHelpers/metadataDocs';
import { fieldOfEntry, isImageUrlPlace, metadataPlace, type MetadataPlace } from '../featureHelpers/rowPlaces';
import { imageMarkdown, webImages, type ImageResolver } from '../featureHelpers/imageMarkdown';
import { readSignedUrlExpiry, SIGNED_URL_FORM_NAMES } from '../../common/signedUrls';
import { EXPIRY_PARAMETERS, utcText } from '../document/signedUrlDiagnostics';

/**
 * Hover in an import file: a key's documentation from the schema with its allowed values,
 * an enum value's meaning, the metadata field behind a schema id or name, the option behind
 * an option id, a thumbnail of an image URL, and when a signed URL expires. Works on the row
 * under the cursor only.
 */

export interface HoverResult {
  /** Markdown. */
  contents: string;
  /** The hovered node (absolute offsets). */
  offset: number;
  length: number;
}

/** `images` decides where an image URL's thumbnail comes from (by default, from the web). */
export function doHover(document: ImportDocument, offset: number, context: ValidationContext, images: ImageResolver = webImages): HoverResult | undefined {
  const index = document.rowIndexAt(offset);
  if (index < 0) return undefined;
  const start = document.rows[index].start;
  const row = document.rowTree(index);
  if (!row) return undefined;
  const rel = offset - start;
  const node = findNodeAtOffset(row, rel);
  // Only leaves are described, and only when the cursor is on one of their characters.
  if (!node || node.type === 'object' || node.type === 'array' || rel >= node.offset + node.length) return undefined;
  const about = describe(row, node, context.catalog, images);
  const expiry = node.type === 'string' ? signedUrlNote(node.value) : undefined;
  const contents = [about, expiry].filter(Boolean).join('\n\n');
  return contents ? { contents, offset: start + node.offset, length: node.length } : undefined;
}

/** When a signed URL stops working, read from the URL (the problems say whether that moment has passed). */
function signedUrlNote(value: string): string | undefined {
  if (!value.includes('?')) return undefined;
  const validity = readSignedUrlExpiry(value);
  if (!validity || !('expiresAt' in validity)) return undefined;
  return `${escapeMarkdown(SIGNED_URL_FORM_NAMES[validity.form])}: valid until **${utcText(validity.expiresAt)}** (its ${codeSpan(EXPIRY_PARAMETERS[validity.form])}).`;
}

function describe(row: JsonNode, node: Exclude<JsonNode, { type: 'object' | 'array' }>, catalog: MetadataCatalog, images: ImageResolver): string | undefined {
  const dialect = row.type === 'object' ? detectDialect(row) : 'current';
  const key = propertyOfKey(node);
  const path = getNodePath(node);
  if (key) {
    const location = schemaAt(row, path);
    return location ? keyMarkdown(location) : undefined;
  }
  const metadata = metadataPlace(row, path, dialect);
  if (metadata && node.type === 'string') {
    const about = metadataMarkdown(metadata, node, catalog);
    if (about) return about;
  }
  if (node.type === 'string' && isImageUrlPlace(row, path, dialect, node.value)) {
    const image = imageMarkdown(node.value, images);
    if (image) return image;
  }
  const location = schemaAt(row, path);
  if (!location) return undefined;
  for (const branch of location.branches) {
    const about = enumValueDocumentation(branch, node.value);
    if (about) return `${codeSpan(JSON.stringify(node.value))}: ${about}`;
  }
  return schemaDocumentation(location.declared) || undefined;
}

/** A key's documentation, with the values it allows when the schema lists them. */
function keyMarkdown(location: SchemaLocation): string | undefined {
  const parts: string[] = [];
  const documentation = schemaDocumentation(location.declared);
  if (documentation) parts.push(documentation);
  else if (location.declared.title) parts.push(`**${escapeMarkdown(location.declared.title)}**`);
  const allowed: string[] = [];
  for (const branch of location.branches) {
    branch.enum?.forEach((value, i) => {
      const about = branch.markdownEnumDescriptions?.[i] ?? branch.enumDescriptions?.[i];
      allowed.push(`- ${codeSpan(JSON.stringify(value))}${about ? `: ${about}` : ''}`);
    });
  }
  if (allowed.length) parts.push(`Allowed values:\n${allowed.join('\n')}`);
  return parts.length ? parts.join('\n\n') : undefined;
}

function metadataMarkdown(metadata: MetadataPlace, node: StringNode, catalog: MetadataCatalog): string | undefined {
  const text = node.value;
  switch (metadata.part) {
    case 'schemaId': {
      const field = catalog.fieldById(text);
      if (field) return fieldMarkdown(field);
      const option = catalog.optionById(text);
      if (option) {
        return `${optionMarkdown(option.field, option.option)}\n\nThis is an option's id, not a field's: put the field's id${option.field.id ? ` (${codeSpan(option.field.id)})` : ''} in ${codeSpan(metadata.idKey)} and this id in \`value\`.`;
      }
      return `No ${catalog.hasOrganizationSchema ? 'known' : 'reserved'} metadata field has the schema id ${codeSpan(text)}.${unknownFieldNote(catalog)}`;
    }
    case 'name': {
      const field = catalog.fieldByName(text);
      if (field) return fieldMarkdown(field);
      return `No ${catalog.hasOrganizationSchema ? 'known' : 'reserved'} metadata field is named ${codeSpan(text)}.${unknownFieldNote(catalog)}`;
    }
    case 'value': {
      const { field } = fieldOfEntry(metadata.entry, metadata.idKey, catalog);
      if (field?.kind !== 'enum') return undefined;
      const option = field.options.find((candidate) => candidate.id === text) ?? field.options.find((candidate) => candidate.name === text);
      return option ? optionMarkdown(field, option) : undefined;
    }
  }
}

function unknownFieldNote(catalog: MetadataCatalog): string {
  return catalog.hasOrganizationSchema ? '' : " Your organization's custom fields are known once its metadata schema is added to the workspace.";
}
