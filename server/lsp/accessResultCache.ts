import type { AccessResult } from '../../common/assetAccess';

/** How often expired results are swept out when read. */
const SWEEP_INTERVAL_MS = 10_000;

/**
 * The asset access check's results by URL, each kept for the time the client asked
 * (labelboxImport.assetCheck.cacheMinutes): a second check asks only the other URLs, and the
 * problems and the gallery show them meanwhile. Expired results are dropped when read.
 */
export class AccessResultCache {
  private readonly results = new Map<string, AccessResult & { until: number }>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  add(results: readonly AccessResult[], keepMs: number): void {
    const until = this.now() + keepMs;
    for (const result of results) this.results.set(result.url, { ...result, until });
  }

  /** Live results by URL (the map itself: read it, do not keep it). */
  live(): ReadonlyMap<string, AccessResult> {
    const now = this.now();
    if (now - this.sweptAt >= SWEEP_INTERVAL_MS || this.results.size === 0) {
      this.sweptAt = now;
      for (const [url, result] of this.results) if (result.until <= now) this.results.delete(url);
    }
    return this.results;
  }

  get(url: string): AccessResult | undefined {
    const result = this.results.get(url);
    return result && result.until > this.now() ? result : undefined;
  }
}
