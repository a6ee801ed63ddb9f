import type { JsonNode, JsonValue, ObjectNode, PropertyNode, StringNode } from '../json/ast';
import { getProperty } from '../json/ast';
import { NO_OFFSET } from '../json/valueNodes';
import { locateTopLevelKey } from '../json/keyLocator';
import type { FixData, ImportDiagnostic, RelatedLocation } from '../diagnostic';
import { RULES, type RuleCode, type Severity } from '../rules';
import type { ValidationContext } from './validationContext';

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
  /** Keys already reported by a rule, so the schema check does not report them again. */
  private claimedKeys: Set<StringNode> | undefined;
  /**
   * On a tree without positions (a row read by JSON.parse): reports on a top-level key, which
   * `placeByKeys` finds again in the row's text without a tree.
   */
  private reportsOnKeys: Array<{ diagnostic: ImportDiagnostic; key: string }> | undefined;
  /** On a tree without positions: a report that only a tree with positions can place. */
  needsPositions = false;

  constructor(
    readonly node: ObjectNode,
    readonly value: { [key: string]: JsonValue },
    readonly dialect: Dialect,
    readonly context: ValidationContext,
  ) {}

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
      const key = this.topLevelKeyName(at);
      if (key === undefined || diagnostic.related) this.needsPositions = true;
      else (this.reportsOnKeys ??= []).push({ diagnostic, key });
    }
  }

  /** The name of the row's property whose key `at` is; undefined for any other span. */
  private topLevelKeyName(at: Span): string | undefined {
    const node = at as Partial<StringNode>;
    if (node.type !== 'string' || node.parent !== this.node || typeof node.value !== 'string') return undefined;
    return this.property(node.value)?.key === at ? node.value : undefined;
  }

  /**
   * Gives the reports of a check without positions their places in `rowText`, the row's text.
   * Possible only when every report is on a top-level key; false when one is not (or is not
   * found), and the row must then be checked on a tree with positions.
   */
  placeByKeys(rowText: string): boolean {
    if (this.needsPositions) return false;
    for (const { diagnostic, key } of this.reportsOnKeys ?? []) {
      const found = locateTopLevelKey(rowText, [key]);
      if (!found) return false;
      diagnostic.offset = found.keyOffset;
      diagnostic.length = found.keyLength;
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

/** Where to underline a problem with a whole object: its key when it has one, else its opening brace. */
export function objectAnchor(node: JsonNode): Span {
  const parent = node.parent;
  if (parent?.type === 'property') return parent.key;
  return { offset: node.offset, length: 1 };
}
