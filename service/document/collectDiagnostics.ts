import type { ImportDiagnostic } from '../diagnostic';
import { RULES, type RuleCode, type Severity, type SeverityOverrides } from '../rules';
import type { ImportDocument, RowEntry } from './importDocument';
import { labelboxKeyDiagnostics, type LabelboxKeyFindings } from './labelboxKeyDiagnostics';
import type { AccessResult } from '../../common/assetAccess';
import { accessDiagnostics } from '../features/assetAccess';
import { signedUrlDiagnostics } from './signedUrlDiagnostics';
import { SETTING_DEFAULTS } from '../../common/settings';
import { crossFileDiagnostics, type CrossFileKeys } from '../workspaceKeys/crossFileDiagnostics';
import { formatCount } from '../../common/formatCount';

export const DEFAULT_MAX_PROBLEMS = 1000;
export const MAX_ROWS_PER_IMPORT = 150_000;

export interface DiagnosticOptions {
  /** At most this many problems are returned, the most severe first; a last note counts the rest. */
  maxProblems?: number;
  severityOverrides?: SeverityOverrides;
  /** Labelbox's answer about the file's global keys (Check Global Keys Against Labelbox), by key in lower case. */
  existingInLabelbox?: LabelboxKeyFindings;
  /** Results of the asset access check by URL (as the file writes it): failures become problems where the file uses the URL. */
  assetAccess?: ReadonlyMap<string, AccessResult>;
  /** The moment signed URLs are judged at (ms since 1970): the clock by default, the CLI's --at, a test's fixed time. */
  now?: number;
  /** A signed URL that expires within this many milliseconds is reported as expiring soon (labelboxImport.signedUrls.expiringSoonHours). */
  expiringSoonMs?: number;
  /** Global keys other import files use first (the workspace index, or the command line's files). */
  crossFile?: CrossFileKeys;
}

/** labelboxImport.signedUrls.expiringSoonHours's default (24 hours), in milliseconds. */
export const DEFAULT_EXPIRING_SOON_MS = SETTING_DEFAULTS['signedUrls.expiringSoonHours'] * 3_600_000;

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Problems by severity, as the status bar and the CLI's summary show them. */
export interface SeverityCounts {
  errors: number;
  warnings: number;
  /** Information and hints. */
  information: number;
}

/** Counts problems into `counts` (a fresh count by default); the note that problems were left out is not one of them. */
export function countBySeverity(diagnostics: readonly ImportDiagnostic[], counts: SeverityCounts = { errors: 0, warnings: 0, information: 0 }): SeverityCounts {
  for (const diagnostic of diagnostics) {
    if (diagnostic.code === 'too-many-problems') continue;
    if (diagnostic.severity === 'error') counts.errors++;
    else if (diagnostic.severity === 'warning') counts.warnings++;
    else counts.information++;
  }
  return counts;
}

/**
 * The document's problems: each row's own (kept from when it was last checked), the
 * file-level ones, and duplicate global keys from the index. Cheap enough to run after every
 * edit: no row is parsed or checked here, and clean rows are not visited.
 */
