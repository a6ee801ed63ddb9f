import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { ImportDocument, type ValidationContext } from '../service';
import { SNIFF_READ_LENGTH } from '../service/features/detectImportFile';
import { EditableTextDocument } from './editableTextDocument';

/** An open JSON document; `importDocument` is set while the server treats it as an import file. */
export interface TrackedDocument {
  uri: string;
  text: EditableTextDocument;
  importDocument: ImportDocument | undefined;
  /** Milliseconds spent parsing and checking since the last publish. */
  checkMilliseconds: number;
  outlineCapped: boolean;
  /** False until its settings are known and it was decided whether it is an import file. */
  decided: boolean;
}

/**
 * The open documents, kept in step with the client by incremental sync. Each edit is handed
 * to the document's ImportDocument as it comes, so only the rows it touches are checked again.
 */
export class DocumentStore {
  private readonly documents = new Map<string, TrackedDocument>();

  constructor(
    /** Whether a document is an import file, from its URI and the start of its text (SNIFF_READ_LENGTH characters). */
    private readonly isImportFile: (uri: string, textStart: string) => boolean,
    private readonly contextFor: (uri: string) => ValidationContext,
  ) {}

  get(uri: string): TrackedDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TrackedDocument[] {
    return [...this.documents.values()];
  }

  /** Starts tracking a document; `decide` false leaves deciding whether it is an import file for later (settings not known yet). */
  open(params: DidOpenTextDocumentParams, decide = true): TrackedDocument {
    const { uri, languageId, version, text } = params.textDocument;
    const tracked: TrackedDocument = {
      uri,
      text: new EditableTextDocument(uri, languageId, version, text),
      importDocument: undefined,
      checkMilliseconds: 0,
      outlineCapped: false,
      decided: false,
    };
    this.documents.set(uri, tracked);
    if (decide) this.refresh(tracked);
    return tracked;
  }

  change(params: DidChangeTextDocumentParams): TrackedDocument | undefined {
    const tracked = this.documents.get(params.textDocument.uri);
    if (!tracked) return undefined;
    const started = performance.now();
    const version = params.textDocument.version;
    // The import document shares the text and reads the text before each change from its pieces.
    tracked.text.update(params.contentChanges, version, (change, text, sliceBefore) => {
      if (change) tracked.importDocument?.applyChange(change, text, sliceBefore);
      else tracked.importDocument?.setText(text);
    });
    tracked.checkMilliseconds += performance.now() - started;
    if (!tracked.importDocument && tracked.decided) this.refresh(tracked);
    return tracked;
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  /** Decides again whether the document is an import file, and parses it when it became one. */
  refresh(tracked: TrackedDocument): void {
    tracked.decided = true;
    // Only the start of the text: a JSON file that is not an import file is sniffed on every edit.
    const isImport = this.isImportFile(tracked.uri, tracked.text.slice(0, SNIFF_READ_LENGTH));
    if (isImport && !tracked.importDocument) {
      const started = performance.now();
      tracked.importDocument = new ImportDocument(tracked.text.getText(), this.contextFor(tracked.uri));
      // Rows are read from the text's pieces, so a request right after an edit copies no whole file.
      const source = tracked.text;
      tracked.importDocument.useTextReader((start, end) => source.slice(start, end));
      tracked.checkMilliseconds += performance.now() - started;
    } else if (!isImport) {
      tracked.importDocument = undefined;
    }
  }
}
