import { ownParsedValue } from '../../../common/ownKeys';
import type { JsonValue, StringNode } from '../../json/ast';
import type { Dialect, RowCheck } from '../rowCheck';
import { GLOBAL_KEY } from '../dialect';

/** Characters the docs allow in a global key, besides letters and digits. */
export const ALLOWED = /[A-Za-z0-9!_.*'()&$@=;/:+,? -]/;
const ALL_ALLOWED = /^[A-Za-z0-9!_.*'()&$@=;/:+,? -]*$/;

/** The row's global key node (either format), when it is a string. */
export function globalKeyNode(check: RowCheck): StringNode | undefined {
  // A legacy conversationalData row may carry global_key: the SDK converts the row and keeps it.
  const node = check.property(GLOBAL_KEY[check.dialect])?.value ?? (check.dialect === 'legacy' ? check.property('global_key')?.value : undefined);
  return node?.type === 'string' ? node : undefined;
}

/** Characters and spacing of the global key; a current row with only an external id gets a hint. */
export function checkGlobalKey(check: RowCheck): void {
  // Only on a tree over the parsed value: a tree with positions may hold a key without a value
  // (a syntax error), which the row's plain value leaves out, so the two could disagree.
  if (check.onParsedValue && globalKeyIsClean(check.value, check.dialect)) return;
  reportGlobalKeyOnTree(check);
}

/**
 * Whether checkGlobalKey certainly reports nothing, read from the row's plain value without
 * making nodes: a key of allowed characters with no space at either end and no two in a row,
 * or no key and nothing to hint. Anything else is decided on the nodes.
 */
function globalKeyIsClean(row: { readonly [key: string]: JsonValue }, dialect: Dialect): boolean {
  const key = ownParsedValue(row, GLOBAL_KEY[dialect]) ?? (dialect === 'legacy' ? ownParsedValue(row, 'global_key') : undefined);
  if (typeof key !== 'string')
    return dialect !== 'current' || ownParsedValue(row, 'external_id') === undefined || ownParsedValue(row, 'global_key') !== undefined;
  // Allowed characters hold no whitespace but the space.
  return ALL_ALLOWED.test(key) && key.charCodeAt(0) !== SPACE && key.charCodeAt(key.length - 1) !== SPACE && !key.includes('  ');
}

const SPACE = 0x20;

/** checkGlobalKey on the row's nodes: the one place that decides and words each problem. */
export function reportGlobalKeyOnTree(check: RowCheck): void {
  const node = globalKeyNode(check);
  if (!node) {
    const externalId = check.dialect === 'current' ? check.property('external_id') : undefined;
    if (externalId && !check.property('global_key')) {
      check.report(
        externalId.key,
        'missing-global-key',
        'This row has an external_id but no global_key. Global keys are unique across your organization and are the recommended way to find and update data rows.',
      );
    }
    return;
  }
  const key = node.value;
  if (!key) return; // the schema reports an empty key
  const bad = ALL_ALLOWED.test(key) ? [] : [...new Set([...key].filter((ch) => !ALLOWED.test(ch)))];
  if (bad.length) {
    check.report(
      node,
      'global-key-characters',
      `Global keys may contain letters, digits, spaces and ! _ . * ' ( ) & $ @ = ; / : + , ? -; this one also has ${bad.map((ch) => JSON.stringify(ch)).join(' ')}. Labelbox may change (sanitize) or reject the key.`,
    );
  }
  checkSpacing(check, node);
}

/** Leading, trailing and consecutive spaces: the docs allow spaces only inside a key, and the server rejects these. */
function checkSpacing(check: RowCheck, node: StringNode): void {
  const key = node.value;
  const edges = key !== key.trim();
  const runs = /\s\s/.test(key);
  if (!edges && !runs) return;
  const what = edges && runs ? 'starts or ends with a space and has consecutive spaces' : edges ? 'starts or ends with a space' : 'has consecutive spaces';
  const fixed = key.trim().replace(/\s{2,}/g, ' ');
  check.report(node, 'global-key-whitespace', `This global key ${what}; Labelbox rejects leading, trailing and consecutive spaces in global keys.`, {
    fixes: fixed ? [{ kind: 'replace', title: edges && !runs ? 'Remove the spaces' : 'Remove the extra spaces', text: JSON.stringify(fixed) }] : [],
  });
}
