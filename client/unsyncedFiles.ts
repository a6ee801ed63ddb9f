import * as path from 'node:path';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { CheckFromDiskRequest, CloseFromDiskNotification } from '../common/protocol';
import { affectsSettings } from './settings';

/** What this module tells the language status (languageStatus.ts, which imports activeTabUri from here). */
export interface UnsyncedStatus {
  addUnsynced(uri: vscode.Uri): void;
  removeUnsynced(uri: vscode.Uri): void;
  checking(uri: string): void;
  notChecked(uri: string, reason: string, origin: 'disk'): void;
}

/**
 * VS Code hands no text longer than this to extensions ("too large for syncing"): the editor
 * shows the file, but no extension sees its document. The limit counts characters; a file
 * has at least as many bytes, so a smaller file is always handed over.
 */
export const SYNC_LIMIT = 50 * 1024 * 1024;

/** Tab changes come in bursts, and a file's document may arrive just after its tab. */
const SCAN_DELAY_MS = 400;
/** A save writes the file in several steps: check once it is done. */
const CHANGE_DELAY_MS = 300;

/** Why a file is checked from disk, said in the language status. */
export const NOT_SYNCED_CAUSE = 'VS Code does not hand files over 50 MB to extensions';
export const NOT_SYNCED_REASON = `${NOT_SYNCED_CAUSE}, so it is read from disk and checked again each time it is saved`;

interface UnsyncedFile {
  uri: vscode.Uri;
  watcher: vscode.FileSystemWatcher;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Import files open in an editor whose text VS Code never hands over (over 50 MB): found from
 * the tab groups and the open documents, and checked by the server from disk, again whenever
 * the file changes on disk (a save), until their last editor closes.
 */
export class UnsyncedFiles implements vscode.Disposable {
  private readonly files = new Map<string, UnsyncedFile>();
  /** Files the server said are not import files (until the settings change). */
  private readonly notImport = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private scanTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly status: UnsyncedStatus,
    private readonly output: vscode.LogOutputChannel,
  ) {
    const scanSoon = () => this.scanSoon();
    this.disposables.push(
      vscode.window.tabGroups.onDidChangeTabs(scanSoon),
      vscode.window.tabGroups.onDidChangeTabGroups(scanSoon),
      vscode.workspace.onDidOpenTextDocument(scanSoon),
      vscode.workspace.onDidCloseTextDocument(scanSoon),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!affectsSettings(event)) return;
        this.notImport.clear();
        for (const file of this.files.values()) this.check(file);
        scanSoon();
      }),
      client.onDidChangeState(({ newState }) => {
        // A server that (re)started knows nothing of these files; a stopped one cannot check them.
        for (const file of this.files.values()) {
          if (newState === State.Running) this.check(file);
          else if (newState === State.Stopped) this.notChecked(file.uri, 'the Labelbox language server is not running');
        }
      }),
    );
    this.scanSoon();
  }

  /** Whether the file is open in an editor but checked from disk. */
  has(uri: vscode.Uri): boolean {
    return this.files.has(uri.toString());
  }

  private scanSoon(): void {
    if (this.scanTimer) clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => void this.scan(), SCAN_DELAY_MS);
  }

  /** Starts checking files newly open without a document, and stops for those closed or handed over since. */
  private async scan(): Promise<void> {
    const synced = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
    const open = new Map<string, vscode.Uri>();
    for (const uri of textTabUris()) if (!synced.has(uri.toString())) open.set(uri.toString(), uri);
    for (const [key, file] of this.files) if (!open.has(key)) this.stop(file);
    for (const [key, uri] of open) {
      if (this.files.has(key) || this.notImport.has(key) || uri.scheme !== 'file') continue;
      let size: number;
      try {
        size = (await vscode.workspace.fs.stat(uri)).size;
      } catch {
        continue;
      }
      // Smaller files are handed over: their document is on its way. Another scan may have started it meanwhile.
      if (size <= SYNC_LIMIT || this.files.has(key)) continue;
      const file: UnsyncedFile = { uri, watcher: watch(uri) };
      const changed = () => {
        if (file.timer) clearTimeout(file.timer);
        file.timer = setTimeout(() => this.check(file), CHANGE_DELAY_MS);
      };
      file.watcher.onDidChange(changed);
      file.watcher.onDidCreate(changed);
      file.watcher.onDidDelete(changed);
      this.files.set(key, file);
      this.status.addUnsynced(uri);
      this.output.info(`${vscode.workspace.asRelativePath(uri)} (${megabytes(size)}) is open, but ${NOT_SYNCED_REASON}.`);
      this.check(file);
    }
  }

  /** Asks the server to read the file from disk and check it. */
  private check(file: UnsyncedFile): void {
    const uri = file.uri.toString();
    if (this.client.state !== State.Running) {
      this.notChecked(file.uri, 'the Labelbox language server is not running');
      return;
    }
    this.status.checking(uri);
    this.client.sendRequest(CheckFromDiskRequest, { uri }).then(
      (result) => {
        if (this.files.get(uri) !== file) return;
        if (!result.isImportFile) {
          // Not an import file after all (by name and content): leave it alone.
          this.notImport.add(uri);
          this.stop(file);
          return;
        }
        if (result.notChecked) this.notChecked(file.uri, result.notChecked);
      },
      (error: unknown) => this.notChecked(file.uri, `the Labelbox language server did not answer: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private notChecked(uri: vscode.Uri, reason: string): void {
    this.output.warn(`${vscode.workspace.asRelativePath(uri)} was not checked: ${reason}.`);
    this.status.notChecked(uri.toString(), reason, 'disk');
  }

  private stop(file: UnsyncedFile): void {
    const uri = file.uri.toString();
    this.files.delete(uri);
    if (file.timer) clearTimeout(file.timer);
    file.watcher.dispose();
    this.status.removeUnsynced(file.uri);
    if (this.client.state === State.Running) void this.client.sendNotification(CloseFromDiskNotification, { uri }).catch(() => undefined);
  }

  dispose(): void {
    if (this.scanTimer) clearTimeout(this.scanTimer);
    for (const file of [...this.files.values()]) this.stop(file);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The files open in text editors of any tab group. */
export function textTabUris(): vscode.Uri[] {
  const uris: vscode.Uri[] = [];
  for (const group of vscode.window.tabGroups.all) for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) uris.push(tab.input.uri);
  return uris;
}

/** The file of the active tab when it is a text editor's, whether or not VS Code handed its document over. */
export function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? input.uri : undefined;
}

/** Watches one file (creation, change, deletion), inside the workspace or not. */
function watch(uri: vscode.Uri): vscode.FileSystemWatcher {
  return vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(uri.fsPath)), path.basename(uri.fsPath)));
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 0 })} MB`;
}
