import type { FoldingRange, FormattingOptions, Range } from 'vscode-languageserver';
import { toLspEdits } from '../convert';
import type { TrackedDocument } from '../documentStore';
import { runOnImportFile } from '../runSafe';
import type { ServerContext } from '../serverContext';

/** VS Code asks for at most 5,000 folding regions by default. */
const DEFAULT_FOLDING_LIMIT = 5000;

/**
 * Folding and formatting as VS Code's JSON support does them: import files use their own
 * language so that JSON support stays out, and these two would otherwise be lost.
 */
export function registerFoldingAndFormatting(context: ServerContext, foldingLimit: () => number | undefined): void {
  const { connection } = context;
  connection.onFoldingRanges((params, token) =>
    runOnImportFile(context, token, params.textDocument.uri, [], 'foldingRanges', (tracked, document): FoldingRange[] => {
      const text = tracked.text;
      const lineOf = (offset: number) => text.positionAt(offset).line;
      const spans = context.service.foldingSpans(document, foldingLimit() ?? DEFAULT_FOLDING_LIMIT, (open, close) => lineOf(close) > lineOf(open));
      return spans.map((span) => ({ startLine: lineOf(span.open), endLine: lineOf(span.close) - 1 }));
    }),
  );

  connection.onDocumentFormatting((params, token) =>
    runOnImportFile(context, token, params.textDocument.uri, [], 'formatting', (tracked) => format(context, tracked, params.options)),
  );

  connection.onDocumentRangeFormatting((params, token) =>
    runOnImportFile(context, token, params.textDocument.uri, [], 'rangeFormatting', (tracked) => format(context, tracked, params.options, params.range)),
  );
}

/** Formatting edits of the whole document, or of `range` of it; none, with a message, when the result would be too big. */
function format({ connection, service }: ServerContext, tracked: TrackedDocument, options: FormattingOptions, range?: Range) {
  const text = tracked.text;
  const start = range ? text.offsetAt(range.start) : 0;
  const span = range ? { offset: start, length: Math.max(0, text.offsetAt(range.end) - start) } : undefined;
  const result = service.formatEdits(text.getText(), options, span);
  if ('refused' in result) {
    connection.console.warn(`Formatting ${tracked.uri}: ${result.refused}`);
    void connection.window.showWarningMessage(result.refused);
    return [];
  }
  return toLspEdits(text, result.edits);
}
