import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { ImportDocument } from '../../service';
import type { TrackedDocument } from './documentStore';
import type { ServerContext } from './serverContext';

/**
 * Runs a request handler so that a cancelled request answers "cancelled" (checked before and
 * after the work) and a failure is logged instead of reaching the client as a crash.
 */
export function runSafe<T>(connection: Connection, token: CancellationToken, fallback: T, name: string, work: () => T): T | ResponseError<void> {
  if (token.isCancellationRequested) return cancelled();
  try {
    const result = work();
    return token.isCancellationRequested ? cancelled() : result;
  } catch (error) {
    connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

/**
 * runSafe for a request about a document, answering `fallback` also when that document is not
 * open as an import file. A request about a document just opened waits until it is decided
 * whether it is an import file, and one about a big file still being checked waits for the check.
 */
export function runOnImportFile<T>(
  { connection, documents }: Pick<ServerContext, 'connection' | 'documents'>,
  token: CancellationToken,
  uri: string,
  fallback: T,
  name: string,
  work: (tracked: TrackedDocument, document: ImportDocument) => T,
): T | ResponseError<void> | Promise<T | ResponseError<void>> {
  const run = () =>
    runSafe(connection, token, fallback, name, () => {
      const tracked = documents.get(uri);
      const document = tracked?.importDocument;
      return tracked && document ? work(tracked, document) : fallback;
    });
  const tracked = documents.get(uri);
  if (tracked?.deciding) return tracked.deciding.then(() => documents.get(uri)?.pending).then(run);
  return tracked?.pending ? tracked.pending.then(run) : run();
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
