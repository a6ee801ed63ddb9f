import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open, stat as statPath, type FileHandle } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8 } from '../utf8';
import { formatCount } from '../formatCount';

/**
 * Reading a file that a workspace or a command line names, with a byte cap that holds for
 * every kind of file: the bytes are read in chunks and reading stops once the cap is passed.
 * The size `stat` gives is no bound: /dev/zero says 0 and never ends, a pipe says 0 and ends
 * when its writer stops. By default only regular files are read (a device or a pipe is
 * refused without reading; opened non-blocking, so a pipe without a writer does not hang).
 */

export interface CappedRead {
  /** At most maxBytes bytes. */
  bytes: Buffer;
  /** The file had more than maxBytes bytes; `bytes` is its beginning. */
  truncated: boolean;
}

export interface ReadCappedOptions {
  /** Also read devices and pipes (the CLI's explicit arguments: `<(command)` is a pipe). */
  allowSpecialFiles?: boolean;
}

/** The file is a device, a pipe or a socket, and such files are not read here. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREGULAR';
}

const CHUNK_BYTES = 64 * 1024;
// Not on Windows, where opening does not block on a pipe either.
const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

export function readFileCappedSync(path: string, maxBytes: number, options: ReadCappedOptions = {}): CappedRead {
  // A special file that may be read is opened blocking at once: opening a pipe non-blocking and
  // then again would let its writer write into the first opening and lose what it wrote.
  const special = options.allowSpecialFiles && isSpecialSync(path);
  const fd = openSync(path, special ? constants.O_RDONLY : constants.O_RDONLY | NON_BLOCKING);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw isDirectory(path);
    if (!stat.isFile() && !special) throw notRegular(path);
    const chunks: Buffer[] = [];
    let total = 0;
    // One byte past the cap tells that there was more.
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.byteLength, null);
      if (read === 0) break;
      chunks.push(read === chunk.byteLength ? chunk : chunk.subarray(0, read));
      total += read;
    }
    return capped(chunks, total, maxBytes);
  } finally {
    closeSync(fd);
  }
}

export async function readFileCapped(path: string, maxBytes: number, options: ReadCappedOptions = {}): Promise<CappedRead> {
  const { handle } = await openForReading(path, options);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.byteLength, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.byteLength ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return capped(chunks, total, maxBytes);
  } finally {
    await handle.close();
  }
}

function capped(chunks: Buffer[], total: number, maxBytes: number): CappedRead {
  const bytes = Buffer.concat(chunks, total);
  return total > maxBytes ? { bytes: bytes.subarray(0, maxBytes), truncated: true } : { bytes, truncated: false };
}

/**
 * Opens a file to read it whole. Regular files are opened non-blocking, so that a pipe put in
 * their place is refused without waiting for a writer; a special file that may be read is opened
 * blocking at once (see readFileCappedSync).
 */
