import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  Diagnostic,
  InitializeParams,
  PublishDiagnosticsParams,
  Registration,
  TextDocumentContentChangeEvent,
  WorkspaceFolder,
} from 'vscode-languageserver-protocol';
import type { CancellationToken, CompletionItem, CompletionList, Hover, Position } from 'vscode-languageserver-protocol';

export const SERVER_PATH = resolve(__dirname, '../../dist/server.js');

/**
 * A language client for tests: starts `node dist/server.js --stdio` as a separate process
 * and speaks LSP to it over its standard input and output.
 */
export class TestLspClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Array<() => void> = [];
  private readonly versions = new Map<string, number>();
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  stderr = '';

  private constructor() {
    this.process = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.process.on('exit', (code) => {
      this.exitCode = code ?? -1;
      this.wake();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.wake();
    });
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
      this.wake();
    });
    // Answer configuration requests from the settings given to start().
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      this.registrations.push(...params.registrations);
      this.wake();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    // Messages shown to the user (with or without buttons) are kept with the notifications; no button is pressed.
    this.connection.onRequest('window/showMessageRequest', (params: unknown) => {
      this.notifications.push({ method: 'window/showMessageRequest', params });
      this.wake();
      return null;
    });
    this.connection.listen();
  }

  private settings: unknown = {};

  /** Answers later configuration requests with these settings (send workspace/didChangeConfiguration after). */
  useSettings(settings: unknown): void {
    this.settings = settings;
  }
  /** What the server registered dynamically (e.g. file watchers). */
  readonly registrations: Registration[] = [];
  /** Set when the server process has ended. */
  exitCode: number | undefined;

  /** The server's process id, to read its memory use. */
  get pid(): number {
    return this.process.pid ?? -1;
  }

  static async start(
    options: {
      settings?: unknown;
      initializationOptions?: unknown;
      capabilities?: InitializeParams['capabilities'];
      workspaceFolders?: WorkspaceFolder[];
    } = {},
  ): Promise<TestLspClient> {
    const client = new TestLspClient();
    client.settings = options.settings ?? {};
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities: options.capabilities ?? {
        workspace: { configuration: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } } },
        },
      },
      initializationOptions: options.initializationOptions,
    } satisfies InitializeParams);
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  open(uri: string, text: string, languageId = 'json'): void {
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Waits until the server has published diagnostics for the document's current version. */
  async diagnosticsFor(uri: string, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    const ready = () => {
      const published = this.diagnostics.get(uri);
      return published && (published.version === undefined || published.version === version) ? published.diagnostics : undefined;
    };
    return this.waitFor(ready, timeoutMs, `diagnostics for ${uri} version ${version}`);
  }

  /** The diagnostics last published for a document, whatever its version. */
  latestDiagnostics(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri)?.diagnostics;
  }

  /** Waits until `probe` returns something, re-checking after every message from the server. */
  async waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (this.exitCode !== undefined) throw new Error(`The server exited (code ${this.exitCode}) while waiting for ${what}. Server stderr: ${this.stderr}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Timed out waiting for ${what}. Server stderr: ${this.stderr}`);
      await new Promise<void>((resolveWait) => {
        const timer = setTimeout(resolveWait, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolveWait();
        });
      });
    }
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** The completion items at a position (a list or a bare array, as the server answers). */
  async completion(uri: string, position: Position, token?: CancellationToken): Promise<CompletionItem[] | null> {
    const params = { textDocument: { uri }, position };
    const result = (await (token
      ? this.connection.sendRequest('textDocument/completion', params, token)
      : this.connection.sendRequest('textDocument/completion', params))) as CompletionList | CompletionItem[] | null;
    return result === null ? null : Array.isArray(result) ? result : result.items;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }) as Promise<Hover | null>;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.exitCode !== undefined ? resolve() : this.process.once('exit', () => resolve())));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(2000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    await Promise.race([exited, delay(2000)]);
    this.connection.dispose();
    this.process.kill();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
