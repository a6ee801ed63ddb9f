import { URI } from 'vscode-uri';
import { CheckFromDiskRequest, CloseFromDiskNotification, type CheckFromDiskResult } from '../../common/protocol';
import { SNIFF_READ_LENGTH } from '../../service';
import { StringDecoder } from 'node:string_decoder';
import { checkFile, type RowCheckers } from '../node/checkFile';
import { readFileCapped } from '../../common/node/readCapped';
import type { TrackedDocument } from './documentStore';
import type { ServerContext } from './serverContext';

export interface DiskFileOptions {
  checkers: RowCheckers;
  /** Reads the settings of a document (globs, detection) before deciding whether it is an import file. */
  loadSettings(uri: string): Promise<void>;
  isImportFile(uri: string, textStart: string): boolean;
  /** A file checked from disk is no longer shown. */
  closed?(uri: string): void;
}

/**
 * Import files checked from disk: VS Code does not hand files over 50 MB to extensions, so the
 * client asks for them to be read here. The file is read in chunks (with a byte cap) and
 * checked as it is read; its problems and status are published as for any document, and
 * the client asks again when the file changes on disk (after a save).
 */
export function registerDiskFiles(context: ServerContext, options: DiskFileOptions): void {
  const { connection, documents, diagnostics, validationContextFor } = context;

  connection.onRequest(CheckFromDiskRequest, async ({ uri }): Promise<CheckFromDiskResult> => {
    const path = filePathOf(uri);
    if (!path) return { isImportFile: false, notChecked: 'only files on disk can be read by the language server' };
    await options.loadSettings(uri);
    let start = '';
    let unreadable: string | undefined;
    try {
      // Up to four bytes a character: enough bytes for the characters detection reads.
      // (A character cut at the end is left out by the decoder.)
      start = new StringDecoder('utf8').write((await readFileCapped(path, SNIFF_READ_LENGTH * 4)).bytes);
    } catch (error) {
      unreadable = describeError(error);
    }
    if (!options.isImportFile(uri, start)) return { isImportFile: false, notChecked: unreadable };
    const catalogContext = validationContextFor(uri);
    let tracked: TrackedDocument | undefined;
    const checking = unreadable
      ? Promise.reject(new Error(unreadable))
      : checkFile(path, catalogContext, {
          checkers: options.checkers,
          stripByteOrderMark: true,
          onProgress: (fraction) => tracked && documents.reportProgress(tracked, fraction),
        }).then(
          ({ checked, pieces }) => ({ checked, pieces: pieces.pieces, context: catalogContext }),
          (error: unknown) => {
            throw new Error(describeError(error));
          },
        );
    tracked = documents.openFromDisk(uri, checking);
    diagnostics.sendProgress(tracked);
    return { isImportFile: true, notChecked: unreadable };
  });

  connection.onNotification(CloseFromDiskNotification, ({ uri }) => {
    const wasFromDisk = documents.get(uri)?.origin === 'disk';
    documents.closeFromDisk(uri);
    if (wasFromDisk) diagnostics.clear(uri);
    if (wasFromDisk) options.closed?.(uri);
  });
}

function filePathOf(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/** Why a file could not be read, in words for the language status. */
export function describeError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'the file does not exist (any more)';
    case 'EACCES':
    case 'EPERM':
      return 'permission to read the file was denied';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
