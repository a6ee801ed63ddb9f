/**
 * The protocol floor: a language server on the same library as ours (vscode-languageserver,
 * stdio) that does nothing with a document but answer its didOpen with an empty diagnostics
 * list. What it takes from didOpen to that answer is what any server pays before its first
 * check: the client serializing the text, the transfer, and reading the message.
 */
import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
connection.onDidOpenTextDocument(({ textDocument }) => {
  void connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version, diagnostics: [] });
});
connection.listen();
