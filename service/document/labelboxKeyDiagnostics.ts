import type { ImportDiagnostic } from '../diagnostic';
import type { RuleCode, Severity } from '../rules';
import type { ImportDocument, RowEntry } from './importDocument';

/**
 * What Labelbox's API answered, when "Check Global Keys Against Labelbox" last ran on the file,
 * about a global key the file uses: a data row has it ('exists'), or the API would not say
 * because the data row is one the API key may not see ('access-denied'). Keys it did not find
 * are not kept.
 */
export interface LabelboxKeyFinding {
  /** The key as it was sent. */
  key: string;
  state: 'exists' | 'access-denied';
  dataRowId?: string;
  /** When Labelbox answered (ISO 8601): the answer is a snapshot. */
  checkedAt: string;
}

/** Findings by key in lower case (rows match them as imports compare keys, without regard to case). */
export type LabelboxKeyFindings = ReadonlyMap<string, LabelboxKeyFinding>;

/**
 * `global-key-exists-in-labelbox` at every row whose global key Labelbox already has. The
 * finding is about the key, not the row: a row whose key is edited to another loses it, and
 * gets it back if the key comes back. Cost: the rows of the found keys only.
 */
export function* labelboxKeyDiagnostics(
  document: ImportDocument,
  findings: LabelboxKeyFindings | undefined,
  wants: (code: RuleCode, severity: Severity) => boolean,
): IterableIterator<ImportDiagnostic> {
  if (!findings?.size) return;
  const hits: Array<{ entry: RowEntry; finding: LabelboxKeyFinding }> = [];
  for (const [lowerKey, finding] of findings) {
    for (const entry of document.globalKeys.rowsWithKey(lowerKey) ?? []) hits.push({ entry, finding });
  }
  // In file order: which problems fit under the cap must not depend on the order of the answers.
  hits.sort((a, b) => a.entry.start - b.entry.start);
  for (const { entry, finding } of hits) {
    const severity: Severity = finding.state === 'exists' ? 'error' : 'warning';
    if (!wants('global-key-exists-in-labelbox', severity)) continue;
    document.locate(entry);
    const key = entry.facts.globalKey;
    if (!key) continue;
    yield { offset: entry.start + key.offset, length: key.length, severity, code: 'global-key-exists-in-labelbox', message: messageOf(finding, key.value) };
  }
}

function messageOf(finding: LabelboxKeyFinding, written: string): string {
  const spelling = written === finding.key ? '' : ` (checked as ${JSON.stringify(finding.key)}; global keys are compared without regard to case)`;
  const checked = `checked ${checkedAtText(finding.checkedAt)}`;
  if (finding.state === 'access-denied') {
    return `Labelbox answered "access denied" for the global key ${JSON.stringify(written)}${spelling} (${checked}): a data row your API key may not see seems to have it. If so, importing this row fails ("Duplicate global key").`;
  }
  const dataRow = finding.dataRowId ? `data row ${finding.dataRowId}; ` : '';
  return `Labelbox already has a data row with the global key ${JSON.stringify(written)}${spelling} (${dataRow}${checked}). Importing this row fails ("Duplicate global key") unless that data row is deleted first.`;
}

/** "2026-12-05 14:02 UTC": the same on every machine, and plain about the time zone. */
function checkedAtText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'earlier';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
