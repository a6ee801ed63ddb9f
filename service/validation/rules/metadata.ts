import { DEFAULT_METADATA_SCHEMA_PATH } from '../../../common/metadataSchema/schemaFile';
import type { JsonNode, ObjectNode, StringNode } from '../../json/ast';
import { getProperty, stringProperty } from '../../json/ast';
import type { MetadataField } from '../../metadata/catalog';
import { boundedEditDistance, closestMatch } from '../../text/suggest';
import type { RowCheck, Span } from '../rowCheck';
import { METADATA_LISTS, SCHEMA_ID_KEY } from '../dialect';
import { checkMetadataValue, optionIdentity } from './metadataValue';
import { metadataIsClean } from './cleanMetadata';

/** Each metadata entry: which field it names, whether that field exists, and whether its value fits. */
export function checkMetadata(check: RowCheck): void {
  // Only on a tree over the parsed value: a tree with positions may hold a key without a value
  // (a syntax error), which the row's plain value leaves out, so the two could disagree.
  if (check.onParsedValue && metadataIsClean(check.value, check.dialect, check.context.catalog)) return;
  reportMetadataOnTree(check);
}

/** checkMetadata on the row's nodes: the one place that decides and words each problem. */
export function reportMetadataOnTree(check: RowCheck): void {
  const idKey = SCHEMA_ID_KEY[check.dialect];
  const seen = new Map<string, FirstUse>();
  for (const listKey of METADATA_LISTS[check.dialect]) {
    const list = check.property(listKey)?.value;
    if (list?.type !== 'array') continue;
    for (const entry of list.items) {
      if (entry.type !== 'object') continue;
      const resolved = resolveField(check, entry, idKey);
      if (!resolved) continue;
      const { field, byId } = resolved;
      const value = getProperty(entry, 'value')?.value;
      checkRepeat(check, seen, resolved, value);
      if (!field) continue;
      if (field.deprecated) check.report(anchorOf(resolved), 'deprecated-metadata-field', field.deprecated);
      if (value) checkMetadataValue(check, field, value, byId);
    }
  }
}

/** Where a field is first set in the row, and the enum options given for it so far. */
interface FirstUse {
  /** Found only for a repeat: most fields are set once. */
  where: ResolvedEntry;
  /** Made when a second option is given: most fields are set once. */
  options: Set<string> | undefined;
  firstOption: string | undefined;
}

/**
 * A field set twice in one row. Observed: a text field twice fails the row ("A schemaId can
 * only be specified once per DataRow for CustomMetadataString"); the docs allow several options
 * of an enum. Number and date-time fields twice, and one option twice, are not observed.
 */
function checkRepeat(check: RowCheck, seen: Map<string, FirstUse>, resolved: ResolvedEntry, value: JsonNode | undefined): void {
  const { field, identity } = resolved;
  const option = field?.kind === 'enum' && value?.type === 'string' ? optionIdentity(field, value.value) : undefined;
  const first = seen.get(identity);
  if (!first) {
    seen.set(identity, { where: resolved, options: undefined, firstOption: option });
    return;
  }
  const anchor = anchorOf(resolved);
  // Offsets only (report copies them): keeping the node would keep the row's whole tree alive with the diagnostic.
  const firstAnchor: Span = anchorOf(first.where);
  const related = [{ offset: firstAnchor.offset, length: firstAnchor.length, message: 'First set here' }];
  const name = field ? `"${field.name}"` : JSON.stringify(identity.replace(/^name:/, ''));
  if (field?.kind === 'enum') {
    if (option === undefined || !hasOption(first, option)) {
      if (option !== undefined) (first.options ??= new Set(first.firstOption === undefined ? [] : [first.firstOption])).add(option);
      return; // several options of one enum field can be imported
    }
    check.report(
      anchor,
      'duplicate-metadata-field',
      `The enum field ${name} gets the same option twice in this row. Several options are fine; whether Labelbox accepts one option twice is not confirmed.`,
      { related, severity: 'warning' },
    );
  } else if (field?.kind === 'string') {
    check.report(
      anchor,
      'duplicate-metadata-field',
      `The text field ${name} is already set in this row. Labelbox fails the whole row when a text field appears twice ("A schemaId can only be specified once per DataRow").`,
      { related },
    );
  } else {
    const what = field ? `The ${kindName(field.kind)} field ${name} is already set in this row.` : `The field ${name} is already set in this row.`;
    const why = field
      ? ' Labelbox fails a row that sets a text field twice; for this kind it is expected to do the same (not observed).'
      : ' If it is a text, number or date-time field, Labelbox fails the whole row; several options of an enum field are fine.';
    check.report(anchor, 'duplicate-metadata-field', what + why, { related, severity: 'warning' });
  }
}

