import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GlobalKeysRequest, LabelboxKeyResultsNotification } from '../../common/protocol';
import { ApiKeyStore, askApiKey } from '../metadata/apiKeyStore';
import { apiEndpoint } from '../settings';
import { activeTabUri } from '../unsyncedFiles';
import { checkGlobalKeys, type CheckOutcome, type CheckSteps } from './checkGlobalKeys';

export const CHECK_GLOBAL_KEYS_COMMAND = 'labelboxImport.checkGlobalKeysAgainstLabelbox';

/**
 * "Labelbox: Check Global Keys Against Labelbox" on the active import file: asks Labelbox's
 * API which of its global keys a data row already has (with the API key of the metadata
 * command, kept in SecretStorage), and has the server report them at their rows.
 */
export function registerGlobalKeyCommand(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): void {
  const keys = new ApiKeyStore(context.secrets);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '';
  context.subscriptions.push(vscode.commands.registerCommand(CHECK_GLOBAL_KEYS_COMMAND, () => runCommand({ keys, client, output, version }, false)));
}

interface Parts {
  keys: ApiKeyStore;
  client: LanguageClient;
  output: vscode.LogOutputChannel;
  version: string;
}

/** Files being checked: a second run on one of them would mix its answers with the first run's. */
const running = new Set<string>();

async function runCommand(parts: Parts, askForKey: boolean): Promise<CheckOutcome | undefined> {
  // A file over 50 MB has no text editor for extensions, only a tab (it is checked from disk).
  const fileUri = vscode.window.activeTextEditor?.document.uri ?? activeTabUri();
  if (!fileUri) {
    void vscode.window.showInformationMessage('Open a Labelbox import file to check its global keys against Labelbox.');
    return undefined;
  }
  const fileLabel = vscode.workspace.asRelativePath(fileUri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  const uri = fileUri.toString();
  if (running.has(uri)) {
    void vscode.window.showInformationMessage(`The global keys of ${fileLabel} are being checked against Labelbox already.`);
    return undefined;
  }
  const endpoint = apiEndpoint(vscode.workspace.getWorkspaceFolder(fileUri));
  running.add(uri);
  let outcome: CheckOutcome;
  try {
    outcome = await checkGlobalKeys(stepsFor(parts, askForKey, fileUri, fileLabel, endpoint));
  } finally {
    // Before the summary, which stays until it is dismissed: the next run may start meanwhile.
    running.delete(uri);
  }
  await report(parts, outcome, endpoint);
  return outcome;
}

function stepsFor(parts: Parts, askForKey: boolean, fileUri: vscode.Uri, fileLabel: string, endpoint: string): CheckSteps {
  return {
    trusted: vscode.workspace.isTrusted,
    uri: fileUri.toString(),
    fileLabel,
    endpoint,
    keysOf: (uri) => Promise.resolve(parts.client.sendRequest(GlobalKeysRequest, { uri })),
    apiKeyFor: async (origin) => {
      const stored = askForKey ? undefined : await parts.keys.get(origin);
      if (stored) return { key: stored, stored: true };
      const typed = await askApiKey(origin);
      return typed ? { key: typed, stored: false } : undefined;
    },
    withProgress: async (title, task) =>
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return task((message, increment) => progress.report({ message, increment }), controller.signal);
      }),
    sendResults: (params) => void parts.client.sendNotification(LabelboxKeyResultsNotification, params),
    userAgent: `labelbox-import-vscode/${parts.version}`,
  };
}

async function report(parts: Parts, outcome: CheckOutcome, endpoint: string): Promise<void> {
  const { output, keys } = parts;
  if (outcome.kind === 'no-key') return;
  if (outcome.kind === 'refused') {
    output.warn(outcome.message);
    void vscode.window.showWarningMessage(outcome.message);
    return;
  }
  const { result } = outcome;
  output.info(`Checked ${result.checked} of ${outcome.asked} global keys at ${endpoint}: ${result.found.length} found.`);
  for (const problem of result.problems) output.warn(`Global key check (${problem.failure}, ${problem.keys} keys): ${problem.message}`);
  if (result.stopped === 'auth') {
    // A rejected stored key is of no further use.
    if (outcome.keyWasStored) await keys.delete(outcome.origin);
    const again = await vscode.window.showErrorMessage(result.problems[0]?.message ?? 'Labelbox rejected the API key.', 'Enter Another Key');
    if (again) await runCommand(parts, true);
    return;
  }
  // Labelbox accepted the key: keep it (only now, so that a mistyped key is never stored).
  if (!outcome.keyWasStored && result.checked > 0) await keys.store(outcome.origin, outcome.apiKey);
  const failed = result.problems.some((problem) => problem.failure !== 'cancelled');
  const show = failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(outcome.summary, ...(result.found.length ? ['Show Problems'] : []), ...(failed ? ['Show Output'] : []));
  if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  else if (choice === 'Show Output') output.show(true);
}
