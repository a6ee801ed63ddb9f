import type { ParsedElement } from '../json/parser';
import { FifoQueue } from '../../common/fifoQueue';
import { TextPieces } from '../text/textPieces';
import { validateRow, type RowResult } from '../validation/validateRow';
import type { ValidationContext } from '../validation/validationContext';
import { tooManyElementsToCheck, type CheckedRows, type RowEntry } from './importDocument';
import { MAX_CHECKED_ELEMENTS } from './elementCap';
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
  const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  const pieces = new TextPieces();
  const splitter = new RowSplitter(!options.readRowsHere, (start, end) => pieces.slice(start, end));
  const rows: RowEntry[] = [];
  const queue = new UnitQueue(pieces, checker, context, options.batchLength ?? DEFAULT_BATCH_LENGTH);
  /** Elements found so far, in order; past MAX_CHECKED_ELEMENTS the rest of the text is only kept. */
  let found = 0;
  let tooMany = false;

  const take = (elements: readonly ParsedElement[]) => {
    for (const element of elements) {
      if (++found > MAX_CHECKED_ELEMENTS) {
        // What was found is dropped at once (batches still out are left to end unread).
        tooMany = true;
        rows.length = 0;
        queue.clear();
        return;
      }
      if (element.keys !== undefined) queue.addToBatch(element);
      else queue.addChecked(checkHere(element, pieces, context));
    }
  };

  const progress = () => options.onProgress?.(rows.length ? rows[rows.length - 1].start + rows[rows.length - 1].valueLength : 0);
  /** Takes the results at the head of the queue in order; waits for them only when `wait`. */
  const merge = async (wait: boolean) => {
    for (let unit = queue.units.peek(); unit; unit = queue.units.peek()) {
      if ('entry' in unit) {
        rows.push(unit.entry);
        queue.units.take();
        // Rows checked here come many at a time (all of a text's with readRowsHere): progress after the run.
        const next = queue.units.peek();
        if (!next || !('entry' in next)) progress();
        continue;
      }
      if (!unit.done && !wait) return;
      const results = await unit.results;
      queue.units.take();
      const failed = mergeBatch(unit.elements, results, rows);
      if (failed) {
        // Everything after the failed row was found under the assumption it was valid: find it again.
        queue.clear();
        found = rows.length;
        take(splitter.restartAt(failed.start));
        if (tooMany) return;
      }
      progress();
    }
  };

  for await (const piece of source) {
    pieces.add(piece);
    if (tooMany) continue;
    take(splitter.push(piece, false));
    await merge(false);
    while (queue.pending > maxPending && !tooMany) await mergeOldest(queue.units, () => merge(false));
  }
  if (!tooMany) take(splitter.push('', true));
  while (!queue.isEmpty && !tooMany) {
    queue.flush();
    await merge(true);
  }
  if (tooMany) return { checked: tooManyElementsToCheck(), pieces };
  return { checked: { layout: splitter.layout, rows, problems: splitter.problems }, pieces };
}

/** The rows found, in text order: checked here, or in batches out to the checker. */
class UnitQueue {
  readonly units = new FifoQueue<Unit>();
  private batch: ParsedElement[] = [];
  private batchChars = 0;

  constructor(
    private readonly pieces: TextPieces,
    private readonly checker: RowBatchChecker,
    private readonly context: ValidationContext,
    private readonly batchLength: number,
  ) {}

  /** Nothing queued and no batch being filled. */
  get isEmpty(): boolean {
    return !this.units.length && !this.batch.length;
  }

  /** How many batches are out being checked. */
  get pending(): number {
    let count = 0;
    for (const unit of this.units) if (!('entry' in unit) && !unit.done) count++;
    return count;
  }

  /** An ordinary row, read and checked later with the others of its batch. */
  addToBatch(element: ParsedElement): void {
    this.batch.push(element);
    this.batchChars += element.valueEnd - element.start;
    if (this.batchChars >= this.batchLength) this.flush();
  }

  /** A row checked here, after the rows queued before it (the batch being filled goes out first). */
  addChecked(entry: RowEntry): void {
    this.flush();
    this.units.push({ entry });
  }

  /** Sends the batch being filled to the checker. */
  flush(): void {
    const batch = this.batch;
    if (!batch.length) return;
    const base = batch[0].start;
    const text = this.pieces.slice(base, batch[batch.length - 1].valueEnd);
    const offsets: number[] = [];
    for (const element of batch) offsets.push(element.start - base, element.valueEnd - base, element.keys!);
    const unit: Unit = { elements: batch, results: this.checker.check({ text, rows: offsets }, this.context), done: false };
    void unit.results.then(
      () => (unit.done = true),
      () => (unit.done = true),
    );
    this.units.push(unit);
    this.batch = [];
    this.batchChars = 0;
  }

  /** Drops what is queued (batches still out end unread). */
  clear(): void {
    this.units.clear();
    this.batch = [];
    this.batchChars = 0;
  }
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
async function mergeOldest(queue: Iterable<Unit>, merge: () => Promise<void>): Promise<void> {
  for (const unit of queue) {
    if ('entry' in unit || unit.done) continue;
    await unit.results.catch(() => undefined);
    break;
  }
  await merge();
}
