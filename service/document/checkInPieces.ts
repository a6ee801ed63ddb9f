import type { ParsedElement } from '../json/parser';
import { TextPieces } from '../text/textPieces';
import { validateRow, type RowResult } from '../validation/validateRow';
import type { ValidationContext } from '../validation/validationContext';
import type { CheckedRows, RowEntry } from './importDocument';
import { checkDeferredRow, checkElement, rowEntry } from './rowEntries';
import { RowSplitter } from './rowSplitter';

/** Rows whose reading was deferred, handed to a checker together. */
export interface RowBatch {
  /** The text from the first row's start to the last row's end. */
  text: string;
  /** Three numbers per row: its start and end in `text`, and the keys the quick scan counted. */
  rows: number[];
}

/** Reads and checks batches of rows (`checkDeferredRow` for each), here or on other threads. */
export interface RowBatchChecker {
  /** One result per row; undefined for a row whose quick read failed. */
  check(batch: RowBatch, context: ValidationContext): Promise<Array<RowResult | undefined>>;
}

/** Checks batches on the calling thread. */
export const checkBatchHere: RowBatchChecker = {
  check: (batch, context) => Promise.resolve(checkBatch(batch, context)),
};

export function checkBatch(batch: RowBatch, context: ValidationContext): Array<RowResult | undefined> {
  const results: Array<RowResult | undefined> = [];
  const { text, rows } = batch;
  for (let index = 0; index < rows.length; index += 3) results.push(checkDeferredRow(text.slice(rows[index], rows[index + 1]), rows[index + 2], context));
  return results;
}

export interface CheckInPiecesOptions {
  checker?: RowBatchChecker;
  /** About how many characters of rows go into one batch. */
  batchLength?: number;
  /** How many batches may be out being checked at once: bounds the memory the check holds. */
  maxPending?: number;
  /** Called as rows are checked, with the offset up to which the text is checked. */
  onProgress?: (checkedUpTo: number) => void;
  /**
   * Read ordinary rows with JSON.parse as they are found and check them here, instead of in
   * batches by `checker`: for a text no worker thread will check, where deferring the reading
   * only adds a scan of every row.
   */
  readRowsHere?: boolean;
}

export interface CheckedPieces {
  checked: CheckedRows;
  /** The text as it arrived. */
  pieces: TextPieces;
}

const DEFAULT_BATCH_LENGTH = 512 * 1024;
const DEFAULT_MAX_PENDING = 8;

/** A row checked here, or a batch of rows out to the checker, in text order. */
type Unit = { entry: RowEntry } | { elements: ParsedElement[]; results: Promise<Array<RowResult | undefined>>; done: boolean };

/**
 * Finds and checks the rows of a text that arrives in pieces (a file read in chunks), giving
 * exactly the rows and problems a whole parse of the text gives (`ImportDocument`). The rows
 * are found here in order; ordinary rows are read and checked in batches by `checker`, which
 * may work on other threads while the text is still arriving. A row whose quick read fails
 * there is parsed again here, from its start, with the tolerant parser.
 */
export async function checkInPieces(
  source: AsyncIterable<string> | Iterable<string>,
  context: ValidationContext,
  options: CheckInPiecesOptions = {},
): Promise<CheckedPieces> {
  const checker = options.checker ?? checkBatchHere;
  const batchLength = options.batchLength ?? DEFAULT_BATCH_LENGTH;
  const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  const pieces = new TextPieces();
  const splitter = new RowSplitter(!options.readRowsHere, (start, end) => pieces.slice(start, end));
  const rows: RowEntry[] = [];
  let queue: Unit[] = [];
  let batch: ParsedElement[] = [];
  let batchChars = 0;

  const flush = () => {
    if (!batch.length) return;
    const base = batch[0].start;
    const text = pieces.slice(base, batch[batch.length - 1].valueEnd);
    const offsets: number[] = [];
    for (const element of batch) offsets.push(element.start - base, element.valueEnd - base, element.keys!);
    const unit: Unit = { elements: batch, results: checker.check({ text, rows: offsets }, context), done: false };
    void unit.results.then(
      () => (unit.done = true),
      () => (unit.done = true),
    );
    queue.push(unit);
    batch = [];
    batchChars = 0;
  };
  const take = (elements: readonly ParsedElement[]) => {
    for (const element of elements) {
      if (element.keys !== undefined) {
        batch.push(element);
        batchChars += element.valueEnd - element.start;
        if (batchChars >= batchLength) flush();
      } else {
        flush();
        queue.push({ entry: checkHere(element, pieces, context) });
      }
    }
  };
  const pending = () => queue.reduce((count, unit) => count + ('entry' in unit || unit.done ? 0 : 1), 0);

  const progress = () => options.onProgress?.(rows.length ? rows[rows.length - 1].start + rows[rows.length - 1].valueLength : 0);
  /** Takes the results at the head of the queue in order; waits for them only when `wait`. */
  const merge = async (wait: boolean) => {
    while (queue.length) {
      const unit = queue[0];
      if ('entry' in unit) {
        rows.push(unit.entry);
        queue.shift();
        // Rows checked here come many at a time (all of a text's with readRowsHere): progress after the run.
        if (!queue.length || !('entry' in queue[0])) progress();
        continue;
      }
      if (!unit.done && !wait) return;
      const results = await unit.results;
      queue.shift();
      const failed = mergeBatch(unit.elements, results, rows);
      if (failed) {
        // Everything after the failed row was found under the assumption it was valid: find it again.
        queue = [];
        batch = [];
        batchChars = 0;
        take(splitter.restartAt(failed.start));
      }
      progress();
    }
  };

  for await (const piece of source) {
    pieces.add(piece);
    take(splitter.push(piece, false));
    await merge(false);
    while (pending() > maxPending) await mergeOldest(queue, () => merge(false));
  }
  take(splitter.push('', true));
  flush();
  while (queue.length || batch.length) {
    flush();
    await merge(true);
  }
  return { checked: { layout: splitter.layout, rows, problems: splitter.problems }, pieces };
}

/**
 * A row checked here, in its place: one the splitter read with JSON.parse (`readRowsHere`), or
 * one it parsed with positions (not an ordinary row).
 */
function checkHere(element: ParsedElement, pieces: TextPieces, context: ValidationContext): RowEntry {
  if (element.value === undefined) return rowEntry(element.start, element.valueEnd - element.start, validateRow(element.node, context));
  const rowText = pieces.slice(element.start, element.valueEnd);
  return checkElement({ ...element, start: 0, valueEnd: rowText.length }, rowText, element.start, context);
}

/** Adds a batch's rows in order; returns the first row whose quick read failed (rows after it are not added). */
function mergeBatch(elements: readonly ParsedElement[], results: ReadonlyArray<RowResult | undefined>, rows: RowEntry[]): ParsedElement | undefined {
  for (let index = 0; index < elements.length; index++) {
    const result = results[index];
    const element = elements[index];
    if (!result) return element;
    rows.push(rowEntry(element.start, element.valueEnd - element.start, result));
  }
  return undefined;
}

/** Waits for the oldest batch still out, then merges what is done. */
async function mergeOldest(queue: readonly Unit[], merge: () => Promise<void>): Promise<void> {
  const oldest = queue.find((unit) => !('entry' in unit) && !unit.done);
  if (oldest && !('entry' in oldest)) await oldest.results.catch(() => undefined);
  await merge();
}
