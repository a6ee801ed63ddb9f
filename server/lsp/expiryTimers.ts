/**
 * One timer per open import file for the moment its signed URL verdicts next change by
 * themselves (a URL expires, enters the "expiring soon" window, or the time left shown moves
 * on): the file's problems are published again then, without an edit. Set after each publish
 * from `nextSignedUrlChange`, cleared when the file closes.
 */

/**
 * The longest wait armed at once. Node fires a timer at once when its delay exceeds 2^31-1 ms
 * (24.8 days); a longer wait is taken in steps, each just publishing again and re-arming.
 */
export const MAX_EXPIRY_WAIT_MS = 60 * 60 * 1000;

export class ExpiryTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** Calls `fire` at `moment` (ms since 1970), or not at all when it is undefined; replaces the uri's earlier timer. */
  arm(uri: string, moment: number | undefined, fire: () => void): void {
    this.clear(uri);
    if (moment === undefined) return;
    // One millisecond past the moment: the verdict changes once `now` has reached it.
    const delay = Math.min(Math.max(moment - Date.now() + 1, 0), MAX_EXPIRY_WAIT_MS);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      fire();
    }, delay);
    // It must not keep a server that is shutting down alive.
    timer.unref();
    this.timers.set(uri, timer);
  }

  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }
}
