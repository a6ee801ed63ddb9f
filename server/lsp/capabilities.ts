import { TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver';
import { COMPLETION_TRIGGER_CHARACTERS } from './features/completion';
import { CODE_ACTION_KINDS } from './features/codeActions';
import { FILE_OPERATIONS } from './fileEvents';

/** What the server answers to `initialize`: the features it offers and how it wants document changes. */
export function initializeResult(): InitializeResult {
  return {
    capabilities: {
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
      hoverProvider: true,
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true }, fileOperations: FILE_OPERATIONS },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
      documentSymbolProvider: { label: 'Labelbox data rows' },
      documentLinkProvider: { resolveProvider: false },
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
    },
    serverInfo: { name: 'labelbox-import', version: '0.1.0' },
  };
}
