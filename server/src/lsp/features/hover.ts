import { MarkupKind, type Hover } from 'vscode-languageserver';
import { doHover } from '../../service/features/hover';
import { toRange } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerContext } from '../serverContext';

/** Hover documentation of keys and values, metadata fields and options, and image thumbnails. */
export function registerHover({ connection, documents, validationContextFor }: ServerContext): void {
  connection.onHover((params, token) =>
    runSafe(connection, token, null, 'hover', (): Hover | null => {
      const tracked = documents.get(params.textDocument.uri);
      const document = tracked?.importDocument;
      if (!tracked || !document) return null;
      const hover = doHover(document, tracked.text.offsetAt(params.position), validationContextFor(tracked.uri));
      if (!hover) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: hover.contents },
        range: toRange(tracked.text, hover.offset, hover.length),
      };
    }),
  );
}
