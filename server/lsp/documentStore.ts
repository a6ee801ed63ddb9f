import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { checkInPieces, ImportDocument, SNIFF_READ_LENGTH, type CheckedRows, type ValidationContext } from '../../service';
import type { RowCheckers } from '../node/checkFile';
import { EditableTextDocument, type OffsetChange } from './editableTextDocument';

/** Where a document's text comes from. */
export type DocumentOrigin =
  /** The editor: VS Code hands the text over and every edit (incremental sync). */
  | 'editor'
  /** The file on disk: VS Code does not hand over files this large, so it is read and checked again when it changes. */
  | 'disk';

/** An open JSON document; `importDocument` is set while the server treats it as an import file. */
export interface TrackedDocument {
  uri: string;
  origin: DocumentOrigin;
  text: EditableTextDocument;
  importDocument: ImportDocument | undefined;
  /** Milliseconds spent parsing and checking since the last publish. */
  checkMilliseconds: number;
  outlineCapped: boolean;
  /** False until its settings are known and it was decided whether it is an import file. */
  decided: boolean;
  /** While its settings are read, before it is decided whether it is an import file. */
  deciding?: Promise<void>;
  /** While a big text is checked as a whole (on worker threads); done when `importDocument` is set or the check failed. */
  pending?: Promise<void>;
  /** How much of that check is done, from 0 to 1. */
  progress?: number;
  /** Why the document could not be checked, when it could not: it is then not shown as clean. */
  notChecked?: string;
}

/**
 * Why the document is not checked, or undefined: it could not be read or checked
 * (`notChecked`), or its text has more elements than are checked, which only its parse tells.
 */
export function notCheckedReason(tracked: TrackedDocument): string | undefined {
  return tracked.notChecked ?? tracked.importDocument?.notCheckedReason;
}

/** An edit that came while the whole text was being checked, applied to the document once it is. */
interface EditDuringCheck {
  change: OffsetChange | undefined;
  text: string;
  sliceBefore: (start: number, end: number) => string;
}

/** A file read from disk and checked. */
export interface DiskCheck {
  /** Undefined for a short text, parsed whole when its document is made. */
  checked?: CheckedRows;
  pieces: readonly string[];
  context: ValidationContext;
}

/** What the store tells the server about checks that end later (big texts). */
export interface CheckEvents {
  /** A whole check ended: the document has its import document, or `notChecked` says why not. */
  checked(tracked: TrackedDocument): void;
  /** A whole check went on: `tracked.progress` is up to date. */
  progress(tracked: TrackedDocument): void;
}

/**
 * Texts this long are checked as a whole apart from answering requests (on worker threads when
 * they are big enough and a core is idle), with the status telling how far the check is.
 * Shorter ones are checked at once: checking in pieces costs its own start-up (10,000 rows,
 * 6.4 MB: about 1.0 s against 0.75 s), which pays only once a check takes seconds.
 */
export const CHECK_APART_FROM_LENGTH = 16 * 1024 * 1024;

/** Pieces a long text is handed to the check in: the check finds rows in one while others are checked. */
const PIECE_LENGTH = 1024 * 1024;

/**
 * The open documents, kept in step with the client by incremental sync. Each edit is handed
 * to the document's ImportDocument as it comes, so only the rows it touches are checked again.
 * A big text is first checked as a whole on worker threads; edits that come meanwhile are
 * applied once that check is done.
 */
export class DocumentStore {
  private readonly documents = new Map<string, TrackedDocument>();
  private readonly editsDuringCheck = new WeakMap<TrackedDocument, EditDuringCheck[]>();
  /** The last check from disk started for each file: an older one that ends later is dropped. */
  private readonly latestDiskCheck = new Map<string, TrackedDocument>();

  constructor(
    /** Whether a document is an import file, from its URI and the start of its text (SNIFF_READ_LENGTH characters). */
    private readonly isImportFile: (uri: string, textStart: string) => boolean,
    private readonly contextFor: (uri: string) => ValidationContext,
    private readonly checkers: RowCheckers,
    private readonly events: CheckEvents,
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
    const tracked = newTracked(uri, 'editor', new EditableTextDocument(uri, languageId, version, text));
    this.documents.set(uri, tracked);
    if (decide) this.refresh(tracked);
    return tracked;
  }

  /**
   * Starts tracking a document whose text is read from disk, or checks it again: `checking`
   * reads and checks the file, and settles with its rows and text pieces. The last check of
   * the file answers requests until the new one is done.
   */
  openFromDisk(uri: string, checking: Promise<DiskCheck>): TrackedDocument {
    const tracked = newTracked(uri, 'disk', new EditableTextDocument(uri, 'labelbox-json', 0, ''));
    tracked.decided = true;
    tracked.progress = 0;
    this.latestDiskCheck.set(uri, tracked);
    const previous = this.documents.get(uri);
    if (!previous || previous.origin !== 'disk') this.documents.set(uri, tracked);
    const started = performance.now();
    tracked.pending = checking.then(
      ({ checked, pieces, context }) => {
        if (this.latestDiskCheck.get(uri) !== tracked) return;
        // Kept in the pieces it was read in (one for a short file): a text read from disk is never
        // edited, so it needs only every 64th line start for positions, not all of them.
        const text = EditableTextDocument.fromPieces(uri, 'labelbox-json', 0, pieces);
        tracked.text = text;
        const document = new ImportDocument(text.getText(), context, undefined, checked);
        document.useTextReader((start, end) => text.slice(start, end));
        tracked.importDocument = document;
        this.finishCheck(tracked, started);
      },
      (error: unknown) => {
        if (this.latestDiskCheck.get(uri) !== tracked) return;
        tracked.notChecked = error instanceof Error ? error.message : String(error);
        this.finishCheck(tracked, started);
      },
    );
    return tracked;
  }

