import { MarkupKind, type Hover } from 'vscode-languageserver';
import { toRange } from '../convert';
import { runOnImportFile } from '../runSafe';
import type { ServerContext } from '../serverContext';

/** Hover documentation of keys and values, metadata fields and options, and image thumbnails. */
export function registerHover(context: ServerContext): void {
  const { connection, validationContextFor, imagesFor } = context;
  connection.onHover((params, token) =>
    runOnImportFile(context, token, params.textDocument.uri, null, 'hover', (tracked, document): Hover | null => {
      const hover = context.service.doHover(document, tracked.text.offsetAt(params.position), validationContextFor(tracked.uri), imagesFor(tracked.uri));
      if (!hover) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: hover.contents },
        range: toRange(tracked.text, hover.offset, hover.length),
      };
    }),
  );
}
