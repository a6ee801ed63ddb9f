import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { documentSymbols } from '../../service/features/documentSymbols';
import { toRange } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerContext } from '../serverContext';

/** The outline: one symbol per row, capped like VS Code's JSON outline; the cap shows in the status. */
export function registerOutline({ connection, documents, diagnostics }: ServerContext): void {
  connection.onDocumentSymbol((params, token) =>
    runSafe(connection, token, [], 'documentSymbol', (): DocumentSymbol[] => {
      const tracked = documents.get(params.textDocument.uri);
      const document = tracked?.importDocument;
      if (!tracked || !document) return [];
      const { symbols, capped } = documentSymbols(document);
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
