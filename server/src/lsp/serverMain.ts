import { LSPErrorCodes, type RequestMessage } from 'vscode-languageserver';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import * as precompiledValidators from 'labelbox-import:precompiled-schema';
import { usePrecompiledSchema } from '../service/validation/validationContext';

usePrecompiledSchema(precompiledValidators);

// The transport (--stdio, --node-ipc, --socket=…) is read from the command line. A request
// cancelled while it waits behind other work is answered at once, without running it.
const connection = createConnection(ProposedFeatures.all, {
  cancelUndispatched: (message) => ({
    jsonrpc: '2.0',
    id: (message as RequestMessage).id,
    error: { code: LSPErrorCodes.RequestCancelled, message: 'Request cancelled' },
  }),
});
startServer(connection);
