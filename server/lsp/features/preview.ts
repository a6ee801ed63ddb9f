import type { ServerContext } from '../serverContext';
import { GalleryRequest, RowAtRequest, type RowAtResult } from '../../../common/protocol';
import { ACCESS_RULE_CODES, isAccessFailure } from '../../../common/assetAccess';
import type { GalleryTile } from '../../../common/gallery';
import type { AccessResultCache } from '../accessResultCache';
import { toRange } from '../convert';
import { setOwnValue } from '../../../common/ownKeys';
import { runOnImportFile } from '../runSafe';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ImportDocument, LanguageService } from '../../../service';

/** Requests of the preview panel: the row under the cursor, and pages of the gallery. */
export function registerPreview(context: ServerContext, accessResults?: AccessResultCache): void {
  const { connection, validationContextFor } = context;
  connection.onRequest(RowAtRequest, (params, token) =>
    runOnImportFile(context, token, params.uri, null, 'rowAt', (tracked, document): RowAtResult | null => {
      const index = params.index ?? (params.position ? rowIndexAtPosition(context.service, document, tracked.text, params.position) : -1);
      const details = index >= 0 ? context.service.rowDetails(document, index) : undefined;
      if (!details) return null;
      const catalog = validationContextFor(params.uri).catalog;
      // Made once per catalog, not on every move of the cursor (the memo's other keys start with "id:" or "name:").
      const metadataNames = catalog.memo('metadataNames', () => {
        const names: Record<string, string> = {};
        for (const field of catalog.fields) {
          if (field.id) setOwnValue(names, field.id, field.name);
          for (const option of field.options) setOwnValue(names, option.id, option.name);
        }
        return names;
      });
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
    runOnImportFile(context, token, params.uri, null, 'gallery', (tracked, document) => {
      const page = context.service.galleryPage(document, Math.max(0, params.from), Math.max(0, Math.min(params.count, 1000)), params.filter);
      return {
        total: page.total,
        rowCount: page.rowCount,
        tiles: page.tiles.map(({ start, ...tile }) => ({
          ...tile,
          line: tracked.text.positionAt(start).line,
          ...assetProblemOf(tile.assetUrl, accessResults),
        })),
      };
    }),
  );
}

/** The asset access check's failure of a tile's asset, when it has one. */
function assetProblemOf(url: string | undefined, accessResults: AccessResultCache | undefined): Pick<GalleryTile, 'assetProblem'> {
  const verdict = url !== undefined ? accessResults?.get(url)?.verdict : undefined;
  return verdict && isAccessFailure(verdict) ? { assetProblem: { code: ACCESS_RULE_CODES[verdict.reason], detail: verdict.detail } } : {};
}

/** The row near a position of the editor: see rowIndexNear. */
function rowIndexAtPosition(service: LanguageService, document: ImportDocument, text: TextDocument, position: { line: number; character: number }): number {
  const lineStart = text.offsetAt({ line: position.line, character: 0 });
  const lineEnd = text.offsetAt({ line: position.line + 1, character: 0 });
  return service.rowIndexNear(document, text.offsetAt(position), lineStart, lineEnd);
}
