import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport (--stdio, --node-ipc, --socket=…) is read from the command line.
startServer(createConnection(ProposedFeatures.all));
