import type { FoldingRange } from 'vscode-languageserver';
import { foldingSpans } from '../../service/features/foldingRanges';
import { formatEdits } from '../../service/features/formatting';
import { toRange } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerContext } from '../serverContext';

/** VS Code asks for at most 5,000 folding regions by default. */
const DEFAULT_FOLDING_LIMIT = 5000;

/**
 * Folding and formatting as VS Code's JSON support does them: import files use their own
 * language so that JSON support stays out, and these two would otherwise be lost.
 */
export function registerFoldingAndFormatting({ connection, documents }: ServerContext, foldingLimit: () => number | undefined): void {
  connection.onFoldingRanges((params, token) =>
    runSafe(connection, token, [], 'foldingRanges', (): FoldingRange[] => {
      const tracked = documents.get(params.textDocument.uri);
      const document = tracked?.importDocument;
      if (!tracked || !document) return [];
      const text = tracked.text;
      const lineOf = (offset: number) => text.positionAt(offset).line;
      const spans = foldingSpans(document, foldingLimit() ?? DEFAULT_FOLDING_LIMIT, (open, close) => lineOf(close) > lineOf(open));
      return spans.map((span) => ({ startLine: lineOf(span.open), endLine: lineOf(span.close) - 1 }));
    }),
  );

  connection.onDocumentFormatting((params, token) =>
    runSafe(connection, token, [], 'formatting', () => {
      const tracked = documents.get(params.textDocument.uri);
      if (!tracked?.importDocument) return [];
      return formatEdits(tracked.text.getText(), params.options).map((edit) => ({ range: toRange(tracked.text, edit.offset, edit.length), newText: edit.newText }));
    }),
  );

  connection.onDocumentRangeFormatting((params, token) =>
    runSafe(connection, token, [], 'rangeFormatting', () => {
      const tracked = documents.get(params.textDocument.uri);
      if (!tracked?.importDocument) return [];
      const offset = tracked.text.offsetAt(params.range.start);
      const range = { offset, length: tracked.text.offsetAt(params.range.end) - offset };
      return formatEdits(tracked.text.getText(), params.options, range).map((edit) => ({ range: toRange(tracked.text, edit.offset, edit.length), newText: edit.newText }));
    }),
  );
}
