import type { RowEntry } from './rowEntries';

/**
 * Rows by the moments their signed URLs expire (or, for a second index, start), kept up to
 * date row by row like the global key index. The moments are a sorted list of distinct
 * values, so that the rows whose URLs expire before a given time are a prefix of it (and
 * those that start after a given time a suffix): collecting the problems costs the rows that
 * are due, not a pass over the file. Nearly every row has no signed URL and is not in here.
 */
export class ExpiryIndex {
  /** @param momentsOf the moments of a row this index keeps: by default its URLs' expiry. */
  constructor(private readonly momentsOf: (entry: RowEntry) => number[] = expiriesOf) {}

  /** Distinct expiry moments (ms since 1970), ascending. */
  private readonly moments: number[] = [];
  private readonly rowsAt = new Map<number, Set<RowEntry>>();

  add(entry: RowEntry): void {
    for (const moment of this.momentsOf(entry)) {
      let rows = this.rowsAt.get(moment);
      if (!rows) {
        rows = new Set();
        this.rowsAt.set(moment, rows);
        this.moments.splice(firstAtOrAfter(this.moments, moment), 0, moment);
      }
      rows.add(entry);
    }
  }

  remove(entry: RowEntry): void {
    for (const moment of this.momentsOf(entry)) {
      const rows = this.rowsAt.get(moment);
      if (!rows) continue;
      rows.delete(entry);
      if (rows.size) continue;
      this.rowsAt.delete(moment);
      const index = firstAtOrAfter(this.moments, moment);
      if (this.moments[index] === moment) this.moments.splice(index, 1);
    }
  }

  /** The rows with a URL that expires before `limit`, each once, in no particular order. */
  rowsExpiringBefore(limit: number): Set<RowEntry> {
    const rows = new Set<RowEntry>();
    const end = firstAtOrAfter(this.moments, limit);
    for (let i = 0; i < end; i++) for (const entry of this.rowsAt.get(this.moments[i])!) rows.add(entry);
    return rows;
  }

  /** The rows with a moment after `time`, each once, in no particular order. */
  rowsAfter(time: number): Set<RowEntry> {
    const rows = new Set<RowEntry>();
    for (let i = firstAtOrAfter(this.moments, time + 1); i < this.moments.length; i++) for (const entry of this.rowsAt.get(this.moments[i])!) rows.add(entry);
    return rows;
  }

  /** The distinct moments after `time`, ascending. */
  momentsAfter(time: number): readonly number[] {
    return this.moments.slice(firstAtOrAfter(this.moments, time + 1));
  }

  /** The distinct expiry moments before `limit`, ascending. */
  momentsBefore(limit: number): readonly number[] {
    return this.moments.slice(0, firstAtOrAfter(this.moments, limit));
  }

  /** How many (row, moment) pairs lie before `limit`: at least the number of rows due, cheap to count. */
  countBefore(limit: number): number {
    let count = 0;
    const end = firstAtOrAfter(this.moments, limit);
    for (let i = 0; i < end; i++) count += this.rowsAt.get(this.moments[i])!.size;
    return count;
  }

  /** The first expiry moment after `time`, if any. */
  firstAfter(time: number): number | undefined {
    const index = firstAtOrAfter(this.moments, time + 1);
    return index < this.moments.length ? this.moments[index] : undefined;
  }

  /** How many rows have at least one signed URL. */
  get size(): number {
    const rows = new Set<RowEntry>();
    for (const set of this.rowsAt.values()) for (const entry of set) rows.add(entry);
    return rows.size;
  }
}

function expiriesOf(entry: RowEntry): number[] {
  return entry.facts.signedUrls?.map((fact) => fact.expiresAt) ?? [];
}

/** The stated starts of a row's signed URLs (Azure st, CloudFront DateGreaterThan), for the index of starts. */
export function startsOf(entry: RowEntry): number[] {
  const starts: number[] = [];
  for (const fact of entry.facts.signedUrls ?? []) if (fact.startsAt !== undefined) starts.push(fact.startsAt);
  return starts;
}

/** Index of the first moment at or after `time` in an ascending list (its length when none is). */
function firstAtOrAfter(moments: readonly number[], time: number): number {
  let low = 0;
  let high = moments.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (moments[middle] < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