  /** Stops tracking a document read from disk (its editor was closed). */
  closeFromDisk(uri: string): void {
    this.latestDiskCheck.delete(uri);
    if (this.documents.get(uri)?.origin === 'disk') this.documents.delete(uri);
  }

  /** Records how far a check is, and tells the server. */
  reportProgress(tracked: TrackedDocument, fraction: number): void {
    tracked.progress = fraction;
    this.events.progress(tracked);
  }

  change(params: DidChangeTextDocumentParams): TrackedDocument | undefined {
    const tracked = this.documents.get(params.textDocument.uri);
    if (!tracked || tracked.origin !== 'editor') return undefined;
    const started = performance.now();
    const version = params.textDocument.version;
    const pendingEdits = tracked.pending ? this.editsDuringCheck.get(tracked) : undefined;
    // The import document shares the text and reads the text before each change from its pieces.
    tracked.text.update(params.contentChanges, version, (change, text, sliceBefore) => {
      if (pendingEdits) pendingEdits.push({ change, text, sliceBefore });
      else applyEdit(tracked.importDocument, { change, text, sliceBefore });
    });
    tracked.checkMilliseconds += performance.now() - started;
    if (!tracked.importDocument && !tracked.pending && tracked.decided) this.refresh(tracked);
    return tracked;
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  /** Decides again whether the document is an import file, and parses it when it became one. */
  refresh(tracked: TrackedDocument): void {
    // A document read from disk is decided when it is read (and read again when it changes).
    if (tracked.origin === 'disk') return;
    tracked.decided = true;
    // Only the start of the text: a JSON file that is not an import file is sniffed on every edit.
    const isImport = this.isImportFile(tracked.uri, tracked.text.slice(0, SNIFF_READ_LENGTH));
    if (isImport && !tracked.importDocument && !tracked.pending) {
      if (tracked.text.length >= CHECK_APART_FROM_LENGTH) {
        this.checkApart(tracked);
        return;
      }
      const started = performance.now();
      tracked.importDocument = this.parse(tracked, tracked.text.getText(), this.contextFor(tracked.uri));
      tracked.checkMilliseconds += performance.now() - started;
    } else if (!isImport) {
      tracked.importDocument = undefined;
      // A check under way is dropped: its result would make the document an import file again.
      tracked.pending = undefined;
      tracked.progress = undefined;
      this.editsDuringCheck.delete(tracked);
    }
  }

  private parse(tracked: TrackedDocument, text: string, context: ValidationContext, checked?: CheckedRows): ImportDocument {
    const document = new ImportDocument(text, context, undefined, checked);
    // Rows are read from the text's pieces, so a request right after an edit copies no whole file.
    const source = tracked.text;
    document.useTextReader((start, end) => source.slice(start, end));
    return document;
  }

  /** Checks a big editor text as a whole on worker threads; edits that come meanwhile wait. */
  private checkApart(tracked: TrackedDocument): void {
    const text = tracked.text.getText();
    const context = this.contextFor(tracked.uri);
    const edits: EditDuringCheck[] = [];
    this.editsDuringCheck.set(tracked, edits);
    tracked.progress = 0;
    const started = performance.now();
    const progress = (offset: number) => {
      tracked.progress = Math.min(1, offset / Math.max(1, text.length));
      this.events.progress(tracked);
    };
    tracked.pending = checkInPieces(piecesOf(text), context, {
      checker: this.checkers.forText(text.length),
      readRowsHere: !this.checkers.mayUseWorkers(text.length),
      onProgress: progress,
    }).then(
      ({ checked }) => {
        if (this.documents.get(tracked.uri) !== tracked || this.editsDuringCheck.get(tracked) !== edits) return;
        const document = this.parse(tracked, text, context, checked);
        for (const edit of edits) applyEdit(document, edit);
        const current = this.contextFor(tracked.uri);
        // The organization's metadata schema changed during the check.
        if (current !== context) document.setContext(current);
        tracked.importDocument = document;
        this.finishCheck(tracked, started);
      },
      (error: unknown) => {
        if (this.editsDuringCheck.get(tracked) !== edits) return;
        tracked.notChecked = `the check failed: ${error instanceof Error ? error.message : String(error)}`;
        this.finishCheck(tracked, started);
      },
    );
  }

  private finishCheck(tracked: TrackedDocument, started: number): void {
    tracked.pending = undefined;
    tracked.progress = undefined;
    this.editsDuringCheck.delete(tracked);
    tracked.checkMilliseconds += performance.now() - started;
    if (tracked.origin === 'disk') {
      // Replaces the last check of the file, unless the editor was closed or VS Code now hands the text over.
      if (this.documents.get(tracked.uri)?.origin !== 'disk') return;
      this.documents.set(tracked.uri, tracked);
    }
    if (this.documents.get(tracked.uri) === tracked) this.events.checked(tracked);
  }
}

function newTracked(uri: string, origin: DocumentOrigin, text: EditableTextDocument): TrackedDocument {
  return { uri, origin, text, importDocument: undefined, checkMilliseconds: 0, outlineCapped: false, decided: false };
}

function applyEdit(document: ImportDocument | undefined, { change, text, sliceBefore }: EditDuringCheck): void {
  if (change) document?.applyChange(change, text, sliceBefore);
  else document?.setText(text);
}

/** Slices of a long string (no copies), as pieces for checkInPieces. */
function* piecesOf(text: string): Generator<string> {
  for (let offset = 0; offset < text.length; offset += PIECE_LENGTH) yield text.slice(offset, offset + PIECE_LENGTH);
}
