import { spawn } from 'node:child_process';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { ServerCapabilities } from 'vscode-languageserver-protocol';
import { extensionPath } from './helpers';

let capabilities: Promise<ServerCapabilities> | undefined;

/**
 * The capabilities the installed extension's language server declares, asked of a second copy
 * of that server over stdio. Tests of editor features that are not built yet are skipped on
 * this: a declared feature is always tested, so a broken one fails instead of being skipped.
 */
export function serverCapabilities(): Promise<ServerCapabilities> {
  capabilities ??= askServer(path.join(extensionPath(), 'dist', 'server.js'));
  return capabilities;
}

async function askServer(serverPath: string): Promise<ServerCapabilities> {
  // In the Electron build of VS Code, execPath is Electron: this makes it run as plain Node.
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    const result = await Promise.race([
      connection.sendRequest<{ capabilities: ServerCapabilities }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} }),
      new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the language server exited with code ${code}`)))),
    ]);
    await connection.sendRequest('shutdown');
    connection.sendNotification('exit');
    return result.capabilities;
  } finally {
    connection.dispose();
    child.kill();
  }
}

/** The code action kinds the server declares ([] when it declares none or only `true`). */
export function codeActionKinds(capabilities: ServerCapabilities): string[] {
  const provider = capabilities.codeActionProvider;
  return typeof provider === 'object' ? (provider.codeActionKinds ?? []) : [];
}
