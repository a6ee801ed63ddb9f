import { documentLinks } from '../../service/features/documentLinks';
import { toRange } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerContext } from '../serverContext';

/** Links on the URLs of assets, attachments and tile layers. */
export function registerLinks({ connection, documents }: ServerContext): void {
  connection.onDocumentLinks((params, token) =>
    runSafe(connection, token, [], 'documentLinks', () => {
      const tracked = documents.get(params.textDocument.uri);
      const document = tracked?.importDocument;
      if (!tracked || !document) return [];
      return documentLinks(document).map((link) => ({ range: toRange(tracked.text, link.offset, link.length), target: link.target }));
    }),
  );
}
