/**
 * What the client does when the language server stops on its own: restart it, a bounded number
 * of times within a while, logging one plain line each time; then leave it stopped with one
 * message. (What the server writes when it fails is short too: server/lsp/serverMain.ts.)
 * No `vscode` import, so it is unit-tested directly.
 */

export interface CloseDecision {
  restart: boolean;
  /** One line for the output channel. */
  log: string;
  /** Shown to the user once, when the server is left stopped. */
  message?: string;
}

export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class RestartPolicy {
  private stops: number[] = [];

  constructor(
    private readonly maxRestarts = MAX_RESTARTS,
    private readonly windowMs = RESTART_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server stopped unexpectedly. */
  closed(): CloseDecision {
    const time = this.now();
    this.stops = this.stops.filter((stop) => time - stop < this.windowMs);
    this.stops.push(time);
    const minutes = Math.round(this.windowMs / 60_000);
    if (this.stops.length <= this.maxRestarts) {
      return {
        restart: true,
        log: `The Labelbox import language server stopped unexpectedly; starting it again (${this.stops.length} of ${this.maxRestarts} restarts within ${minutes} minutes).`,
      };
    }
    const message = `The Labelbox import language server stopped ${this.stops.length} times within ${minutes} minutes and was not started again. The "Labelbox Import" output says why; run "Labelbox: Restart Language Server" to start it.`;
    return { restart: false, log: message, message };
  }

  /** The user restarted the server: count afresh. */
  reset(): void {
    this.stops = [];
  }
}
