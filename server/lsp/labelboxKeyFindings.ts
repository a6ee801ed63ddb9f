import type { LabelboxKeyFinding } from '../../service';
import type { LabelboxKeyResultsParams } from '../../common/protocol';

/**
 * Labelbox's answers about the global keys of each open file ("Check Global Keys Against
 * Labelbox"), by key in lower case, as collectDiagnostics takes them. They stay until the
 * command runs again on the file (its first message replaces them) or the file is closed;
 * a row whose key changes loses the finding, because it belongs to the key.
 */
export class LabelboxKeyFindingsStore {
  private readonly byUri = new Map<string, Map<string, LabelboxKeyFinding>>();

  of(uri: string): ReadonlyMap<string, LabelboxKeyFinding> | undefined {
    return this.byUri.get(uri);
  }

  add(params: LabelboxKeyResultsParams): void {
    let findings = params.replace ? undefined : this.byUri.get(params.uri);
    if (!findings) {
      findings = new Map();
      this.byUri.set(params.uri, findings);
    }
    for (const result of params.results) {
      const lowerKey = result.key.toLowerCase();
      // Two spellings of one key: "exists" says more than "access denied".
      if (findings.get(lowerKey)?.state === 'exists' && result.state !== 'exists') continue;
      findings.set(lowerKey, { key: result.key, state: result.state, dataRowId: result.dataRowId, checkedAt: params.checkedAt });
    }
    if (!findings.size) this.byUri.delete(params.uri);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
