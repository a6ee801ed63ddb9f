import type { ErrorObject } from 'ajv';
import { getProperty, type JsonNode, type JsonPathSegment, type ObjectNode } from '../json/ast';
import type { FixData } from '../diagnostic';
import type { RuleCode, Severity } from '../rules';
import { tableOf } from '../../common/ownKeys';
import { closestMatch, listWords } from '../text/suggest';
import { ASSET_KEYS } from './dialect';
import { objectAnchor, type RowCheck } from './rowCheck';
import { schemaProblemSeverity } from './schemaErrorSeverity';
import { KEYS_NOT_OFFERED } from './rules/ignoredFields';
import { ATTACHMENT_TYPES_EXPLAINED_BY_RULE, MEDIA_TYPES_EXPLAINED_BY_RULE } from './valuesExplainedByRules';
import { formatCount } from '../../common/formatCount';

/**
 * Turns ajv's errors into diagnostics placed in the text. Ajv reports no positions, so each
 * error's instancePath is walked down the row's tree: unknown properties are underlined on
 * their key, wrong values on the value, missing properties on the object's key or brace.
 */

/**
 * Enum values a rule explains better than "unknown value" (deprecated or docs-only values,
 * renamed ones). The schema leaves them out so that editors never suggest them.
 */
function enumValuesLeftToRules(schemaPath: string): readonly string[] | undefined {
  switch (schemaPath) {
    case '#/definitions/mediaType/enum':
      return MEDIA_TYPES_EXPLAINED_BY_RULE;
    case '#/definitions/attachment/properties/type/enum':
      return ATTACHMENT_TYPES_EXPLAINED_BY_RULE;
    default:
      return undefined;
  }
}

/** Rule codes for schema errors that have a rule of their own. */
function codeFor(error: ErrorObject, path: readonly JsonPathSegment[]): RuleCode {
  const last = path[path.length - 1];
  switch (error.keyword) {
    case 'additionalProperties':
      return 'unknown-property';
    case 'required':
      // Only the row itself has an asset; inside row_data a missing tileLayerUrl is a missing property.
      return path.length === 0 && ASSET_KEYS.includes(error.params.missingProperty as string) ? 'missing-asset' : 'missing-property';
    case 'type':
      return 'invalid-type';
    case 'maxLength':
      return (last === 'global_key' || last === 'globalKey') && path.length === 1 ? 'global-key-too-long' : 'invalid-value';
    default:
      return 'invalid-value';
  }
}

interface SchemaWithTitle {
  title?: string;
  properties?: Record<string, unknown>;
}

function describeType(type: string): string {
  switch (type) {
    case 'object':
    case 'array':
    case 'integer':
      return `an ${type}`;
    default:
      return `a ${type}`;
  }
}

function typeOfNode(node: JsonNode | undefined): string {
  if (!node) return 'missing';
  if (node.type === 'number') {
    // 1e400 is valid JSON, but no reader holds it: JavaScript and Python read it as infinity.
    if (!Number.isFinite(node.value)) return 'a number too large to be read (it becomes infinity)';
    return node.isInteger ? 'an integer' : 'a number';
  }
  return node.type === 'null' ? 'null' : describeType(node.type);
}

/** A name for the thing at `path`, for messages: the schema's title, else the key. */
function nounFor(error: ErrorObject, path: readonly JsonPathSegment[]): string {
  const title = (error.parentSchema as SchemaWithTitle | undefined)?.title;
  if (title) return title;
  return describePath(path) || 'the value';
}

/** `attachments[2].value`, as a person would write it. */
export function describePath(path: readonly JsonPathSegment[]): string {
  let text = '';
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : text ? `.${segment}` : segment;
  return text;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to be read';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Decodes a JSON pointer, using the tree to tell array indexes from property names, and
 * returns the node it points at on the way (undefined when the tree has no such node).
 */
function decodePointer(root: JsonNode, pointer: string): { path: JsonPathSegment[]; node: JsonNode | undefined } {
  const path: JsonPathSegment[] = [];
  let node: JsonNode | undefined = root;
  if (!pointer) return { path, node };
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.type === 'array') {
      const index = Number(segment);
      path.push(index);
      node = node.items[index];
    } else {
      path.push(segment);
      node = node?.type === 'object' ? getProperty(node, segment)?.value : undefined;
    }
  }
  return { path, node };
}

/**
 * A key in `node` that is not one of `known` but looks like a misspelling of `missing`
 * (`rowData` for `row_data`). Its unknown-property problem already says "Did you mean …?",
 * so the missing key is not reported a second time.
 */
