import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkBatch, type MetadataCatalog, type RowBatch, type RowBatchChecker, type RowResult, type ValidationContext } from '../../service';
import { CHECK_WORKER_MARK, type FromCheckWorker, type ToCheckWorker } from './checkWorker';

interface Job {
  resolve: (results: Array<RowResult | undefined>) => void;
  batch: RowBatch;
  context: ValidationContext;
}

interface PoolWorker {
  worker: Worker;
  jobs: Map<number, Job>;
  catalogs: Set<number>;
}

/** How long idle workers are kept: starting one takes about a tenth of a second. */
const IDLE_MS = 30_000;

/**
 * Reads and checks batches of rows on worker threads (`dist/checkWorker.js`), one per core, so
 * that a big file is checked on every core while the main thread finds the rows. Workers start
 * on the first batch and stop after a while without work. A batch whose worker fails is
 * checked on the main thread instead: the check never depends on the workers.
 */
export class CheckWorkerPool implements RowBatchChecker {
  private workers: PoolWorker[] = [];
  private nextJob = 1;
  private readonly catalogIds = new WeakMap<MetadataCatalog, number>();
  private nextCatalog = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private broken = false;
  /** Batches the workers checked (the rest were checked on this thread). */
  batchesOnWorkers = 0;

  constructor(
    private readonly script: string,
    readonly size = Math.max(1, availableParallelism()),
    /** Node options of the workers (`--import tsx` to run the TypeScript sources). */
    private readonly execArgv: string[] = [],
  ) {}

  check(batch: RowBatch, context: ValidationContext): Promise<Array<RowResult | undefined>> {
    const worker = this.broken ? undefined : this.leastBusy();
    if (!worker) return Promise.resolve(checkBatch(batch, context));
    clearTimeout(this.idleTimer);
    const job = this.nextJob++;
    const catalog = this.catalogId(context.catalog);
    if (!worker.catalogs.has(catalog)) {
      worker.catalogs.add(catalog);
      this.post(worker, { type: 'catalog', id: catalog, customFields: context.catalog.customFields, origin: context.catalog.origin });
    }
    return new Promise((resolve) => {
      // Referenced while it has work, so that a command-line run waits for it.
      worker.worker.ref();
      worker.jobs.set(job, { resolve, batch, context });
      this.post(worker, { type: 'check', job, catalog, batch });
    });
  }

  /** Stops the workers (they start again when needed). */
  close(): void {
    clearTimeout(this.idleTimer);
    const workers = this.workers;
    this.workers = [];
    for (const { worker, jobs } of workers) {
      worker.removeAllListeners('error');
      worker.removeAllListeners('exit');
      // A worker still starting may yet fail; that no longer matters.
      worker.on('error', () => undefined);
      void worker.terminate();
      this.checkHere(jobs);
    }
  }

  private post(worker: PoolWorker, message: ToCheckWorker): void {
    worker.worker.postMessage(message);
  }

  private leastBusy(): PoolWorker | undefined {
    while (this.workers.length < this.size) {
      const started = this.start();
      if (!started) break;
      this.workers.push(started);
    }
    let best: PoolWorker | undefined;
    for (const worker of this.workers) if (!best || worker.jobs.size < best.jobs.size) best = worker;
    return best;
  }

  private start(): PoolWorker | undefined {
    let worker: Worker;
    try {
      worker = new Worker(this.script, { workerData: CHECK_WORKER_MARK, execArgv: this.execArgv });
    } catch {
      this.broken = true;
      return undefined;
    }
    const entry: PoolWorker = { worker, jobs: new Map(), catalogs: new Set() };
    let answered = false;
    worker.unref();
    worker.on('message', ({ job, results }: FromCheckWorker) => {
      answered = true;
      const pending = entry.jobs.get(job);
      if (!pending) return;
      entry.jobs.delete(job);
      this.batchesOnWorkers++;
      if (!entry.jobs.size) worker.unref();
      pending.resolve((JSON.parse(results) as Array<RowResult | null>).map((result) => result ?? undefined));
      if (this.workers.every((other) => other.jobs.size === 0)) this.scheduleIdleStop();
    });
    const fail = () => {
      // A worker that cannot start (its script is missing) or dies: its batches are checked here.
      this.workers = this.workers.filter((other) => other !== entry);
      // One that never answered will not start next time either: stop trying.
      if (!answered) this.broken = true;
      this.checkHere(entry.jobs);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    return entry;
  }

  private checkHere(jobs: Map<number, Job>): void {
    for (const { resolve, batch, context } of jobs.values()) resolve(checkBatch(batch, context));
    jobs.clear();
  }

  private scheduleIdleStop(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(), IDLE_MS);
    this.idleTimer.unref();
  }

  private catalogId(catalog: MetadataCatalog): number {
    let id = this.catalogIds.get(catalog);
    if (id === undefined) {
      id = this.nextCatalog++;
      this.catalogIds.set(catalog, id);
    }
    return id;
  }
}
