import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { checkBatch, createValidationContext, MetadataCatalog, type MetadataField, type RowBatch, type ValidationContext } from '../../service';

/** Messages from the pool to a check worker. */
export type ToCheckWorker =
  | { type: 'catalog'; id: number; customFields: readonly MetadataField[] | undefined; origin: MetadataCatalog['origin'] }
  | { type: 'check'; job: number; catalog: number; batch: RowBatch };

/** The answer to a `check`: a JSON array with one result per row, or null for a row whose quick read failed. */
export interface FromCheckWorker {
  job: number;
  results: string;
}

/** Marks a worker started by the pool, in its workerData. */
export const CHECK_WORKER_MARK = 'labelbox-import check worker';

/** Reads and checks the batches of rows the pool sends, with the organization's metadata catalogs it sent before. */
export function serveChecks(port: MessagePort): void {
  const contexts = new Map<number, ValidationContext>();
  port.on('message', (message: ToCheckWorker) => {
    if (message.type === 'catalog') {
      contexts.set(message.id, createValidationContext(new MetadataCatalog(message.customFields, message.origin)));
      return;
    }
    const context = contexts.get(message.catalog) ?? createValidationContext();
    const results = checkBatch(message.batch, context).map((result) => result ?? null);
    // As JSON text: copying one string to the main thread and parsing it there is several
    // times faster than cloning thousands of small objects.
    port.postMessage({ job: message.job, results: JSON.stringify(results) } satisfies FromCheckWorker);
  });
}

if (!isMainThread && parentPort && workerData === CHECK_WORKER_MARK) serveChecks(parentPort);