function misspeltAs(node: ObjectNode, missing: readonly string[], known: readonly string[]): boolean {
  return node.properties.some((property) => {
    const key = property.key.value;
    if (known.includes(key)) return false;
    const suggestion = closestMatch(key, known);
    return suggestion !== undefined && missing.includes(suggestion);
  });
}

function knownKeys(error: ErrorObject): string[] {
  return Object.keys((error.parentSchema as SchemaWithTitle | undefined)?.properties ?? {});
}

/**
 * Reports `errors`, found by validating `root` (a subtree of the row at `basePath`), to `check`.
 */
export function reportSchemaErrors(errors: readonly ErrorObject[], root: JsonNode, basePath: readonly JsonPathSegment[], check: RowCheck): void {
  // anyOf branches that each only require a key ("needs imageUrl or videoUrl or …") become one problem.
  const combined = new Set<ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    const prefix = `${error.schemaPath}/`;
    const branches = errors.filter((other) => other.instancePath === error.instancePath && other.schemaPath.startsWith(prefix));
    if (branches.length && branches.every((branch) => branch.keyword === 'required')) {
      combined.add(error);
      for (const branch of branches) combined.add(branch);
      const { path: localPath, node } = decodePointer(root, error.instancePath);
      if (node?.type !== 'object') continue;
      const keys = branches.map((branch) => String(branch.params.missingProperty));
      if (misspeltAs(node, keys, knownKeys(error))) continue;
      const path = [...basePath, ...localPath];
      const noun = (error.parentSchema as SchemaWithTitle | undefined)?.title ?? (describePath(path) || 'this object');
      const isAsset = path.length === 0 && keys.some((key) => ASSET_KEYS.includes(key));
      check.report(
        objectAnchor(node),
        isAsset ? 'missing-asset' : 'missing-property',
        isAsset
          ? `This ${noun} has no asset: add one of ${listWords(keys.map((key) => `"${key}"`))}.`
          : `This ${noun} needs ${listWords(keys.map((key) => `"${key}"`))}.`,
        { severity: schemaProblemSeverity(error.keyword, path) },
      );
    }
  }

  // A value of the wrong type is reported once, as a type error, not again as a wrong enum or const value.
  const wrongType = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  for (const error of errors) {
    if (combined.has(error)) continue;
    if ((error.keyword === 'enum' || error.keyword === 'const') && wrongType.has(error.instancePath)) continue;
    const { path: localPath, node } = decodePointer(root, error.instancePath);
    if (!node) continue;
    const path = [...basePath, ...localPath];
    reportOne(error, node, path, check);
  }
}

