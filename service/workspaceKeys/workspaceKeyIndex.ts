import { compareImportFiles, orderReason, type FileOrderKey } from './fileOrder';
import type { KeySource } from './fileKeys';
import type { CrossFileKeys } from './crossFileDiagnostics';

interface IndexedFile {
  order: FileOrderKey;
  source: KeySource;
  /** Keys of this file whose owner (the earliest file using them) is another file. */
  findings: Set<string>;
}

/**
 * The global keys of every import file of a workspace, compared in lower case, as Labelbox
 * compares them. For each key, the files that use it (a posting: a file id, or an array of ids
 * for the rare key several files share); its owner is the earliest of them (`fileOrder.ts`).
 * Each file's findings (its keys owned by another file) are kept up to date key by key: an
 * edit that adds or drops a key costs the files sharing that key, never a pass over a file.
 *
 * Invariant (checked by the property test against an index built from scratch): for each file
 * F, findingsOf(F) = { k in keys(F) : the earliest file holding k is not F }.
 *
 * Every mutation returns the ids of the files whose findings, or the owner of one of their
 * findings, changed: the ones whose problems must be published again.
 */
export class WorkspaceKeyIndex {
  private readonly postings = new Map<string, number | number[]>();
  private readonly files = new Map<number, IndexedFile>();

  /** Adds a file, or replaces what the index knows of it (its order and all its keys). */
  setFile(id: number, order: FileOrderKey, source: KeySource): Set<number> {
    const changed = this.files.has(id) ? this.removeFile(id) : new Set<number>();
    this.files.set(id, { order, source, findings: new Set() });
    for (const key of source.lowerKeys()) {
      this.addToPosting(key, id);
      this.settle(key, changed);
    }
    return changed;
  }

  removeFile(id: number): Set<number> {
    const changed = new Set<number>();
    const file = this.files.get(id);
    if (!file) return changed;
    const keys = [...file.source.lowerKeys()];
    if (file.findings.size) changed.add(id);
    this.files.delete(id);
    for (const key of keys) {
      this.removeFromPosting(key, id);
      this.settle(key, changed);
    }
    changed.delete(id);
    return changed;
  }

  /** The file's order changed (renamed, moved, marked as imported): every key it shares is settled again. */
  moveFile(id: number, order: FileOrderKey): Set<number> {
    const changed = new Set<number>();
    const file = this.files.get(id);
    if (!file) return changed;
    file.order = order;
    for (const key of file.source.lowerKeys()) {
      if (Array.isArray(this.postings.get(key))) this.settle(key, changed);
    }
    return changed;
  }

  /** The file's source now holds (or no longer holds) these keys: an edit added or dropped them. */
  keysChanged(id: number, lowerKeys: Iterable<string>): Set<number> {
    const changed = new Set<number>();
    const file = this.files.get(id);
    if (!file) return changed;
    for (const key of lowerKeys) {
      const holds = file.source.has(key);
      if (holds === this.inPosting(key, id)) continue;
      if (holds) this.addToPosting(key, id);
      else {
        this.removeFromPosting(key, id);
        if (file.findings.delete(key)) changed.add(id);
      }
      this.settle(key, changed);
    }
    return changed;
  }

  /** Whether the file takes part. */
  hasFile(id: number): boolean {
    return this.files.has(id);
  }

  orderOf(id: number): FileOrderKey | undefined {
    return this.files.get(id)?.order;
  }

  sourceOf(id: number): KeySource | undefined {
    return this.files.get(id)?.source;
  }

  /** The earliest file using the key. */
  ownerOf(lowerKey: string): number | undefined {
    const posting = this.postings.get(lowerKey);
    return posting === undefined ? undefined : Array.isArray(posting) ? this.earliest(posting) : posting;
  }

  /** Whether a file other than `id` uses the key. */
  usedElsewhere(lowerKey: string, id: number): boolean {
    const posting = this.postings.get(lowerKey);
    return posting !== undefined && (Array.isArray(posting) ? posting.some((other) => other !== id) : posting !== id);
  }

  /** The file's keys that an earlier file already uses. */
  findingsOf(id: number): ReadonlySet<string> {
    return this.files.get(id)?.findings ?? EMPTY;
  }

  /**
   * What collectDiagnostics needs for the file: its findings, and for each the owner's name
   * and first row (`nameOf` gives a file's URI and the label the message shows).
   */
  crossFileKeys(id: number, nameOf: (id: number) => { uri: string; label: string }): CrossFileKeys {
    return {
      findings: this.findingsOf(id),
      describe: (lowerKey) => {
        const owner = this.ownerOf(lowerKey);
        const ownerFile = owner === undefined ? undefined : this.files.get(owner);
        const file = this.files.get(id);
        const place = ownerFile?.source.firstUse(lowerKey);
        if (owner === undefined || !ownerFile || !file || !place) return undefined;
        return { ...nameOf(owner), place, imported: ownerFile.order.imported, reason: orderReason(ownerFile.order, file.order) };
      },
    };
  }

  /** The files using the key, sorted by id (for tests). */
  filesWithKey(lowerKey: string): number[] {
    const posting = this.postings.get(lowerKey);
    return posting === undefined ? [] : Array.isArray(posting) ? [...posting].sort((a, b) => a - b) : [posting];
  }

  get fileIds(): number[] {
    return [...this.files.keys()];
  }

  /** Distinct keys across all files. */
  get keyCount(): number {
    return this.postings.size;
  }

  private inPosting(key: string, id: number): boolean {
    const posting = this.postings.get(key);
    return posting !== undefined && (Array.isArray(posting) ? posting.includes(id) : posting === id);
  }

  private addToPosting(key: string, id: number): void {
    const posting = this.postings.get(key);
    if (posting === undefined) this.postings.set(key, id);
    else if (Array.isArray(posting)) {
      if (!posting.includes(id)) posting.push(id);
    } else if (posting !== id) this.postings.set(key, [posting, id]);
  }

  private removeFromPosting(key: string, id: number): void {
    const posting = this.postings.get(key);
    if (posting === undefined) return;
    if (!Array.isArray(posting)) {
      if (posting === id) this.postings.delete(key);
      return;
    }
    const at = posting.indexOf(id);
    if (at >= 0) posting.splice(at, 1);
    if (posting.length === 1) this.postings.set(key, posting[0]);
  }

  /** Makes every file holding the key agree with its owner; adds to `changed` the files whose findings or owner changed. */
  private settle(key: string, changed: Set<number>): void {
    const posting = this.postings.get(key);
    if (posting === undefined) return;
    const holders = Array.isArray(posting) ? posting : [posting];
    const owner = Array.isArray(posting) ? this.earliest(posting) : posting;
    for (const id of holders) {
      const findings = this.files.get(id)!.findings;
      const isFinding = id !== owner;
      // A file with a finding is published again when its owner may have changed too (shown in its message).
      if (isFinding) {
        if (!findings.has(key)) findings.add(key);
        changed.add(id);
      } else if (findings.delete(key)) changed.add(id);
    }
  }

  private earliest(ids: readonly number[]): number {
    let best = ids[0];
    for (const id of ids) if (this.before(id, best)) best = id;
    return best;
  }

  private before(a: number, b: number): boolean {
    const order = compareImportFiles(this.files.get(a)!.order, this.files.get(b)!.order);
    return order < 0 || (order === 0 && a < b);
  }
}

const EMPTY: ReadonlySet<string> = new Set();
