import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { toRange } from '../convert';
import { runOnImportFile } from '../runSafe';
import type { ServerContext } from '../serverContext';

/** The outline: one symbol per row, capped like VS Code's JSON outline; the cap shows in the status. */
export function registerOutline(context: ServerContext): void {
  const { connection, diagnostics } = context;
  connection.onDocumentSymbol((params, token) =>
    runOnImportFile(context, token, params.textDocument.uri, [], 'documentSymbol', (tracked, document): DocumentSymbol[] => {
      const { symbols, capped } = context.service.documentSymbols(document);
      if (capped !== tracked.outlineCapped) {
        tracked.outlineCapped = capped;
        diagnostics.schedule(tracked);
      }
      return symbols.map((symbol) => ({
        name: symbol.name,
        detail: symbol.detail,
        kind: SymbolKind.Object,
        range: toRange(tracked.text, symbol.offset, symbol.length),
        selectionRange: toRange(tracked.text, symbol.selectionOffset, symbol.selectionLength),
      }));
    }),
  );
}
