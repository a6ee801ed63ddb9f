import type { JsonNode, ObjectNode, StringNode } from '../../json/ast';
import { getProperty } from '../../json/ast';
import type { MetadataField } from '../../metadata/catalog';
import { closestMatch } from '../../text/suggest';
import type { RowCheck, Span } from '../rowCheck';
import { checkMetadataValue } from './metadataValue';

/** Each metadata entry: which field it names, whether that field exists, and whether its value fits. */
export function checkMetadata(check: RowCheck): void {
  const lists = check.dialect === 'current' ? ['metadata_fields', 'metadata'] : ['metadataFields'];
  const idKey = check.dialect === 'current' ? 'schema_id' : 'schemaId';
  const seen = new Map<string, Span>();
  for (const listKey of lists) {
    const list = check.property(listKey)?.value;
    if (list?.type !== 'array') continue;
    for (const entry of list.items) {
      if (entry.type !== 'object') continue;
      const resolved = resolveField(check, entry, idKey);
      if (!resolved) continue;
      const { field, anchor, identity, byId } = resolved;
      const first = seen.get(identity);
      if (first) {
        check.report(anchor, 'duplicate-metadata-field', `The metadata field ${field ? `"${field.name}"` : JSON.stringify(identity)} is already set in this row. Labelbox fails the whole row when a field appears twice.`, {
          related: [{ offset: first.offset, length: first.length, message: 'First set here' }],
        });
      } else {
        seen.set(identity, anchor);
      }
      if (!field) continue;
      if (field.deprecated) check.report(anchor, 'deprecated-metadata-field', field.deprecated);
      const value = getProperty(entry, 'value')?.value;
      if (value) checkMetadataValue(check, field, value, byId);
    }
  }
}

interface ResolvedEntry {
  field: MetadataField | undefined;
  anchor: StringNode;
  /** What makes two entries the same field. */
  identity: string;
  byId: boolean;
}

function resolveField(check: RowCheck, entry: ObjectNode, idKey: string): ResolvedEntry | undefined {
  const catalog = check.context.catalog;
  const idNode = stringNode(getProperty(entry, idKey)?.value);
  const nameNode = check.dialect === 'current' ? stringNode(getProperty(entry, 'name')?.value) : undefined;
  // The SDK looks at schema_id first and only falls back to the name.
  if (idNode) {
    const id = idNode.value;
    const field = catalog.fieldById(id);
    if (!field) {
      const option = catalog.optionById(id);
      if (option) {
        check.report(idNode, 'invalid-metadata-value', `This is the id of the option "${option.option.name}" of the field "${option.field.name}", not of a field. Put the field's id in ${idKey} and the option's id in value.`, {
          fixes: option.field.id ? [{ kind: 'replace', title: `Use the id of "${option.field.name}"`, text: JSON.stringify(option.field.id) }] : [],
        });
      } else {
        reportUnknown(check, idNode, `No metadata field has the schema id "${id}"${id.length === 25 ? '' : ' (schema ids are 25 characters long)'}.`);
      }
    }
    return { field, anchor: idNode, identity: field?.id ?? id, byId: true };
  }
  if (nameNode) {
    const name = nameNode.value;
    const field = catalog.fieldByName(name);
    if (!field) {
      const suggestion = closestMatch(name, catalog.names);
      reportUnknown(check, nameNode, `No metadata field is named "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, suggestion);
    }
    return { field, anchor: nameNode, identity: field?.id ?? field?.name ?? `name:${name}`, byId: false };
  }
  return undefined;
}

function reportUnknown(check: RowCheck, node: StringNode, message: string, suggestion?: string): void {
  const known = check.context.catalog.hasOrganizationSchema;
  check.report(
    node,
    'unknown-metadata-field',
    known
      ? `${message} It is neither reserved nor in your organization's metadata schema.`
      : `${message} It is not a reserved field; if it is one of your organization's custom fields, add the organization's metadata schema (.labelbox/metadata-schema.json) to check it.`,
    {
      // Without the organization's schema the field may well exist: the rule's default (a warning, spec §7.4).
      ...(known ? { severity: 'error' as const } : {}),
      fixes: suggestion ? [{ kind: 'replace', title: `Change to "${suggestion}"`, text: JSON.stringify(suggestion) }] : [],
    },
  );
}

function stringNode(node: JsonNode | undefined): StringNode | undefined {
  return node?.type === 'string' ? node : undefined;
}
