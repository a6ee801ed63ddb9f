import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { OpeningNotification } from '../../server/src/protocol';
import { SERVER_EXEC_ARGV } from './serverOptions';
import { JSON_LANGUAGES, SETTINGS_SECTION } from './settings';

/**
 * Documents this long are checked by the server on worker threads; when such a document is
 * the file on disk, the server can start reading it before the text arrives (the server's
 * CHECK_APART_FROM_LENGTH).
 */
const READ_AHEAD_FROM_LENGTH = 4 * 1024 * 1024;

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6011'] } },
  };
  let client: LanguageClient | undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector: JSON_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: { configurationSection: SETTINGS_SECTION },
    outputChannel,
    traceOutputChannel: outputChannel,
    middleware: {
      // Sending a big text takes the client and the server a while: a file that is what is on
      // disk can be read and checked by the server meanwhile.
      didOpen: async (document, next) => {
        if (client && isBigFileAsOnDisk(document)) await client.sendNotification(OpeningNotification, { uri: document.uri.toString(), version: document.version }).catch(() => undefined);
        return next(document);
      },
    },
    // The default error handler restarts a crashed server (up to 4 times in 3 minutes).
  };
  client = new LanguageClient('labelboxImport', 'Labelbox Import', serverOptions, clientOptions);
  return client;
}

function isBigFileAsOnDisk(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' || document.isDirty) return false;
  // The length without reading the text: the offset of the end.
  return document.offsetAt(new vscode.Position(document.lineCount, 0)) >= READ_AHEAD_FROM_LENGTH;
}