export function collectDiagnostics(document: ImportDocument, options: DiagnosticOptions = {}): ImportDiagnostic[] {
  // Nothing of such a text is checked: its status says so (notCheckedReason), not a problem in it.
  if (document.notCheckedReason) return [];
  const max = Math.max(1, options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
  const overrides = options.severityOverrides ?? {};
  const kept: Record<Severity, ImportDiagnostic[]> = { error: [], warning: [], information: [], hint: [] };
  let total = 0;

  const add = (diagnostic: ImportDiagnostic, base = 0) => {
    const override = overrides[diagnostic.code];
    if (override === 'off') return;
    const severity = override ?? diagnostic.severity;
    total++;
    const bucket = kept[severity];
    if (bucket.length >= max) return;
    bucket.push(
      base === 0 && severity === diagnostic.severity
        ? { ...diagnostic }
        : {
            ...diagnostic,
            severity,
            offset: diagnostic.offset + base,
            related: diagnostic.related?.map((related) => ({ ...related, offset: related.offset + base })),
          },
    );
  };
  /**
   * For a problem that is costly to build: false when add() would not keep it (it is then
   * counted here, as add() would count it), true when it should be built and added.
   */
  const wants = (code: RuleCode, severity: Severity): boolean => {
    const override = overrides[code];
    if (override === 'off') return false;
    if (kept[override ?? severity].length < max) return true;
    total++;
    return false;
  };

  for (const diagnostic of fileDiagnostics(document)) add(diagnostic);
  for (const diagnostic of document.filePrefixProblems) add(diagnostic);
  // Only the rows with problems are visited: after an edit this costs nothing per clean row.
  const rowsWithProblems = [...document.rowsWithProblems].sort((a, b) => a.start - b.start);
  for (const entry of rowsWithProblems) {
    for (const diagnostic of entry.syntax) add(diagnostic, entry.start);
    for (const diagnostic of entry.checks) add(diagnostic, entry.start);
  }
  for (const diagnostic of duplicateGlobalKeys(document, wants)) add(diagnostic);
  for (const diagnostic of labelboxKeyDiagnostics(document, options.existingInLabelbox, wants)) add(diagnostic);
  const now = options.now ?? Date.now();
  for (const diagnostic of signedUrlDiagnostics(document, now, options.expiringSoonMs ?? DEFAULT_EXPIRING_SOON_MS, wants)) add(diagnostic);
  if (options.crossFile) for (const diagnostic of crossFileDiagnostics(document, options.crossFile, wants)) add(diagnostic);
  for (const diagnostic of document.fileSuffixProblems) add(diagnostic);
  if (options.assetAccess) for (const diagnostic of accessDiagnostics(document, options.assetAccess)) add(diagnostic);

  const selected: ImportDiagnostic[] = [];
  for (const severity of SEVERITY_ORDER) {
    for (const diagnostic of kept[severity]) {
      if (selected.length >= max) break;
      selected.push(diagnostic);
    }
  }
  selected.sort((a, b) => a.offset - b.offset || a.length - b.length);
  const noteSeverity = overrides['too-many-problems'] ?? RULES['too-many-problems'].severity;
  if (total > selected.length && noteSeverity !== 'off') {
    const hidden = total - selected.length;
    selected.push({
      offset: anchorOffset(document),
      length: 1,
      severity: noteSeverity,
      code: 'too-many-problems',
      message: `${formatCount(hidden)} more problem${hidden === 1 ? ' is' : 's are'} not shown: at most ${formatCount(max)} are listed, the most severe first (setting labelboxImport.maxProblems).`,
    });
  }
  return selected;
}

function anchorOffset(document: ImportDocument): number {
  const layout = document.layout;
  return layout.kind === 'array' ? layout.openOffset : layout.start;
}

function* fileDiagnostics(document: ImportDocument): IterableIterator<ImportDiagnostic> {
  const layout = document.layout;
  if (layout.kind === 'empty') {
    yield {
      offset: 0,
      length: 0,
      severity: 'error',
      code: 'root-not-array',
      message: 'The file is empty. An import file is a JSON array of data rows: [ { "row_data": "https://…", "global_key": "…" } ].',
    };
    return;
  }
  if (layout.kind === 'other') {
    const isObject = document.slice(layout.start, layout.start + 1) === '{';
    yield {
      offset: layout.start,
      length: isObject ? 1 : layout.end - layout.start,
      severity: 'error',
      code: 'root-not-array',
      message: isObject
        ? 'An import file is a JSON array of data rows: wrap this object in [ ].'
        : 'An import file is a JSON array of data rows: [ { … }, { … } ].',
    };
  }
  const rows = document.rows;
  if (rows.length > MAX_ROWS_PER_IMPORT) {
    yield {
      offset: anchorOffset(document),
      length: 1,
      severity: RULES['too-many-rows'].severity,
      code: 'too-many-rows',
      message: `This file has ${formatCount(rows.length)} data rows; Labelbox's limits page allows at most 150,000 per import (the Python SDK uploads more in chunks since 3.72.0). Split it into several files for the web app.`,
    };
  }
}

/**
 * Rows sharing a global key: Labelbox creates the first of them and fails the others, so each
 * later row is an error that points at the first, and the first gets a note (information).
 */
function* duplicateGlobalKeys(document: ImportDocument, wants: (code: RuleCode, severity: Severity) => boolean): IterableIterator<ImportDiagnostic> {
  // In file order: which problems fit under the cap must not depend on the order of past edits.
  const groups = [...document.globalKeys.duplicates()].map((group) => [...group].sort((a, b) => a.start - b.start));
  groups.sort((a, b) => a[0].start - b[0].start);
  for (const entries of groups) {
    for (const entry of entries) document.locate(entry);
    const [first, ...later] = entries;
    const firstKey = first.facts.globalKey!;
    const firstNumber = rowNumber(document, first);
    const firstPlace = { offset: first.start + firstKey.offset, length: firstKey.length };
    if (wants('duplicate-global-key', 'information')) yield firstUseNote(document, first, later);
    for (const entry of later) {
      if (!wants('duplicate-global-key', 'error')) continue;
      const key = entry.facts.globalKey!;
      // Global keys are compared without regard to case: say so when the spellings differ.
      const differentCase = key.value !== firstKey.value;
      yield {
        offset: entry.start + key.offset,
        length: key.length,
        severity: 'error',
        code: 'duplicate-global-key',
        message: `Duplicate global key ${JSON.stringify(key.value)}: row ${firstNumber} already uses ${differentCase ? `${JSON.stringify(firstKey.value)} (global keys are compared without regard to case)` : 'it'}. Labelbox creates row ${firstNumber} and fails this one ("Duplicate global key").`,
        fixes: [{ kind: 'uniqueGlobalKey', title: 'Make this global key unique' }],
        related: [{ ...firstPlace, message: `Row ${firstNumber} uses this global key first` }],
      };
    }
  }
}

/** The note on the first row of a group: it is the one Labelbox creates. Names at most 10 later rows. */
function firstUseNote(document: ImportDocument, first: RowEntry, later: readonly RowEntry[]): ImportDiagnostic {
  const key = first.facts.globalKey!;
  const shown = later.slice(0, 10).map((entry) => ({ entry, number: rowNumber(document, entry) }));
  const numbers = shown.slice(0, 3).map((other) => other.number);
  return {
    offset: first.start + key.offset,
    length: key.length,
    severity: 'information',
    code: 'duplicate-global-key',
    message: `The global key ${JSON.stringify(key.value)} is used again by row${later.length > 1 ? 's' : ''} ${numbers.join(', ')}${later.length > 3 ? ` and ${later.length - 3} more` : ''}. Labelbox creates this row and fails the later ones.`,
    related: shown.map(({ entry, number }) => ({
      offset: entry.start + entry.facts.globalKey!.offset,
      length: entry.facts.globalKey!.length,
      message: `Row ${number} uses the same global key`,
    })),
  };
}

/** 1-based position of the row in the array, as people count rows. */
export function rowNumber(document: ImportDocument, entry: RowEntry): number {
  return document.rowIndexAt(entry.start) + 1;
}
