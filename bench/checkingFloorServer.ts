/**
 * Lower bounds for opening a file, next to the protocol floor (bench/floorServer.ts): a server
 * on the same library that, on didOpen, also parses the text with JSON.parse
 * (bench/parseFloorServer.ts), and also runs the import schema's validator on every row
 * (bench/schemaFloorServer.ts; the validators our bundles use, generated at build time). It
 * reports nothing and places nothing: no positions, no rules, no messages. Any server that
 * checks the rows against the schema takes at least what the second takes; the bench measures
 * both in the same runs as ours.
 */
import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { checkAgainstSchema } from './checkingFloor';

export function serveCheckingFloor(withSchema: boolean): void {
  const connection = createConnection(ProposedFeatures.all);
  connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
  connection.onDidOpenTextDocument(({ textDocument }) => {
    const invalidRows = checkAgainstSchema(textDocument.text, withSchema);
    // Logged so that the work cannot be left out; the answer is the floor's.
    connection.console.log(`${invalidRows} rows the schema rejects`);
    void connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version, diagnostics: [] });
  });
  connection.listen();
}
