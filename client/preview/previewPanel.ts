import { cleanDetail } from '../../common/assetAccess';
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GalleryRequest, RowAtRequest, type RowAtParams, type RowAtResult } from '../../common/protocol';
import type { GalleryFilter } from '../../common/gallery';
import { setOwnValue } from '../../common/ownKeys';
import { createNonce, previewHtml } from './previewHtml';
import { externalTarget, fileStates, pageBase, resolveContextFor, toResource } from './resources';
import { addressesOf, describeRow } from '../../common/preview/rowModel';
import {
  clipText,
  MAX_MEDIA_TYPE,
  MAX_URL,
  parseWebviewMessage,
  type HostMessage,
  type PreviewRow,
  type Resource,
  type TextState,
  type WebviewMessage,
} from '../../common/preview/messages';
import type { TextLoader } from './textLoader';
import { resolveAddress, type Resolution, type ResolveContext } from '../../common/node/urlResolver';
import { previewAllowScripts } from '../settings';
import { textTabUris } from '../unsyncedFiles';

export const PREVIEW_VIEW_TYPE = 'labelboxImport.preview';

export interface PanelDeps {
  client: LanguageClient;
  extensionUri: vscode.Uri;
  texts: TextLoader;
  log: vscode.LogOutputChannel;
}

type RowTarget = { position: vscode.Position } | { index: number };

/** Lets an edit settle before the row is asked for again; short enough to stay under 100 ms. */
const EDIT_DELAY_MS = 40;
const GALLERY_REFRESH_DELAY_MS = 400;
const RETRY_DELAY_MS = 500;

/**
 * One preview panel. Unlocked, it follows the active import file (registerPreview moves it
 * with setUri), as VS Code's Markdown preview does; locked, it stays on its file.
 */
