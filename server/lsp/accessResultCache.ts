import { isAccessFailure, type AccessResult } from '../../common/assetAccess';

/** How often expired results are swept out when read. */
const SWEEP_INTERVAL_MS = 10_000;

/**
 * The asset access check's results by URL, each kept for the time the client asked
 * (labelboxImport.assetCheck.cacheMinutes): a second check asks only the other URLs, and the
 * problems and the gallery show them meanwhile. Expired results are dropped when read.
 */
export class AccessResultCache {
  private readonly results = new Map<string, AccessResult & { until: number }>();
  /** The failures among them: what the problems are made of after every edit (most results are successes). */
  private readonly failures = new Map<string, AccessResult & { until: number }>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  add(results: readonly AccessResult[], keepMs: number): void {
    const until = this.now() + keepMs;
    for (const result of results) {
      const kept = { ...result, until };
      this.results.set(result.url, kept);
      if (isAccessFailure(result.verdict)) this.failures.set(result.url, kept);
      else this.failures.delete(result.url);
    }
  }

  /** The live failures by URL (the map itself: read it, do not keep it). */
  liveFailures(): ReadonlyMap<string, AccessResult> {
    const now = this.now();
    if (now - this.sweptAt >= SWEEP_INTERVAL_MS) {
      this.sweptAt = now;
      for (const [url, result] of this.results) {
        if (result.until > now) continue;
        this.results.delete(url);
        this.failures.delete(url);
      }
    }
    return this.failures;
  }

  get(url: string): AccessResult | undefined {
    const result = this.results.get(url);
    return result && result.until > this.now() ? result : undefined;
  }
}
