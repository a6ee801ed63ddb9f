import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fillPlaceholders, type CompletionEntry, type CompletionKind } from '../../../service';
import { toLspEdits, toRange } from '../convert';
import { runOnImportFile } from '../runSafe';
import type { ServerContext } from '../serverContext';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enumMember: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  field: CompletionItemKind.Field,
  reference: CompletionItemKind.Reference,
};

/** Typing a quote starts a name or a value; a colon is followed by a value. */
export const COMPLETION_TRIGGER_CHARACTERS = ['"', ':'];

/**
 * Completion of keys, values, metadata fields and snippets in import files.
 * @param clientCapabilities what the client said it supports (snippets, markdown) when it started the server.
 */
export function registerCompletion(context: ServerContext, clientCapabilities: () => ClientCapabilities): void {
  const { connection, validationContextFor } = context;
  connection.onCompletion((params, token) =>
    runOnImportFile(context, token, params.textDocument.uri, null, 'completion', (tracked, document): CompletionList | null => {
      const entries = context.service.doComplete(document, tracked.text.offsetAt(params.position), validationContextFor(tracked.uri));
      const completion = clientCapabilities().textDocument?.completion;
      const options = {
        snippets: completion?.completionItem?.snippetSupport === true,
        markdown: completion?.completionItem?.documentationFormat?.includes(MarkupKind.Markdown) ?? false,
      };
      return { isIncomplete: false, items: entries.map((entry) => toCompletionItem(tracked.text, entry, options)) };
    }),
  );
}

function toCompletionItem(document: TextDocument, entry: CompletionEntry, options: { snippets: boolean; markdown: boolean }): CompletionItem {
  const newText = options.snippets ? entry.insertText : fillPlaceholders(entry.insertText);
  const item: CompletionItem = {
    label: entry.label,
    kind: KINDS[entry.kind],
    textEdit: { range: toRange(document, entry.replace.offset, entry.replace.length), newText },
    insertTextFormat: options.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (entry.detail) item.detail = entry.detail;
  if (entry.description) item.labelDetails = { description: entry.description };
  if (entry.documentation) item.documentation = options.markdown ? { kind: MarkupKind.Markdown, value: entry.documentation } : entry.documentation;
  if (entry.filterText) item.filterText = entry.filterText;
  if (entry.sortText) item.sortText = entry.sortText;
  if (entry.deprecated) item.tags = [CompletionItemTag.Deprecated];
  if (entry.additionalEdits?.length) {
    item.additionalTextEdits = toLspEdits(document, entry.additionalEdits);
  }
  // VS Code opens the suggestions again, e.g. for the value of a key just inserted.
  if (entry.retrigger && options.snippets) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return item;
}