export class PreviewPanel implements vscode.Disposable {
  private uriValue: vscode.Uri;
  private lockedValue: boolean;
  private readonly disposables: vscode.Disposable[] = [];
  private seq = 0;
  private lastSentKey: string | undefined;
  private currentIndex: number | undefined;
  private wanted: RowTarget | undefined;
  private busy = false;
  private textAbort: AbortController | undefined;
  /** Addresses of the row shown, with how they resolved, for "open externally". */
  private addresses = new Map<string, Resolution>();
  private galleryVisible = false;
  /** The file changed while the gallery was hidden: its pages are stale when it shows again. */
  private galleryStale = false;
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  private galleryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  /** How this file's addresses resolve; read on first use, dropped when the settings, trust or workspace folders change. */
  private resolveCache: ResolveContext | undefined;
  private disposed = false;
  private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDisposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    uri: vscode.Uri,
    private readonly deps: PanelDeps,
    locked = false,
  ) {
    this.uriValue = uri;
    this.lockedValue = locked;
    this.setTitle();
    this.configureWebview();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (!message) {
          deps.log.warn(`Preview: ignored a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        void this.handle(message).catch((error: unknown) => deps.log.error(`Preview: ${error instanceof Error ? error.stack : String(error)}`));
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The import file shown. */
  get uri(): vscode.Uri {
    return this.uriValue;
  }

  get locked(): boolean {
    return this.lockedValue;
  }

  private setTitle(): void {
    const name = path.basename(this.uriValue.path);
    // As VS Code's Markdown preview names a locked preview.
    this.panel.title = this.lockedValue ? `[Preview] ${name}` : `Preview ${name}`;
  }

  /** Shows another import file: the row at its editor's cursor, its gallery. */
  setUri(uri: vscode.Uri): void {
    if (uri.toString() === this.uriValue.toString() || this.disposed) return;
    this.uriValue = uri;
    this.setTitle();
    this.textAbort?.abort();
    this.currentIndex = undefined;
    this.addresses = new Map();
    this.retries = 0;
    this.refresh();
  }

  setLocked(locked: boolean): void {
    if (locked === this.lockedValue) return;
    this.lockedValue = locked;
    this.setTitle();
    this.postInit();
  }

  /** Webview options and page; again when the workspace folders change. */
  configureWebview(): void {
    const roots = [vscode.Uri.joinPath(this.deps.extensionUri, 'dist'), ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri)];
    this.panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: roots };
    const webview = this.panel.webview;
    const dist = vscode.Uri.joinPath(this.deps.extensionUri, 'dist');
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      title: this.panel.title,
    });
    this.lastSentKey = undefined;
    this.resolveCache = undefined;
  }

  private post(message: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.postInit();
        this.lastSentKey = undefined;
        this.showRow(this.currentTarget(message.restoredIndex));
        return;
      }
      case 'reveal':
        await this.reveal(message.index);
        return;
      case 'openExternal':
        await this.openExternal(message.url);
        return;
      case 'galleryRequest':
        await this.answerGallery(message.requestId, message.from, message.count, message.filter);
        return;
      case 'view':
        this.galleryVisible = message.view === 'gallery';
        if (this.galleryVisible && this.galleryStale) {
          this.galleryStale = false;
          this.post({ type: 'galleryChanged' });
        }
        return;
    }
  }

  private postInit(): void {
    this.post({ type: 'init', uri: this.uri.toString(), fileName: path.basename(this.uri.path), allowScripts: this.allowScripts(), locked: this.lockedValue });
  }

  private allowScripts(): boolean {
    return previewAllowScripts(this.uri);
  }

  /** The settings or the workspace folders changed: send everything again. */
  refresh(): void {
    this.postInit();
    this.lastSentKey = undefined;
    this.resolveCache = undefined;
    this.showRow(this.currentTarget());
    if (this.galleryVisible) this.post({ type: 'galleryChanged' });
  }

  /** The editor's cursor moved (or the editor came to the front). */
  onCursor(position: vscode.Position): void {
    // A hidden panel's page is gone; it asks for its row when it shows again ('ready').
    if (!this.panel.visible) return;
    // A keystroke fires an edit and then this: the row is asked for once, now. The edit's timer stays for edits that do not move the cursor.
    if (this.editTimer) {
      clearTimeout(this.editTimer);
      this.editTimer = undefined;
    }
    this.showRow({ position });
  }

  /** The document changed: show the row at the cursor again (only if it changed), and refresh the gallery later. */
  onEdit(): void {
    if (!this.panel.visible) {
      this.galleryStale = true;
      return;
    }
    if (this.editTimer) clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => {
      this.editTimer = undefined;
      this.showRow(this.currentTarget());
    }, EDIT_DELAY_MS);
    if (this.galleryVisible) {
      if (this.galleryTimer) clearTimeout(this.galleryTimer);
      this.galleryTimer = setTimeout(() => this.post({ type: 'galleryChanged' }), GALLERY_REFRESH_DELAY_MS);
    } else {
      this.galleryStale = true;
    }
  }

  /** Asks the server for a row; while a request runs, only the latest target is kept. */
  private showRow(target: RowTarget): void {
    this.wanted = target;
    if (!this.busy) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.wanted && !this.disposed) {
        const target = this.wanted;
        this.wanted = undefined;
        const uri = this.uri.toString();
        const params: RowAtParams = { uri };
        if ('index' in target) params.index = target.index;
        else params.position = { line: target.position.line, character: target.position.character };
        let result: RowAtResult | null = null;
        let failure: string | undefined;
        try {
          result = await this.deps.client.sendRequest(RowAtRequest, params);
        } catch (error) {
          failure = `The Labelbox language server did not answer: ${error instanceof Error ? error.message : String(error)}`;
        }
        // A newer target arrived while waiting (or another file: setUri asked for its row).
        if (this.wanted || uri !== this.uri.toString()) continue;
        await this.sendRow(result, failure, target);
      }
    } finally {
      this.busy = false;
    }
  }

  private async sendRow(result: RowAtResult | null, failure: string | undefined, target: RowTarget): Promise<void> {
    if (!result) {
      const open = this.isSynced() || textTabUris().some((uri) => uri.toString() === this.uri.toString());
      const empty =
        failure ??
        (!open
          ? 'The file is not open. Open it in an editor to preview its rows.'
          : 'index' in target
            ? 'No data row to show: the file is not checked as an import file, or has no rows.'
            : 'Put the cursor in a data row to preview it, or open the gallery.');
      if ('index' in target && open && this.retries < 10) {
        // After a window reload the server may not have the file yet.
        this.retries++;
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.showRow(target), RETRY_DELAY_MS);
      }
      const key = `empty:${empty}`;
      if (key === this.lastSentKey) return;
      this.lastSentKey = key;
      this.textAbort?.abort();
      this.post({ type: 'row', seq: ++this.seq, row: null, empty, resources: {}, texts: {} });
      return;
    }
    this.retries = 0;
    const mediaType = clipText(result.mediaType ?? result.inferredMediaType, MAX_MEDIA_TYPE);
    const row: PreviewRow = {
      index: result.index,
      rowCount: result.rowCount,
      line: result.range.start.line,
      // Computed once, here: the page renders it (after checking its shape) and this panel resolves its addresses.
      model: describeRow(result.value, mediaType, result.metadataNames),
      dialect: result.dialect,
      mediaType,
      mediaTypeInferred: result.mediaType === undefined && result.inferredMediaType !== undefined,
      problems: result.problems.map((problem) => ({
        severity: problem.severity,
        code: problem.code,
        message: problem.message,
        line: problem.range.start.line,
      })),
    };
    const context = this.resolveContext();
    // The row's text and names too, as before the model was sent: any change of them is sent again.
    const key = JSON.stringify([row, result.value, result.metadataNames, context]);
    this.currentIndex = row.index;
    if (key === this.lastSentKey) return; // the same row, unchanged: nothing to render again
    this.lastSentKey = key;
    await this.postRow(row, context);
  }

  /** The rewrites setting is read and its rules sorted once, not for every row and gallery page; its problems are logged then. */
  private resolveContext(): ResolveContext {
    if (!this.resolveCache) {
      const { context, problems } = resolveContextFor(this.uri);
      for (const problem of problems) this.deps.log.warn(problem);
      this.resolveCache = context;
    }
    return this.resolveCache;
  }

  private async postRow(row: PreviewRow, context: ResolveContext): Promise<void> {
    const { load, fetch, link } = addressesOf(row.model);
    const resources: Record<string, Resource> = {};
    const texts: Record<string, TextState> = {};
    const addresses = new Map<string, Resolution>();
    const webview = this.panel.webview;
    for (const address of [...load, ...link, ...fetch]) addresses.set(address, resolveAddress(address, context));
    // Workspace files are looked at first, so that a missing one is reported as such, not as a failed load.
    const uri = this.uri.toString();
    const files = await fileStates([...addresses.values()]);
    if (uri !== this.uri.toString() || this.wanted) {
      // Another file or row is on its way; this one was never sent.
      this.lastSentKey = undefined;
      return;
    }
    for (const address of [...load, ...link]) {
      setOwnValue(resources, address, toResource(addresses.get(address)!, webview, load.includes(address), files));
    }
    this.textAbort?.abort();
    const abort = new AbortController();
    this.textAbort = abort;
    this.addresses = addresses;
    const seq = ++this.seq;
    const pending: Array<[string, Resolution]> = [];
    for (const address of fetch) {
      const resolution = addresses.get(address)!;
      const resource = toResource(resolution, webview, false, files);
      resource.base = pageBase(address, resolution);
      setOwnValue(resources, address, resource);
      const cached = resource.notFound ? { status: 'failed' as const, reason: resource.notFound } : this.deps.texts.cached(resolution);
      setOwnValue(texts, address, cached ?? { status: 'loading' });
      if (!cached) pending.push([address, resolution]);
    }
    this.post({ type: 'row', seq, row, resources, texts });
    // Texts are fetched only for the row shown; moving on cancels them.
    for (const [address, resolution] of pending) {
      void this.deps.texts.load(resolution, abort.signal).then((state) => {
        if (!abort.signal.aborted) this.post({ type: 'text', seq, url: address, state });
      });
    }
  }

  /** The row at the editor's cursor; with no editor, the row given or else the one shown last. */
  private currentTarget(index?: number): RowTarget {
    const editor = this.editor();
    return editor ? { position: editor.selection.active } : { index: index ?? this.currentIndex ?? 0 };
  }

  private editor(): vscode.TextEditor | undefined {
    const uri = this.uri.toString();
    const active = vscode.window.activeTextEditor;
    if (active?.document.uri.toString() === uri) return active;
    return vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri);
  }

  /** Moves the editor's cursor to the start of a row and scrolls it into view. */
  private async reveal(index: number): Promise<void> {
    let result: RowAtResult | null;
    try {
      result = await this.deps.client.sendRequest(RowAtRequest, { uri: this.uri.toString(), index });
    } catch {
      return;
    }
    if (!result) return;
    let editor = this.editor();
    if (!editor && !this.isSynced()) {
      // A file VS Code does not hand over (over 50 MB): its editor can still be opened at the row.
      const range = new vscode.Range(result.range.start.line, result.range.start.character, result.range.end.line, result.range.end.character);
      await vscode.commands.executeCommand('vscode.open', this.uri, {
        selection: new vscode.Range(range.start, range.start),
        preserveFocus: true,
        viewColumn: this.sourceColumn(),
      });
      this.showRow({ index });
      return;
    }
    if (!editor) {
      const document = await vscode.workspace.openTextDocument(this.uri);
      const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
      editor = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: true });
    }
    const start = new vscode.Position(result.range.start.line, result.range.start.character);
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(
      new vscode.Range(start, new vscode.Position(result.range.end.line, result.range.end.character)),
      vscode.TextEditorRevealType.InCenterIfOutsideViewport,
    );
    this.showRow({ index });
  }

  /** Opens an address of the row shown (or a link of its text) outside VS Code's webview. */
  private async openExternal(address: string): Promise<void> {
    const resolution = this.addresses.get(address);
    const external = resolution && externalTarget(resolution);
    let target: vscode.Uri | undefined;
    if (external) target = 'path' in external ? vscode.Uri.file(external.path) : vscode.Uri.parse(external.url, true);
    else if (!resolution && /^(https?:\/\/|mailto:)/i.test(address)) {
      // A link in a text attachment: only web and mail links, which VS Code asks about before opening.
      try {
        target = vscode.Uri.parse(new URL(address).href, true);
      } catch {
        target = undefined;
      }
    }
    if (!target) {
      this.deps.log.warn(`Preview: not opening ${address.slice(0, 200)}: it is not a link of the row shown.`);
      return;
    }
    await vscode.env.openExternal(target);
  }

  private async answerGallery(requestId: number, from: number, count: number, filter: GalleryFilter): Promise<void> {
    const params = {
      uri: this.uri.toString(),
      from,
      count,
      filter: { text: filter.text || undefined, mediaType: filter.mediaType || undefined, problemsOnly: filter.problemsOnly },
    };
    let page;
    try {
      page = await this.deps.client.sendRequest(GalleryRequest, params);
    } catch {
      page = null;
    }
    const context = this.resolveContext();
    const webview = this.panel.webview;
    this.post({
      type: 'galleryPage',
      requestId,
      from,
      total: page?.total ?? 0,
      rowCount: page?.rowCount ?? 0,
      tiles: (page?.tiles ?? []).map((tile) => ({
        index: tile.index,
        line: tile.line,
        globalKey: clipText(tile.globalKey, MAX_URL),
        externalId: clipText(tile.externalId, MAX_URL),
        mediaType: clipText(tile.mediaType, MAX_MEDIA_TYPE),
        mediaTypeInferred: tile.mediaTypeInferred,
        errors: tile.errors,
        warnings: tile.warnings,
        thumb: tile.mediaType === 'IMAGE' && tile.assetUrl ? toResource(resolveAddress(tile.assetUrl, context), webview, true) : undefined,
        ...(tile.assetProblem ? { assetProblem: { code: tile.assetProblem.code.slice(0, 64), detail: cleanDetail(tile.assetProblem.detail) } } : {}),
      })),
    });
  }

  /** Shows the file beside or in place of the panel. */
  async showSource(): Promise<void> {
    const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    // A file over 50 MB cannot be opened as a document by an extension, but its editor can.
    if (!this.isSynced() && textTabUris().some((uri) => uri.toString() === this.uri.toString())) {
      await vscode.commands.executeCommand('vscode.open', this.uri, { viewColumn: column });
      return;
    }
    const document = await vscode.workspace.openTextDocument(this.uri);
    await vscode.window.showTextDocument(document, { viewColumn: column });
  }

  /** Whether VS Code handed the file's document to extensions (it does not for files over 50 MB). */
  private isSynced(): boolean {
    return vscode.workspace.textDocuments.some((document) => document.uri.toString() === this.uri.toString());
  }

  private sourceColumn(): vscode.ViewColumn {
    return this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.textAbort?.abort();
    for (const timer of [this.editTimer, this.galleryTimer, this.retryTimer]) if (timer) clearTimeout(timer);
    this.onDisposeEmitter.fire();
    this.onDisposeEmitter.dispose();
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
  }
}