async function openForReading(path: string, options: ReadCappedOptions): Promise<{ handle: FileHandle; size: number | undefined }> {
  const special = options.allowSpecialFiles === true && (await isSpecial(path));
  const handle = await open(path, special ? constants.O_RDONLY : constants.O_RDONLY | NON_BLOCKING);
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw isDirectory(path);
    if (!stat.isFile() && !special) throw notRegular(path);
    return { handle, size: stat.isFile() ? stat.size : undefined };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A path that names a device, a pipe or a socket (a missing path is left to open to report). */
async function isSpecial(path: string): Promise<boolean> {
  const stat = await statPath(path).catch(() => undefined);
  return stat !== undefined && !stat.isFile() && !stat.isDirectory();
}

function isSpecialSync(path: string): boolean {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat !== undefined && !stat.isFile() && !stat.isDirectory();
}

function isDirectory(path: string): Error {
  return Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
}

function notRegular(path: string): NotRegularFileError {
  return new NotRegularFileError(`${path} is not a regular file (a device, a pipe or a socket).`);
}

/** The file has more bytes than the cap; nothing of it is checked. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${formatCount(Math.round(maxBytes / (1024 * 1024)))} MB, too large to check`);
  }
}

/** Where the bytes of a text stopped being UTF-8: the byte, and the offset in the decoded text (where U+FFFD stands). */
export interface InvalidUtf8 {
  byteOffset: number;
  textOffset: number;
  byte: number;
}

export interface ReadTextOptions extends ReadCappedOptions {
  /** Drop a UTF-8 byte order mark, as VS Code does when it opens a file. */
  stripByteOrderMark?: boolean;
  /** Called with the file's size in bytes (0 for a device or a pipe) before the first chunk. */
  onSize?: (bytes: number) => void;
  /** Called once, at the first byte that is not UTF-8 (decoded as U+FFFD, as VS Code and Node decode it). */
  onInvalidUtf8?: (invalid: InvalidUtf8) => void;
  /**
   * A regular file no bigger than this comes as one text, decoded at once: a caller that joins
   * the chunks anyway saves that copy. Bigger files (and pipes) come in chunks of a few megabytes.
   */
  wholeUpToBytes?: number;
}

const TEXT_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * A file as UTF-8 text in chunks of a few megabytes, with the same byte cap as
 * readFileCapped: more than `maxBytes` bytes throw FileTooLargeError, before the whole file is
 * read when stat knows its size. A character split between two chunks comes whole in the second.
 */
export async function* readTextChunks(path: string, maxBytes: number, options: ReadTextOptions = {}): AsyncGenerator<string> {
  const { handle, size } = await openForReading(path, options);
  try {
    if (size !== undefined && size > maxBytes) throw new FileTooLargeError(maxBytes);
    options.onSize?.(size ?? 0);
    const read = async (buffer: Buffer) => (await handle.read(buffer, 0, buffer.byteLength, null)).bytesRead;
    const whole = size !== undefined && size <= (options.wholeUpToBytes ?? 0);
    // One byte more than the size, so that a file that grew since stat still ends in a short read.
    yield* decodeChunks(read, maxBytes, options, whole ? size + 1 : TEXT_CHUNK_BYTES);
  } finally {
    await handle.close();
  }
}

/** Byte chunks (standard input) as UTF-8 text chunks, with the same cap and checks as readTextChunks. */
export async function* decodeByteChunks(chunks: AsyncIterable<Buffer>, maxBytes: number, options: ReadTextOptions = {}): AsyncGenerator<string> {
  const iterator = chunks[Symbol.asyncIterator]();
  let pending: Buffer | undefined;
  // Fills `buffer` from the chunks as they come, keeping what does not fit for the next call.
  const read = async (buffer: Buffer) => {
    let filled = 0;
    while (filled < buffer.byteLength) {
      if (!pending?.byteLength) {
        const next = await iterator.next();
        if (next.done) break;
        pending = next.value;
      }
      const taken = pending.copy(buffer, filled, 0, Math.min(pending.byteLength, buffer.byteLength - filled));
      pending = pending.subarray(taken);
      filled += taken;
    }
    return filled;
  };
  try {
    yield* decodeChunks(read, maxBytes, options);
  } finally {
    await iterator.return?.();
  }
}

/**
 * Reads bytes with `read` and yields them decoded. Each chunk is decoded up to its last whole
 * character (the few bytes of a cut one start the next chunk), and checked for bytes that are
 * not UTF-8 with Buffer.isUtf8, which is fast on the valid text of nearly every file.
 */
async function* decodeChunks(
  read: (buffer: Buffer) => Promise<number>,
  maxBytes: number,
  options: ReadTextOptions,
  chunkBytes = TEXT_CHUNK_BYTES,
): AsyncGenerator<string> {
  const buffer = Buffer.allocUnsafe(chunkBytes + 4);
  let carried = 0;
  let bytesBefore = 0;
  let textBefore = 0;
  let invalidSeen = false;
  let first = true;
  for (;;) {
    const bytesRead = await read(buffer.subarray(carried, carried + chunkBytes));
    const end = carried + bytesRead;
    if (bytesBefore + end > maxBytes) throw new FileTooLargeError(maxBytes);
    const whole = bytesRead === 0 ? end : end - cutCharacterLength(buffer, end);
    if (whole === 0 && bytesRead === 0) break;
    const bytes = buffer.subarray(0, whole);
    let text = bytes.toString('utf8');
    // Characters dropped from the start of this chunk's text (a byte order mark).
    let dropped = 0;
    if (first && text.length) {
      first = false;
      if (options.stripByteOrderMark && text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        dropped = 1;
      }
    }
    if (!invalidSeen && !isUtf8(bytes)) {
      invalidSeen = true;
      const at = firstInvalidUtf8(bytes);
      const textOffset = textBefore + bytes.subarray(0, at).toString('utf8').length - dropped;
      options.onInvalidUtf8?.({ byteOffset: bytesBefore + at, textOffset, byte: bytes[at] });
    }
    bytesBefore += whole;
    textBefore += text.length;
    if (text) yield text;
    if (bytesRead === 0) break;
    carried = buffer.copy(buffer, 0, whole, end);
  }
}

/** How many bytes at the end of buffer[0, end) begin a character that the next bytes finish (0 to 3). */
function cutCharacterLength(buffer: Buffer, end: number): number {
  for (let back = 1; back <= Math.min(3, end); back++) {
    const byte = buffer[end - back];
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? back : 0;
    }
  }
  return 0;
}