function reportOne(error: ErrorObject, node: JsonNode, path: readonly JsonPathSegment[], check: RowCheck): void {
  const code = codeFor(error, path);
  const noun = nounFor(error, path);
  const severity = schemaProblemSeverity(error.keyword, path);
  switch (error.keyword) {
    case 'additionalProperties':
      reportUnknownProperty(error, node, path, check, code, severity);
      return;
    case 'required':
      reportMissingProperty(error, node, check, code, severity);
      return;
    case 'type': {
      const expected = ([] as string[]).concat(error.params.type as string | string[]).map(describeType);
      check.report(node, code, `${capitalize(noun)} must be ${listWords(expected)}, not ${typeOfNode(node)}.`, { severity });
      return;
    }
    case 'enum':
      reportUnknownValue(error, node, check, code, noun, severity);
      return;
    case 'const': {
      const allowed = error.params.allowedValue as unknown;
      check.report(node, code, `${capitalize(noun)} must be ${formatValue(allowed)}.`, {
        fixes: [{ kind: 'replace', title: `Change to ${formatValue(allowed)}`, text: JSON.stringify(allowed) }],
        severity,
      });
      return;
    }
    case 'minLength': {
      const limit = Number(error.params.limit);
      check.report(node, code, limit === 1 ? `${capitalize(noun)} must not be empty.` : `${capitalize(noun)} must have at least ${limit} characters.`, {
        severity,
      });
      return;
    }
    case 'maxLength': {
      const length = typeof (node as { value?: unknown }).value === 'string' ? (node as { value: string }).value.length : 0;
      check.report(node, code, `${capitalize(noun)} is too long: ${formatCount(length)} characters, at most ${formatCount(Number(error.params.limit))}.`, {
        severity,
      });
      return;
    }
    case 'minItems':
    case 'maxItems': {
      const count = node.type === 'array' ? node.items.length : 0;
      const limit = Number(error.params.limit);
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      const exact = error.parentSchema as { minItems?: number; maxItems?: number };
      const wording = exact.minItems === exact.maxItems ? `exactly ${limit}` : `${bound} ${formatCount(limit)}`;
      check.report(node, code, `${capitalize(noun)} must have ${wording} item${limit === 1 ? '' : 's'}, not ${formatCount(count)}.`, { severity });
      return;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      check.report(
        node,
        code,
        `${capitalize(noun)} must be ${COMPARISON_WORDS.get(String(error.params.comparison)) ?? error.params.comparison} ${error.params.limit}, not ${formatValue((node as { value?: unknown }).value)}.`,
        { severity },
      );
      return;
    case 'anyOf':
    case 'oneOf':
      check.report(node, code, `${capitalize(noun)} does not have any of the allowed forms.`, { severity });
      return;
    default:
      check.report(node, code, `${capitalize(noun)} ${error.message ?? 'is not valid'}.`, { severity });
  }
}

/** An unknown key: underlined on the key, with a rename to the known key it resembles and a removal. */
function reportUnknownProperty(
  error: ErrorObject,
  node: JsonNode,
  path: readonly JsonPathSegment[],
  check: RowCheck,
  code: RuleCode,
  severity: Severity,
): void {
  if (node.type !== 'object') return;
  const key = String(error.params.additionalProperty);
  const property = getProperty(node, key);
  if (!property || check.isReported(property.key)) return;
  // A row's keys that raise a problem of their own (uid, dataset_id, …) are not suggested.
  const known = path.length === 0 ? knownKeys(error).filter((name) => !KEYS_NOT_OFFERED.has(name)) : knownKeys(error);
  const suggestion = closestMatch(key, known);
  const fixes: FixData[] = [];
  if (suggestion && !getProperty(node, suggestion)) {
    fixes.push({ kind: 'replace', title: `Rename to "${suggestion}"`, text: JSON.stringify(suggestion) });
  }
  fixes.push({ kind: 'removeProperty', title: `Remove "${key}"` });
  const where = (error.parentSchema as SchemaWithTitle).title;
  check.reportKey(
    property,
    code,
    `Unknown property "${key}"${where ? ` in ${articleFor(where)} ${where}` : ''}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}${severity === 'error' ? '' : unknownKeyNote(path)}`,
    { fixes, severity },
  );
}

/** A missing key, on the object's key or brace, unless a key there looks like a misspelling of it. */
function reportMissingProperty(error: ErrorObject, node: JsonNode, check: RowCheck, code: RuleCode, severity: Severity): void {
  if (node.type !== 'object') return;
  const key = String(error.params.missingProperty);
  // The key is there but its value could not be parsed: the syntax error says enough.
  if (getProperty(node, key)) return;
  if (misspeltAs(node, [key], knownKeys(error))) return;
  const where = (error.parentSchema as SchemaWithTitle).title ?? 'object';
  check.report(
    objectAnchor(node),
    code,
    code === 'missing-asset' ? `This ${where} has no asset: add "${key}".` : `Missing property "${key}" in this ${where}.`,
    { severity },
  );
}

/** A value outside an enum, unless a rule explains it better; with the allowed value it resembles. */
function reportUnknownValue(error: ErrorObject, node: JsonNode, check: RowCheck, code: RuleCode, noun: string, severity: Severity): void {
  const allowed = (error.params.allowedValues as unknown[]).map((value) => String(value));
  const value = (node as { value?: unknown }).value;
  if (typeof value === 'string' && enumValuesLeftToRules(error.schemaPath)?.includes(value)) return;
  const suggestion = typeof value === 'string' ? closestMatch(value, allowed) : undefined;
  const fixes: FixData[] | undefined = suggestion ? [{ kind: 'replace', title: `Change to "${suggestion}"`, text: JSON.stringify(suggestion) }] : undefined;
  check.report(
    node,
    code,
    `Unknown ${noun} ${formatValue(value)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Expected one of ${allowed.join(', ')}.`,
    { fixes, severity },
  );
}

/** Objects whose extra keys the SDK drops or passes on without complaint: not rejected on its path. */
const IGNORED_BY_SDK = new Set(['attachments', 'info', 'metadata_fields', 'embeddings']);

/** Why an unknown key nested in a row is a warning, not an error. */
function unknownKeyNote(path: readonly JsonPathSegment[]): string {
  return typeof path[0] === 'string' && IGNORED_BY_SDK.has(path[0])
    ? " Labelbox's SDK does not reject extra keys here; whether the web app's upload ignores them too is not confirmed."
    : " Labelbox's docs do not list it here; it may be ignored or rejected.";
}

const COMPARISON_WORDS = tableOf({ '<=': 'at most', '>=': 'at least', '<': 'less than', '>': 'greater than' });

function articleFor(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}
