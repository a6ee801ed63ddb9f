import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { RestartPolicy } from './restartPolicy';
import { SERVER_EXEC_ARGV } from './serverOptions';
import { JSON_LANGUAGES, SETTINGS_SECTION } from './settings';

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, restarts: RestartPolicy): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: JSON_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: { configurationSection: SETTINGS_SECTION },
    outputChannel,
    traceOutputChannel: outputChannel,
    // Read at every start: the server reads no schema outside the workspace folders while they are untrusted.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    errorHandler: {
      // Errors on the connection itself: go on a few times, as the default handler does.
      error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        const decision = restarts.closed();
        outputChannel.warn(decision.log);
        return decision.restart
          ? { action: CloseAction.Restart, handled: true }
          : { action: CloseAction.DoNotRestart, message: decision.message, handled: false };
      },
    },
  };
  return new LanguageClient('labelboxImport', 'Labelbox Import', serverOptions, clientOptions);
}
