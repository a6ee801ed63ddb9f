import type { JsonNode, JsonValue, ObjectNode, PropertyNode, StringNode } from '../json/ast';
import { getProperty } from '../json/ast';
import { NO_OFFSET } from '../json/valueNodes';
import { locatePath } from '../json/keyLocator';
import { pathTo } from '../json/nodePath';
import type { FixData, ImportDiagnostic, RelatedLocation } from '../diagnostic';
import { RULES, type RuleCode, type Severity } from '../rules';
import type { ValidationContext } from './validationContext';
import type { SignedUrlFact } from './signedUrlFact';

export type Dialect = 'current' | 'legacy';

export interface Span {
  offset: number;
  length: number;
}

export interface ReportOptions {
  fixes?: FixData[];
  related?: RelatedLocation[];
  /** Only where one rule covers cases of different certainty; otherwise the rule's default. */
  severity?: Severity;
}

/**
 * One data row being checked: its tree, its plain value, its dialect, and the list its
 * problems are reported to. Offsets are relative to the row's start.
 */
export class RowCheck {
  readonly diagnostics: ImportDiagnostic[] = [];
  /** The row's signed URLs and their expiry, found by checkSignedUrls, for the row's facts. */
  signedUrls: SignedUrlFact[] | undefined;
  /** Keys already reported by a rule, so the schema check does not report them again. */
  private claimedKeys: Set<StringNode> | undefined;
  /**
   * On a tree without positions (a row read by JSON.parse): each report with the node it is
   * on, so that `placeInText` can give it the place of that node in the row's text.
   */
  private reportsOnNodes: Array<{ diagnostic: ImportDiagnostic; node: JsonNode }> | undefined;
  private cachedHasNull: boolean | undefined;
  /** On a tree without positions: a report on something other than a node, which only a check with positions can place. */
  private unplaceable = false;

  constructor(
    readonly node: ObjectNode,
    readonly value: { [key: string]: JsonValue },
    readonly dialect: Dialect,
    readonly context: ValidationContext,
    /** `Object.keys(value)`, when the caller has listed them already. */
    private cachedKeys?: string[],
  ) {}

  /**
   * Whether the tree was made over the parsed value, without positions (valueNodes.ts): then
   * `value` holds exactly what the tree does (no repeated key, no key without a value), so a
   * rule may answer a clean row from `value` and make nodes only for what it reports. A tree
   * with positions goes through the nodes: its value may differ (a repeated key keeps only
   * its last value, a key without a value is left out).
   */
  get onParsedValue(): boolean {
    return this.node.offset === NO_OFFSET;
  }

  /** Whether a key of the row has the value null (the SDK leaves such keys out), looked for once. */
  get hasNullValue(): boolean {
    this.cachedHasNull ??= Object.values(this.value).includes(null);
    return this.cachedHasNull;
  }

  /** The row's own keys, in order (`Object.keys(value)`), listed once for the rules that ask. */
  get keys(): readonly string[] {
    this.cachedKeys ??= Object.keys(this.value);
    return this.cachedKeys;
  }

  property(name: string): PropertyNode | undefined {
    return getProperty(this.node, name);
  }

  report(at: Span, code: RuleCode, message: string, options: ReportOptions = {}): void {
    const diagnostic: ImportDiagnostic = {
      offset: at.offset,
      length: at.length,
      severity: options.severity ?? RULES[code].severity,
      code,
      message,
    };
    if (options.fixes?.length) diagnostic.fixes = options.fixes;
    // Copy only the position: a span passed in may be a tree node, which must not outlive the check.
    if (options.related?.length) diagnostic.related = options.related.map(({ offset, length, message }) => ({ offset, length, message }));
    this.diagnostics.push(diagnostic);
    if (this.node.offset === NO_OFFSET) {
      // Related places are copied as offsets, so they cannot be found again.
      if (isNodeWithoutPosition(at) && !diagnostic.related) (this.reportsOnNodes ??= []).push({ diagnostic, node: at });
      else this.unplaceable = true;
    }
  }

  /**
   * Gives the reports of a check without positions their places in `rowText`, the row's
   * text, by following each node's path through the text: cheaper than checking the row
   * again on a tree with positions. False when a report cannot be placed that way; the row
   * must then be checked on a tree with positions.
   */
  placeInText(rowText: string): boolean {
    // Each search reads the row's text from its start: for many problems in one row (a list of
    // thousands of wrong items) one check with positions is linear where the searches are not.
    if (this.unplaceable || (this.reportsOnNodes?.length ?? 0) > MAX_PLACED_BY_SEARCH) return false;
    for (const { diagnostic, node } of this.reportsOnNodes ?? []) {
      const path = pathTo(node, this.node);
      const found = path && locatePath(rowText, path);
      if (!found) return false;
      diagnostic.offset = found.offset;
      diagnostic.length = found.length;
    }
    return true;
  }

  /** Whether a rule already reported this key. */
  isReported(key: StringNode): boolean {
    return this.claimedKeys?.has(key) ?? false;
  }

  /** Reports on a property's key and remembers it, so no second problem lands on the same key. */
  reportKey(property: PropertyNode, code: RuleCode, message: string, options?: ReportOptions): void {
    (this.claimedKeys ??= new Set()).add(property.key);
    this.report(property.key, code, message, options);
  }
}

/** Beyond this many problems in one row, the row is checked again with positions instead of searched (see placeInText). */
const MAX_PLACED_BY_SEARCH = 32;

const NODE_TYPES = new Set(['object', 'array', 'string', 'number', 'boolean', 'null']);

/** A value or key node of a tree without positions, as opposed to a span computed from one (which has no type). */
function isNodeWithoutPosition(at: Span): at is JsonNode {
  return at.offset === NO_OFFSET && NODE_TYPES.has((at as { type?: unknown }).type as string);
}

/** Where to underline a problem with a whole object: its key when it has one, else its opening brace. */
export function objectAnchor(node: JsonNode): Span {
  const parent = node.parent;
  if (parent?.type === 'property') return parent.key;
  return { offset: node.offset, length: 1 };
}
