import type { JsonNode, ObjectNode, StringNode } from '../../json/ast';
import { getProperty } from '../../json/ast';
import type { MetadataField } from '../../metadata/catalog';
import { boundedEditDistance, closestMatch } from '../../text/suggest';
import type { RowCheck, Span } from '../rowCheck';
import { METADATA_LISTS, SCHEMA_ID_KEY } from '../dialect';
import { checkMetadataValue } from './metadataValue';

/** Each metadata entry: which field it names, whether that field exists, and whether its value fits. */
export function checkMetadata(check: RowCheck): void {
  const idKey = SCHEMA_ID_KEY[check.dialect];
  const seen = new Map<string, Span>();
  for (const listKey of METADATA_LISTS[check.dialect]) {
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
        // Offsets only: keeping the node would keep the row's whole tree alive with the diagnostic.
        seen.set(identity, { offset: anchor.offset, length: anchor.length });
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
        reportUnknownId(check, idNode);
      }
    }
    return { field, anchor: idNode, identity: field?.id ?? id, byId: true };
  }
  if (nameNode) {
    const name = nameNode.value;
    const field = catalog.fieldByName(name);
    if (!field) reportUnknownName(check, nameNode);
    return { field, anchor: nameNode, identity: field?.id ?? field?.name ?? `name:${name}`, byId: false };
  }
  return undefined;
}

/** Ids differ by a typo or two at most; anything further is another id, not a misspelling. */
const MAX_ID_TYPOS = 2;

function reportUnknownId(check: RowCheck, idNode: StringNode): void {
  const catalog = check.context.catalog;
  const id = idNode.value;
  // A field's name where its id belongs.
  const named = catalog.fieldByName(id);
  if (named) {
    const useName = check.dialect === 'current' ? ` Write "name": ${JSON.stringify(named.name)} instead${named.id ? `, or use its id "${named.id}"` : ''}.` : named.id ? ` Its id is "${named.id}".` : '';
    // No organization names a field like a cuid, nor gives a field an id like a name: certain.
    reportUnknown(check, idNode, `"${id}" is the name of a metadata field, not a schema id.${useName}`, named.id, true);
    return;
  }
  const nearest = catalog.memo(`id:${id}`, () => {
    let found: MetadataField | undefined;
    let foundDistance = MAX_ID_TYPOS + 1;
    for (const field of catalog.fields) {
      if (!field.id) continue;
      const distance = boundedEditDistance(id, field.id, foundDistance - 1);
      if (distance < foundDistance) {
        found = field;
        foundDistance = distance;
      }
    }
    return found;
  });
  const hint = nearest ? ` Did you mean "${nearest.id}" (${nearest.name})?` : id.length === 25 ? '' : ' (schema ids are 25 characters long)';
  reportUnknown(check, idNode, `No metadata field has the schema id "${id}".${hint}`, nearest?.id);
}

function reportUnknownName(check: RowCheck, nameNode: StringNode): void {
  const catalog = check.context.catalog;
  const name = nameNode.value;
  // A field's id where its name belongs: the SDK only looks names up by name.
  const byId = catalog.fieldById(name);
  if (byId) {
    reportUnknown(check, nameNode, `"${name}" is the schema id of the field "${byId.name}", not a name. Write "schema_id": ${JSON.stringify(name)} instead, or use the name "${byId.name}".`, byId.name, true);
    return;
  }
  // An enum option's name where its field's name belongs.
  const owner = catalog.fieldWithOptionNamed(name);
  if (owner) {
    reportUnknown(check, nameNode, `"${name}" is an option of the field "${owner.name}", not a field. Write "name": ${JSON.stringify(owner.name)} and "value": ${JSON.stringify(name)}.`, owner.name);
    return;
  }
  const suggestion = catalog.memo(`name:${name}`, () => closestMatch(name, catalog.names));
  reportUnknown(check, nameNode, `No metadata field is named "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, suggestion);
}

/** @param certain the entry is wrong whatever the organization's schema says. */
function reportUnknown(check: RowCheck, node: StringNode, message: string, suggestion?: string, certain = false): void {
  const catalog = check.context.catalog;
  const known = catalog.hasOrganizationSchema;
  const source = catalog.origin.source ?? '.labelbox/metadata-schema.json';
  const explanation = certain
    ? ''
    : known
      ? `It is neither reserved nor in your organization's metadata schema (${source}).`
      : catalog.origin.problem
        ? `It is not a reserved field, and your organization's metadata schema (${source}) cannot be used: ${catalog.origin.problem}`
        : `It is not a reserved field; if it is one of your organization's custom fields, add the organization's metadata schema (${source}) to check it.`;
  check.report(node, 'unknown-metadata-field', explanation ? `${message} ${explanation}` : message, {
    // Without the organization's schema the field may well exist: the rule's default (spec §7.4).
    ...(known || certain ? { severity: 'error' as const } : {}),
    fixes: suggestion ? [{ kind: 'replace', title: `Change to "${suggestion}"`, text: JSON.stringify(suggestion) }] : [],
  });
}

function stringNode(node: JsonNode | undefined): StringNode | undefined {
  return node?.type === 'string' ? node : undefined;
}
