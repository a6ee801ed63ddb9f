import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CancellationToken,
  CompletionItem,
  CompletionList,
  Diagnostic,
  Hover,
  InitializeParams,
  Position,
  PublishDiagnosticsParams,
  Registration,
  TextDocumentContentChangeEvent,
  WorkspaceFolder,
} from 'vscode-languageserver-protocol';

export const SERVER_PATH = resolve(__dirname, '../../dist/server.js');

/** What the tests' client says it can do, unless a test gives its own capabilities. */
const DEFAULT_CAPABILITIES: InitializeParams['capabilities'] = {
  workspace: { configuration: true },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } } },
  },
};

export interface LspClientOptions {
  /** Node arguments and script to run with this Node; our bundled server over stdio unless given. */
  args?: string[];
  /** Names the server in error messages. */
  name?: string;
  /** Answers to workspace/configuration requests ({} unless given; null is sent as null). */
  settings?: unknown;
  /** Sent as workspace/didChangeConfiguration after initialized. */
  configuration?: unknown;
  initializationOptions?: unknown;
  capabilities?: InitializeParams['capabilities'];
  /** null (no folder open) unless given; an explicit undefined leaves the field out of initialize. */
  workspaceFolders?: WorkspaceFolder[] | null;
  /** Keep only the last this many characters of the server's stderr (all of it unless given). */
  stderrTail?: number;
}

/** One diagnostics publication, with the time (performance.now()) it arrived. */
export interface Publication {
  version: number | undefined;
  diagnostics: Diagnostic[];
  at: number;
}

/**
 * The one LSP client of the tests and the bench: starts a language server (ours unless told
 * otherwise) as a separate Node process and speaks LSP to it over its standard input and output.
 */
export class TestLspClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly name: string;
  /** The last publication for each document since it was opened. */
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publication for each document, in order of arrival. */
  private readonly published = new Map<string, Publication[]>();
  private readonly waiters: Array<() => void> = [];
  private readonly versions = new Map<string, number>();
  /** Every notification other than diagnostics, and every message shown to the user. */
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  stderr = '';
  private settings: unknown = {};
  /** What the server registered dynamically (e.g. file watchers). */
  readonly registrations: Registration[] = [];
  /** What the server said it can do, from its initialize result. */
  capabilities: Record<string, unknown> = {};
  /** Set when the server process has ended. */
  exitCode: number | undefined;

  private constructor(options: LspClientOptions) {
    this.name = options.name ?? 'The server';
    this.process = spawn(process.execPath, options.args ?? [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
      if (options.stderrTail !== undefined) this.stderr = this.stderr.slice(-options.stderrTail);
    });
    this.process.on('exit', (code) => {
      this.exitCode = code ?? -1;
      this.wake();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.listenToNotifications();
    this.answerRequests();
    this.connection.listen();
  }

  private listenToNotifications(): void {
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const at = performance.now();
      this.diagnostics.set(params.uri, params);
      const list = this.published.get(params.uri) ?? [];
      list.push({ version: params.version, diagnostics: params.diagnostics, at });
      this.published.set(params.uri, list);
      this.wake();
    });
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
      this.wake();
    });
  }

  private answerRequests(): void {
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
    // VS Code answers the JSON server's requests for schema content it does not read itself.
    this.connection.onRequest('vscode/content', (uri: string) => readFileSync(fileURLToPath(uri), 'utf8'));
  }

  /** Answers later configuration requests with these settings (send workspace/didChangeConfiguration after). */
  useSettings(settings: unknown): void {
    this.settings = settings;
  }

  /** The server's process id, to read its memory use. */
  get pid(): number {
    return this.process.pid ?? -1;
  }

  static async start(options: LspClientOptions = {}): Promise<TestLspClient> {
    const client = new TestLspClient(options);
    client.settings = options.settings === undefined ? {} : options.settings;
    const result = await client.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: 'workspaceFolders' in options ? options.workspaceFolders : null,
      capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    } as InitializeParams);
    client.capabilities = result.capabilities;
    await client.connection.sendNotification('initialized', {});
    if (options.configuration) await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: options.configuration });
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

  /** Sends the changes as the document's next version (or as `version`, when given) and returns that version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[], version = (this.versions.get(uri) ?? 1) + 1): number {
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

  /** How many times diagnostics were published for the document. */
  publications(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  /**
   * Waits for the first publication after the first `after` ones that the server made for
   * `uri` (and, when the server sends versions, for `version`), and returns it.
   */
  nextDiagnostics(uri: string, after: number, version: number, timeoutMs: number): Promise<Publication> {
    const probe = () =>
      (this.published.get(uri) ?? []).slice(after).find((publication) => publication.version === undefined || publication.version === version);
    return this.waitFor(probe, timeoutMs, `diagnostics for ${uri} version ${version}`);
  }

  /** Waits until `probe` returns something, re-checking after every message from the server. */
  async waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (this.exitCode !== undefined) throw new Error(`${this.name} exited (code ${this.exitCode}) while waiting for ${what}. Server stderr: ${this.stderr}`);
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new Error(`${this.name}: timed out waiting for ${what}. Server stderr: ${this.stderr}`);
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

  /**
   * Asks the server to shut down and exit, gives it `exitWaitMs` to end on its own (a profiled
   * server writes its profile on the way out), then kills it.
   */
  async stop({ shutdownWaitMs = 2000, exitWaitMs = 2000 } = {}): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.exitCode !== undefined ? resolve() : this.process.once('exit', () => resolve())));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(shutdownWaitMs)]);
      await this.connection.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    await Promise.race([exited, delay(exitWaitMs)]);
    this.connection.dispose();
    this.process.kill();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
