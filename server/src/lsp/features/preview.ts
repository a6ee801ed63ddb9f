import type { ServerContext } from '../serverContext';
import { GalleryRequest, RowAtRequest, type RowAtResult } from '../../protocol';
import { galleryPage } from '../../service/features/gallery';
import { rowDetails as detailsOfRow } from '../../service/features/rows';
import { toRange } from '../convert';
import { runSafe } from '../runSafe';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ImportDocument } from '../../service/document/importDocument';

/** Requests of the preview panel: the row under the cursor, and pages of the gallery. */
export function registerPreview({ connection, documents, validationContextFor }: ServerContext): void {
  connection.onRequest(RowAtRequest, (params, token) =>
    runSafe(connection, token, null, 'rowAt', (): RowAtResult | null => {
      const tracked = documents.get(params.uri);
      const document = tracked?.importDocument;
      if (!tracked || !document) return null;
      const index = params.index ?? (params.position ? rowIndexNear(document, tracked.text, params.position) : -1);
      const details = index >= 0 ? detailsOfRow(document, index) : undefined;
      if (!details) return null;
      const catalog = validationContextFor(params.uri).catalog;
      const metadataNames: Record<string, string> = {};
      for (const field of catalog.fields) {
        if (field.id) metadataNames[field.id] = field.name;
        for (const option of field.options) metadataNames[option.id] = option.name;
      }
      return {
        index: details.index,
        rowCount: document.rows.length,
        range: toRange(tracked.text, details.start, details.end - details.start),
        value: details.value,
        dialect: details.facts.dialect,
        mediaType: details.facts.mediaType,
        inferredMediaType: details.facts.inferredMediaType,
        problems: details.problems.map((problem) => ({
          range: toRange(tracked.text, problem.offset, problem.length),
          severity: problem.severity,
          code: problem.code,
          message: problem.message,
        })),
        metadataNames,
      };
    }),
  );

  connection.onRequest(GalleryRequest, (params, token) =>
    runSafe(connection, token, null, 'gallery', () => {
      const tracked = documents.get(params.uri);
      const document = tracked?.importDocument;
      if (!tracked || !document) return null;
      const page = galleryPage(document, Math.max(0, params.from), Math.max(0, Math.min(params.count, 1000)), params.filter);
      return {
        total: page.total,
        rowCount: page.rowCount,
        tiles: page.tiles.map(({ start, ...tile }) => ({ ...tile, line: tracked.text.positionAt(start).line })),
      };
    }),
  );
}

/**
 * The row at a position, where a cursor in the indentation or after a trailing comma counts as
 * on the row of that line (where Home and End put it), not on the row before.
 */
function rowIndexNear(document: ImportDocument, text: TextDocument, position: { line: number; character: number }): number {
  const line = text.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  const first = line.search(/\S/);
  const end = line.replace(/[\s,]*$/, '').length;
  let character = position.character;
  if (first >= 0 && character < first) character = first;
  else if (end > 0 && character >= end) character = end - 1;
  return document.rowIndexAt(text.offsetAt({ line: position.line, character }));
}
