import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type ClientCapabilities,
  type Connection,
  type FileEvent,
  type FileOperationOptions,
} from 'vscode-languageserver';
import type { WorkspaceKeys } from './workspaceKeys';

/**
 * Every file and folder: a deleted folder is reported as the folder alone (VS Code's watcher
 * does not report its children), so a pattern of JSON files would miss it.
 */
const ALL_FILES = '**/*';

/**
 * File operations the server asks to hear about (VS Code sends them for renames, deletes and
 * creations made in the editor: the explorer, WorkspaceEdit). They are a hint: a rename moves
 * a file's keys without reading it again. Changes made by other programs come only through the
 * watcher, which is the source of truth.
 */
export const FILE_OPERATIONS: FileOperationOptions = {
  didCreate: { filters: [{ scheme: 'file', pattern: { glob: ALL_FILES } }] },
  didRename: { filters: [{ scheme: 'file', pattern: { glob: ALL_FILES } }] },
  didDelete: { filters: [{ scheme: 'file', pattern: { glob: ALL_FILES } }] },
};

/** Registers the file operations' handlers and, when the client can, a watcher of the workspace's files. */
export function registerFileEvents(connection: Connection, capabilities: ClientCapabilities, workspaceKeys: WorkspaceKeys): void {
  connection.workspace.onDidCreateFiles(({ files }) => files.forEach((file) => workspaceKeys.created(file.uri)));
  connection.workspace.onDidDeleteFiles(({ files }) => files.forEach((file) => workspaceKeys.deleted(file.uri)));
  connection.workspace.onDidRenameFiles(({ files }) => files.forEach((file) => workspaceKeys.renamed(file.oldUri, file.newUri)));
  if (!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
  connection.client
    .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: ALL_FILES }] })
    .catch((error: unknown) => connection.console.warn(`Could not watch the workspace's import files: ${String(error)}`));
}

/** What the watcher reported, for the workspace's global keys. */
export function watchedFilesChanged(workspaceKeys: WorkspaceKeys, changes: readonly FileEvent[]): void {
  for (const change of changes) {
    if (change.type === FileChangeType.Deleted) workspaceKeys.deleted(change.uri);
    else workspaceKeys.created(change.uri);
  }
}
