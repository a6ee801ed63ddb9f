import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';

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

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
