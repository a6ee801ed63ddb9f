import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/**
 * The most bytes of one import file that are checked: the longest text a JavaScript string can
 * hold is about 512 MiB of ASCII, and Labelbox's limit of 150,000 rows of a few kilobytes each
 * stays well below it.
 */
export const MAX_CHECKED_FILE_BYTES = 500 * 1024 * 1024;

const CHUNK_BYTES = 4 * 1024 * 1024;

/** The file is larger than the cap; nothing of it is checked. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${Math.round(maxBytes / (1024 * 1024)).toLocaleString('en-US')} MB, the most that is checked`);
  }
}

/** Not a regular file (a folder, a device, a pipe), where only regular files are read. */
export class NotARegularFileError extends Error {
  constructor() {
    super('it is not a regular file');
  }
}

export interface ReadOptions {
  maxBytes?: number;
  /** Only read regular files: a device or a pipe is refused before anything is read. */
  regularFilesOnly?: boolean;
  /** Drop a UTF-8 byte order mark, as VS Code does when it opens a file. */
  stripByteOrderMark?: boolean;
  /** Called with the file's size in bytes (0 when unknown, as for a pipe) before the first chunk. */
  onSize?: (bytes: number) => void;
  /** Called after each chunk with the bytes read so far. */
  onBytes?: (bytes: number) => void;
}

/**
 * Reads a file as UTF-8 text in chunks of a few megabytes, never more than `maxBytes` in all,
 * so that a device or a pipe that never ends cannot exhaust memory. Yields the decoded chunks;
 * a character split between two chunks comes whole in the second.
 */
export async function* readTextChunks(path: string, options: ReadOptions = {}): AsyncGenerator<string> {
  const maxBytes = options.maxBytes ?? MAX_CHECKED_FILE_BYTES;
  // Non-blocking, so that opening a FIFO without a writer does not wait forever.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    if (options.regularFilesOnly && !stat.isFile()) throw new NotARegularFileError();
    if (stat.isFile() && stat.size > maxBytes) throw new FileTooLargeError(maxBytes);
    options.onSize?.(stat.isFile() ? stat.size : 0);
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let total = 0;
    let first = true;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(maxBytes);
      options.onBytes?.(total);
      let text = decoder.write(buffer.subarray(0, bytesRead));
      if (first && text.length) {
        first = false;
        if (options.stripByteOrderMark && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    await handle.close();
  }
}

/**
 * The first `maxBytes` bytes of a file as text (a character cut at the end is dropped), to
 * decide whether it is an import file. Regular files only.
 */
export async function readTextStart(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new NotARegularFileError();
    const buffer = Buffer.alloc(Math.min(maxBytes, stat.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return new StringDecoder('utf8').write(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
