import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { checkBatchHere, checkInPieces, ImportDocument, TextPieces, type CheckedRows, type RowBatchChecker, type ValidationContext } from '../../service';
import { CheckWorkerPool } from './checkWorkerPool';
import { readTextChunks, type ReadTextOptions } from '../../common/node/readCapped';

/**
 * The most bytes of one import file that are checked: the longest text a JavaScript string can
 * hold is about 512 MiB of ASCII, and Labelbox's limit of 150,000 rows of a few kilobytes each
 * (about 300 MB at 2 KB a row) stays below it.
 */
export const MAX_CHECKED_FILE_BYTES = 500 * 1024 * 1024;

/**
 * Below this many characters of rows, worker threads cost more than they save: each must load
 * its code and warm up its compiler, about a second of CPU before it checks at full speed. On
 * this project's 2-core test machine, 50,000 rows (34 MB) took 2.2-2.6 s on one thread and
 * 3.1 s with two workers, and 150,000 rows of 2 KB (326 MB) 10.8-11.5 s against 7.9-11 s.
 */
const PARALLEL_FROM_CHARACTERS = 48 * 1024 * 1024;

/**
 * Checks rows on this thread, or on worker threads for a big text when the machine has a core
 * to spare: on a machine whose cores are all busy, more threads only add their start-up work.
 */
export class RowCheckers implements RowBatchChecker {
  private pool: CheckWorkerPool | undefined;

  constructor(
    /** dist/checkWorker.js, or undefined to check on this thread only. */
    private readonly workerScript: string | undefined = defaultWorkerScript(),
    /** Cores not busy with other work (decided once per text). */
    private readonly idleCores: () => number = () => availableParallelism() - loadavg()[0],
  ) {}

  /** Whether a text this long may be checked on worker threads at all (else all of it is checked on this thread). */
  mayUseWorkers(length: number): boolean {
    return Boolean(this.workerScript) && length >= PARALLEL_FROM_CHARACTERS;
  }

  /** Whether big texts would now be checked on worker threads (a worker script, and a core to spare). */
  get parallel(): boolean {
    return Boolean(this.workerScript) && this.idleCores() >= 1;
  }

  /**
   * A checker for one text: on the workers when it is big and a core is idle, else here. With
   * the text's length known beforehand (a file's size), the workers start with its first rows;
   * otherwise once that many characters have been seen.
   */
  forText(expectedLength = 0): RowBatchChecker {
    let seen = 0;
    let parallel: boolean | undefined = expectedLength >= PARALLEL_FROM_CHARACTERS ? this.parallel : undefined;
    return {
      check: (batch, context) => {
        seen += batch.text.length;
        if (seen >= PARALLEL_FROM_CHARACTERS && parallel === undefined) parallel = this.parallel;
        if (!parallel) return checkBatchHere.check(batch, context);
        this.pool ??= new CheckWorkerPool(this.workerScript!);
        return this.pool.check(batch, context);
      },
    };
  }

  check(batch: Parameters<RowBatchChecker['check']>[0], context: ValidationContext): ReturnType<RowBatchChecker['check']> {
    return this.forText().check(batch, context);
  }

  close(): void {
    this.pool?.close();
    this.pool = undefined;
  }
}

/** The worker bundle next to the running bundle (dist/cli.js, dist/server.js). */
function defaultWorkerScript(): string | undefined {
  return typeof __dirname === 'string' && __dirname.endsWith('dist') ? resolve(__dirname, 'checkWorker.js') : undefined;
}

/** A file read and checked: its text in the pieces it was read in, and its rows. */
export interface CheckedFile {
  pieces: TextPieces;
  /**
   * The rows, checked as the text was read; undefined for a text short enough to be parsed
   * whole, at once, when its document is made (`documentOf`).
   */
  checked?: CheckedRows;
}

export interface CheckFileOptions extends ReadTextOptions {
  /** The byte cap (MAX_CHECKED_FILE_BYTES when not given). */
  maxBytes?: number;
  checkers?: RowCheckers;
  /** Called as rows are checked, with the fraction of the file done (0 to 1). */
  onProgress?: (fraction: number) => void;
}

/**
 * Texts shorter than this are parsed whole once read: checking in pieces costs more (50,000
 * rows, 34 MB: 2.5-3.0 s against 2.35-2.4 s on one thread), and pays only for texts big enough
 * for worker threads, or too big to keep twice in memory while they are joined.
 */
const IN_PIECES_FROM_LENGTH = PARALLEL_FROM_CHARACTERS;

/**
 * Reads a file in chunks (with a byte cap) and checks it as it is read: rows are found while
 * later chunks are still being read, and checked on worker threads for big files. The text is
 * kept in its pieces, never joined.
 */
export async function checkFile(path: string, context: ValidationContext, options: CheckFileOptions = {}): Promise<CheckedFile> {
  let size = 0;
  const chunks = readTextChunks(path, options.maxBytes ?? MAX_CHECKED_FILE_BYTES, {
    ...options,
    // A file short enough to be parsed whole comes as one text: no join of its chunks.
    wholeUpToBytes: IN_PIECES_FROM_LENGTH,
    onSize: (bytes) => ((size = bytes), options.onSize?.(bytes)),
  });
  return checkChunks(chunks, context, options, () => size);
}

/** Checks text that arrives in chunks (a file, standard input); `totalLength` is its size once known (0 when not). */
export async function checkChunks(
  chunks: AsyncIterable<string> | Iterable<string>,
  context: ValidationContext,
  options: CheckFileOptions = {},
  totalLength = () => 0,
): Promise<CheckedFile> {
  // The first chunks, up to IN_PIECES_FROM_LENGTH: all of a short text.
  const iterator = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]();
  const head = new TextPieces();
  let next = await iterator.next();
  while (!next.done && head.length < IN_PIECES_FROM_LENGTH) {
    head.add(next.value);
    next = await iterator.next();
  }
  if (next.done) return { pieces: head };
  const first = next.value;
  async function* rest(): AsyncGenerator<string> {
    yield* head.pieces;
    yield first;
    for (let chunk = await iterator.next(); !chunk.done; chunk = await iterator.next()) yield chunk.value;
  }
  let forText: RowBatchChecker | undefined;
  // Chosen at the first batch, when the file's size is known (it is read before the first chunk).
  const checker: RowBatchChecker = {
    check: (batch, batchContext) => (forText ??= options.checkers?.forText(totalLength()) ?? checkBatchHere).check(batch, batchContext),
  };
  return checkInPieces(rest(), context, {
    checker,
    onProgress: (offset) => {
      const total = totalLength();
      if (total > 0) options.onProgress?.(Math.min(1, offset / total));
    },
  });
}

/**
 * The import document of a checked file. A big file's document reads its text through the
 * pieces, never joined; a short one is parsed whole here, with `onProgress` as it goes.
 */
export function documentOf({ checked, pieces }: CheckedFile, context: ValidationContext, onProgress?: (fraction: number) => void): ImportDocument {
  if (!checked) {
    const text = pieces.pieces.join('');
    return new ImportDocument(text, context, onProgress && ((offset) => onProgress(offset / Math.max(1, text.length))));
  }
  const document = new ImportDocument(pieces.concatenated(), context, undefined, checked);
  document.useTextReader((start, end) => pieces.slice(start, end));
  return document;
}