function hasOption(first: FirstUse, option: string): boolean {
  return first.options ? first.options.has(option) : first.firstOption === option;
}

function kindName(kind: MetadataField['kind']): string {
  return kind === 'datetime' ? 'date-time' : kind;
}

interface ResolvedEntry {
  field: MetadataField | undefined;
  /** The entry, and the key of the string that names its field (schema id or name): where problems with the field are shown. */
  entry: ObjectNode;
  anchorKey: string;
  /** What makes two entries the same field. */
  identity: string;
  byId: boolean;
}

/** The string node naming the entry's field. */
function anchorOf(resolved: ResolvedEntry): StringNode {
  return getProperty(resolved.entry, resolved.anchorKey)!.value as StringNode;
}

/** The entry's field, by schema id or name; its strings are read without making nodes, which only a problem needs. */
function resolveField(check: RowCheck, entry: ObjectNode, idKey: string): ResolvedEntry | undefined {
  const catalog = check.context.catalog;
  const id = stringProperty(entry, idKey);
  // The SDK looks at schema_id first and only falls back to the name.
  if (id !== undefined) {
    const field = catalog.fieldById(id);
    if (!field) {
      const idNode = getProperty(entry, idKey)!.value as StringNode;
      const option = catalog.optionById(id);
      if (option) {
        check.report(
          idNode,
          'invalid-metadata-value',
          `This is the id of the option "${option.option.name}" of the field "${option.field.name}", not of a field. Put the field's id in ${idKey} and the option's id in value.`,
          {
            fixes: option.field.id ? [{ kind: 'replace', title: `Use the id of "${option.field.name}"`, text: JSON.stringify(option.field.id) }] : [],
          },
        );
      } else {
        reportUnknownId(check, idNode);
      }
    }
    return { field, entry, anchorKey: idKey, identity: field?.id ?? id, byId: true };
  }
  const name = check.dialect === 'current' ? stringProperty(entry, 'name') : undefined;
  if (name !== undefined) {
    const field = catalog.fieldByName(name);
    if (!field) reportUnknownName(check, getProperty(entry, 'name')!.value as StringNode);
    return { field, entry, anchorKey: 'name', identity: field?.id ?? field?.name ?? `name:${name}`, byId: false };
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
    const useName =
      check.dialect === 'current'
        ? ` Write "name": ${JSON.stringify(named.name)} instead${named.id ? `, or use its id "${named.id}"` : ''}.`
        : named.id
          ? ` Its id is "${named.id}".`
          : '';
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
    reportUnknown(
      check,
      nameNode,
      `"${name}" is the schema id of the field "${byId.name}", not a name. Write "schema_id": ${JSON.stringify(name)} instead, or use the name "${byId.name}".`,
      byId.name,
      true,
    );
    return;
  }
  // An enum option's name where its field's name belongs.
  const owner = catalog.fieldWithOptionNamed(name);
  if (owner) {
    reportUnknown(
      check,
      nameNode,
      `"${name}" is an option of the field "${owner.name}", not a field. Write "name": ${JSON.stringify(owner.name)} and "value": ${JSON.stringify(name)}.`,
      owner.name,
    );
    return;
  }
  const suggestion = catalog.memo(`name:${name}`, () => closestMatch(name, catalog.names));
  reportUnknown(check, nameNode, `No metadata field is named "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, suggestion);
}

/** @param certain the entry is wrong whatever the organization's schema says. */
function reportUnknown(check: RowCheck, node: StringNode, message: string, suggestion?: string, certain = false): void {
  const catalog = check.context.catalog;
  const known = catalog.hasOrganizationSchema;
  const source = catalog.origin.source ?? DEFAULT_METADATA_SCHEMA_PATH;
  const explanation = certain
    ? ''
    : known
      ? `It is neither reserved nor in your organization's metadata schema (${source}).`
      : catalog.origin.problem
        ? `It is not a reserved field, and your organization's metadata schema (${source}) cannot be used: ${catalog.origin.problem}`
        : `It is not a reserved field; if it is one of your organization's custom fields, add the organization's metadata schema (${source}) to check it.`;
  check.report(node, 'unknown-metadata-field', explanation ? `${message} ${explanation}` : message, {
    // Without the organization's schema the field may well exist: the rule's default (CONTRIBUTING.md, "Severity policy").
    ...(known || certain ? { severity: 'error' as const } : {}),
    fixes: suggestion ? [{ kind: 'replace', title: `Change to "${suggestion}"`, text: JSON.stringify(suggestion) }] : [],
  });
}
