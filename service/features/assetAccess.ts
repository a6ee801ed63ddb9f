import { ACCESS_RULE_CODES, accessTargetsOfRow, checkabilityOf, hostOf, isAccessFailure, type AccessResult, type AccessTarget } from '../../common/assetAccess';
import { describeRow } from '../../common/preview/rowModel';
import type { ImportDiagnostic } from '../diagnostic';
import type { ImportDocument } from '../document/importDocument';
import { toValue } from '../json/ast';
import { RULES, type RuleCode } from '../rules';
import { formatCount } from '../../common/formatCount';

/** Rows named per URL at most (for messages and the command's summary). */
const MAX_ROWS_PER_URL = 50;

export interface AssetUrlEntry extends AccessTarget {
  /** Indexes of the rows that use it (the first MAX_ROWS_PER_URL). */
  rows: number[];
}

export interface NotCheckableEntry {
  url: string;
  reason: string;
  rows: number[];
}

export interface AssetAccessTargets {
  urls: AssetUrlEntry[];
  notCheckable: NotCheckableEntry[];
}

/**
 * Every distinct asset and attachment URL of the file, as the asset access check requests
 * them (a tile template: one tile), and those that cannot be requested from here, with why.
 * Parses every row again: it runs when the user asks for the check, not on edits.
 */
export function assetAccessTargets(document: ImportDocument): AssetAccessTargets {
  const urls = new Map<string, AssetUrlEntry>();
  const notCheckable = new Map<string, NotCheckableEntry>();
  const rows = document.rows;
  for (let index = 0; index < rows.length; index++) {
    const tree = document.rowTree(index);
    if (tree?.type !== 'object') continue;
    const facts = rows[index].facts;
    const model = describeRow(toValue(tree), facts.mediaType ?? facts.inferredMediaType);
    for (const target of accessTargetsOfRow(model)) {
      const known = urls.get(target.url) ?? notCheckable.get(target.url);
      if (known) {
        if (known.rows.length < MAX_ROWS_PER_URL && known.rows[known.rows.length - 1] !== index) known.rows.push(index);
        continue;
      }
      const checkable = checkabilityOf(target.fetchUrl);
      if (checkable.checkable) urls.set(target.url, { ...target, rows: [index] });
      else notCheckable.set(target.url, { url: target.url, reason: checkable.reason, rows: [index] });
    }
  }
  return { urls: [...urls.values()], notCheckable: [...notCheckable.values()] };
}

function hasFailure(results: ReadonlyMap<string, AccessResult>): boolean {
  for (const result of results.values()) if (isAccessFailure(result.verdict)) return true;
  return false;
}

function clock(moment: number): string {
  return `${new Date(moment).toISOString().slice(11, 16)} UTC`;
}

/**
 * The failures of the asset access check at every place the file uses a failed URL. A missing
 * CORS rule is a matter of the bucket: it is reported once per host, on its first URL. Reads
 * the rows' links (found once per row and kept), so it costs no parsing after an edit.
 */
export function accessDiagnostics(document: ImportDocument, results: ReadonlyMap<string, AccessResult>): ImportDiagnostic[] {
  const diagnostics: ImportDiagnostic[] = [];
  // After every edit: with no failure kept, not a row is visited.
  if (!hasFailure(results)) return diagnostics;
  const corsPerHost = new Map<string, number>();
  for (const result of results.values()) {
    if (!result.verdict.ok && result.verdict.reason === 'cors') corsPerHost.set(hostOf(result.url), (corsPerHost.get(hostOf(result.url)) ?? 0) + 1);
  }
  const corsReported = new Set<string>();
  for (const entry of document.rows) {
    for (const link of document.links(entry)) {
      const result = results.get(link.target);
      if (!result || !isAccessFailure(result.verdict)) continue;
      const verdict = result.verdict;
      let message = `${verdict.detail} (checked at ${clock(result.checkedAt)})`;
      if (verdict.reason === 'cors') {
        const host = hostOf(result.url);
        if (corsReported.has(host)) continue;
        corsReported.add(host);
        const count = corsPerHost.get(host) ?? 1;
        if (count > 1) message += ` ${formatCount(count)} URLs of ${host} answer so; this is the first.`;
      }
      const code = ACCESS_RULE_CODES[verdict.reason] as RuleCode;
      diagnostics.push({ offset: entry.start + link.offset, length: link.length, severity: RULES[code].severity, code, message });
    }
  }
  return diagnostics;
}
