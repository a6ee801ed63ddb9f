import { LSPErrorCodes, type RequestMessage } from 'vscode-languageserver';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { checkMessage } from './params';
import * as precompiledValidators from 'labelbox-import:precompiled-schema';
import { getLanguageService } from '../../service';
import { tuneCompilerForChecking } from '../node/compilerTuning';

tuneCompilerForChecking();

const service = getLanguageService({ precompiledSchema: precompiledValidators });

// The transport (--stdio, --node-ipc, --socket=…) is read from the command line. A request
// cancelled while it waits behind other work is answered at once, without running it. Every
// message's parameters are checked before a handler sees them (params.ts).
const connection = createConnection(ProposedFeatures.all, {
  connectionStrategy: {
    cancelUndispatched: (message) => ({
      jsonrpc: '2.0',
      id: (message as RequestMessage).id,
      error: { code: LSPErrorCodes.RequestCancelled, message: 'Request cancelled' },
    }),
  },
  messageStrategy: {
    handleMessage: (message, next) => {
      const checked = checkMessage(message);
      if ('drop' in checked) {
        connection.console.error(checked.drop);
        return;
      }
      return next(checked.message);
    },
  },
});

/** An error in one line or a few: never the source line Node prints by default, which in the minified bundle is the whole program. */
function describeError(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

// A failure in a timer or a promise that no handler caught: logged plainly. A rejected promise
// leaves the server usable; an exception may not, so the process ends and the client starts
// it again (a bounded number of times).
process.on('unhandledRejection', (reason) => connection.console.error(`Unexpected error (the server goes on): ${describeError(reason)}`));
process.on('uncaughtException', (error) => {
  process.stderr.write(`Labelbox import language server stopped on an unexpected error: ${describeError(error)}\n`);
  process.exit(1);
});

startServer(connection, service);
