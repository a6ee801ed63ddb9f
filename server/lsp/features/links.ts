import { toRange } from '../convert';
import { runOnImportFile } from '../runSafe';
import type { ServerContext } from '../serverContext';

/** Links on the URLs of assets, attachments and tile layers. */
export function registerLinks(context: ServerContext): void {
  context.connection.onDocumentLinks((params, token) =>
    runOnImportFile(context, token, params.textDocument.uri, [], 'documentLinks', (tracked, document) =>
      context.service.documentLinks(document).map((link) => ({ range: toRange(tracked.text, link.offset, link.length), target: link.target })),
    ),
  );
}
