import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

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
  let fd = openSync(path, constants.O_RDONLY | NON_BLOCKING);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
    if (!stat.isFile()) {
      if (!options.allowSpecialFiles) throw notRegular(path);
      closeSync(fd);
      fd = openSync(path, constants.O_RDONLY);
    }
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
  let handle = await open(path, constants.O_RDONLY | NON_BLOCKING);
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
    if (!stat.isFile()) {
      if (!options.allowSpecialFiles) throw notRegular(path);
      await handle.close();
      handle = await open(path, constants.O_RDONLY);
    }
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

function notRegular(path: string): NotRegularFileError {
  return new NotRegularFileError(`${path} is not a regular file (a device, a pipe or a socket).`);
}
