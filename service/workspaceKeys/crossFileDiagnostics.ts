import type { ImportDiagnostic } from '../diagnostic';
import type { RuleCode, Severity } from '../rules';
import type { ImportDocument } from '../document/importDocument';
import type { KeyPlace } from './fileKeys';
import type { OrderReason } from './fileOrder';
import { firstRowWithKey } from './documentKeys';

/** The earlier file that uses a key, as the problem in the later file names it. */
export interface KeyOwner {
  uri: string;
  /** The file as the user knows it: its path relative to the workspace folder (or the current folder). */
  label: string;
  place: KeyPlace;
  /** Marked as already imported (labelboxImport.globalKeys.importedFiles, --imported). */
  imported: boolean;
  /** Why it comes before this file. */
  reason: OrderReason;
}

/** What collectDiagnostics needs to report the keys other, earlier files already use. */
export interface CrossFileKeys {
  /** Keys of this file (lower case) that an earlier file uses. */
  findings: ReadonlySet<string>;
  describe(lowerKey: string): KeyOwner | undefined;
}

const REASON_WORDS: Record<Exclude<OrderReason, 'imported'>, string> = {
  folder: 'its workspace folder comes first',
  path: 'by path',
};

/**
 * One problem per key another file uses first, at the first row of this file that uses it (its
 * later rows already get the in-file duplicate-global-key error), in row order.
 */
export function* crossFileDiagnostics(
  document: ImportDocument,
  crossFile: CrossFileKeys,
  wants: (code: RuleCode, severity: Severity) => boolean,
): IterableIterator<ImportDiagnostic> {
  const found = [];
  for (const lowerKey of crossFile.findings) {
    const entry = firstRowWithKey(document, lowerKey);
    if (entry) found.push({ lowerKey, entry });
  }
  found.sort((a, b) => a.entry.start - b.entry.start);
  for (const { lowerKey, entry } of found) {
    const owner = crossFile.describe(lowerKey);
    if (!owner) continue;
    const code: RuleCode = owner.imported ? 'global-key-already-imported' : 'global-key-in-other-file';
    const severity: Severity = owner.imported ? 'error' : 'warning';
    if (!wants(code, severity)) continue;
    const key = document.locate(entry).globalKey!;
    yield {
      offset: entry.start + Math.max(0, key.offset),
      length: Math.max(0, key.length),
      severity,
      code,
      message: crossFileMessage(key.value, owner),
      fixes: [{ kind: 'uniqueGlobalKey', title: 'Make this global key unique' }],
      relatedElsewhere: [
        {
          uri: owner.uri,
          label: owner.label,
          line: owner.place.line,
          character: owner.place.character,
          length: owner.place.length,
          message: `Row ${owner.place.row + 1} of ${owner.label} uses this global key first`,
        },
      ],
    };
  }
}

function crossFileMessage(key: string, owner: KeyOwner): string {
  const where = `${owner.label} (row ${owner.place.row + 1})`;
  // Global keys are compared without regard to case: say so when the spellings differ.
  const spelled = owner.place.key === key ? '' : ` as ${JSON.stringify(owner.place.key)} (global keys are compared without regard to case)`;
  if (owner.imported) {
    return `Global key ${JSON.stringify(key)} is already used${spelled} in ${where}, which is marked as imported (labelboxImport.globalKeys.importedFiles). Labelbox fails this row ("Duplicate global key").`;
  }
  return `Global key ${JSON.stringify(key)} is already used${spelled} in ${where}, which comes before this file (${REASON_WORDS[owner.reason === 'imported' ? 'path' : owner.reason]}). If that file is imported first, Labelbox fails this row ("Duplicate global key"). Mark files already imported in labelboxImport.globalKeys.importedFiles.`;
}
