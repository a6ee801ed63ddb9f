import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_METADATA_SCHEMA_PATH } from '../../common/metadataSchema/schemaFile';
import { apiEndpoint, metadataSchemaPath } from '../settings';
import { ApiKeyStore, askApiKey } from './apiKeyStore';
import { DEFAULT_API_ENDPOINT, fetchMetadataSchema, type FetchResult } from './fetchMetadataSchema';
import { schemaWriteProblem } from './schemaTarget';

/**
 * "Labelbox: Fetch Metadata Schema from Labelbox": asks for the API key (kept in SecretStorage),
 * sends the metadata-ontology query and writes the answer to the folder's schema file, which
 * the language server then reads. "Labelbox: Forget the Labelbox API Key" removes the key.
 */
export function registerMetadataCommands(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  const keys = new ApiKeyStore(context.secrets);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '';
  context.subscriptions.push(
    vscode.commands.registerCommand('labelboxImport.fetchMetadataSchema', () => fetchCommand(keys, output, version, false)),
    vscode.commands.registerCommand('labelboxImport.forgetApiKey', () => forgetCommand(keys)),
  );
}

async function fetchCommand(keys: ApiKeyStore, output: vscode.LogOutputChannel, version: string, askForKey: boolean): Promise<void> {
  const folder = await pickFolder();
  if (!folder) return;
  const target = schemaFileOf(folder);
  // Checked before the key is asked for or sent: nothing is fetched for a file that cannot be written.
  const problem =
    target.scheme === 'file' && folder.uri.scheme === 'file' ? schemaWriteProblem(target.fsPath, folder.uri.fsPath, vscode.workspace.isTrusted) : undefined;
  if (problem) {
    output.warn(problem);
    void vscode.window.showErrorMessage(problem);
    return;
  }
  const endpoint = apiEndpoint(folder);
  let origin: string;
  try {
    origin = new URL(endpoint).origin;
  } catch {
    void vscode.window.showErrorMessage(`The setting labelboxImport.apiEndpoint ("${endpoint}") is not a URL.`);
    return;
  }
  const stored = askForKey ? undefined : await keys.get(origin);
  const key = stored ?? (await askApiKey(origin));
  if (!key) return;

  output.info(`Fetching the metadata schema from ${endpoint} for ${target.fsPath}.`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Fetching the metadata schema from Labelbox…', cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return fetchMetadataSchema({ apiKey: key, endpoint, userAgent: `labelbox-import-vscode/${version}`, signal: controller.signal });
    },
  );
  if (!result.ok) return reportFailure(result, keys, origin, output, version, Boolean(stored));

  // The key worked: keep it (only now, so that a mistyped key is never stored).
  if (!stored) await keys.store(origin, key);
  try {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    await vscode.workspace.fs.writeFile(target, Buffer.from(result.fileText, 'utf8'));
  } catch (error) {
    output.error(`Could not write ${target.fsPath}: ${String(error)}`);
    void vscode.window.showErrorMessage(`Could not write the metadata schema to ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  for (const warning of result.warnings) output.warn(`Metadata schema: ${warning}`);
  const shown = vscode.workspace.asRelativePath(target, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  output.info(`Saved the metadata schema (${result.customFieldCount} custom fields) to ${target.fsPath}.`);
  const open = await vscode.window.showInformationMessage(
    `Saved your organization's metadata schema (${result.customFieldCount} custom field${result.customFieldCount === 1 ? '' : 's'}) to ${shown}. Import files in this folder are now checked against it.`,
    'Open File',
  );
  if (open) await vscode.window.showTextDocument(target);
}

async function reportFailure(
  result: Extract<FetchResult, { ok: false }>,
  keys: ApiKeyStore,
  origin: string,
  output: vscode.LogOutputChannel,
  version: string,
  wasStored: boolean,
): Promise<void> {
  output.warn(`Fetching the metadata schema failed (${result.failure}): ${result.message}`);
  if (result.failure === 'cancelled') return;
  if (result.failure === 'auth') {
    // A rejected stored key is of no further use.
    if (wasStored) await keys.delete(origin);
    const again = await vscode.window.showErrorMessage(result.message, 'Enter Another Key');
    if (again) await fetchCommand(keys, output, version, true);
    return;
  }
  const retry = await vscode.window.showErrorMessage(result.message, 'Try Again', 'Show Output');
  if (retry === 'Try Again') await fetchCommand(keys, output, version, false);
  else if (retry === 'Show Output') output.show(true);
}

async function forgetCommand(keys: ApiKeyStore): Promise<void> {
  const origins = new Set([new URL(DEFAULT_API_ENDPOINT).origin]);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      origins.add(new URL(apiEndpoint(folder)).origin);
    } catch {
      // not a URL: no key can have been stored for it
    }
  }
  let found = false;
  for (const origin of origins) {
    if (await keys.get(origin)) {
      found = true;
      await keys.delete(origin);
    }
  }
  void vscode.window.showInformationMessage(found ? "The Labelbox API key was removed from VS Code's secret storage." : 'No Labelbox API key is stored.');
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(`Open a folder first: the metadata schema is saved in it, as ${DEFAULT_METADATA_SCHEMA_PATH}.`);
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder is the metadata schema for?' });
}

function schemaFileOf(folder: vscode.WorkspaceFolder): vscode.Uri {
  const setting = metadataSchemaPath(folder);
  return path.isAbsolute(setting) ? vscode.Uri.file(setting) : vscode.Uri.joinPath(folder.uri, ...setting.split(/[\\/]/));
}
