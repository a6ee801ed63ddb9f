/**
 * Runs tasks with at most `total` at once and at most `perHost` for any one host. Hosts take
 * turns, so that a file whose first 9,000 URLs are on one slow host still checks the others.
 * No Node API: a plain queue.
 */
export interface LimiterBounds {
  total: number;
  perHost: number;
}

interface HostQueue {
  host: string;
  tasks: Array<() => Promise<void>>;
  /** Index of the next task to start (the array is not shifted: 10,000 shifts cost). */
  next: number;
  running: number;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostQueue>();
  /** Hosts with tasks waiting, in turn order. */
  private readonly turns: HostQueue[] = [];
  private running = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly bounds: LimiterBounds) {}

  /** Queues a task for a host; it starts when the bounds allow. Its errors are its own to handle. */
  add(host: string, task: () => Promise<void>): void {
    if (this.stopped) return;
    let queue = this.hosts.get(host);
    if (!queue) this.hosts.set(host, (queue = { host, tasks: [], next: 0, running: 0 }));
    queue.tasks.push(task);
    if (queue.tasks.length - queue.next === 1) this.turns.push(queue);
    this.pump();
  }

  /** Drops every task not started yet; running ones finish (their own signal stops them). */
  stop(): void {
    this.stopped = true;
    for (const queue of this.hosts.values()) queue.next = queue.tasks.length;
    this.turns.length = 0;
    this.settleIfIdle();
  }

  /** Resolves once no task runs and none waits. */
  idle(): Promise<void> {
    if (this.running === 0 && this.turns.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    let passes = this.turns.length;
    while (this.running < this.bounds.total && this.turns.length && passes > 0) {
      const queue = this.turns.shift()!;
      if (queue.running >= this.bounds.perHost) {
        // This host is full: its turn goes to the back; try the next host.
        this.turns.push(queue);
        passes--;
        continue;
      }
      passes = this.turns.length;
      const task = queue.tasks[queue.next];
      queue.tasks[queue.next++] = undefined as unknown as () => Promise<void>;
      if (queue.next < queue.tasks.length) this.turns.push(queue);
      this.start(queue, task);
    }
  }

  private start(queue: HostQueue, task: () => Promise<void>): void {
    this.running++;
    queue.running++;
    const finish = () => {
      this.running--;
      queue.running--;
      if (!this.stopped) this.pump();
      this.settleIfIdle();
    };
    let promise: Promise<void>;
    try {
      promise = task();
    } catch {
      promise = Promise.resolve();
    }
    promise.then(finish, finish);
  }

  private settleIfIdle(): void {
    if (this.running !== 0 || this.turns.length !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
