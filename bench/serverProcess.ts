import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeParams, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { StatusParams } from '../common/protocol';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ServerLaunch {
  name: string;
  /** Node arguments and script (run with this Node). */
  args: string[];
  initializationOptions?: unknown;
  /** Answers to workspace/configuration requests. */
  settings?: unknown;
  /** Sent as workspace/didChangeConfiguration after initialized. */
  configuration?: unknown;
}

interface Publication {
  version: number | undefined;
  diagnostics: Diagnostic[];
  at: number;
}

/**
 * A language server under measurement: a separate Node process spoken to over stdio, with
 * its CPU time and peak memory read from /proc.
 */
export class ServerProcess {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  private readonly published = new Map<string, Publication[]>();
  private readonly waiters: Array<() => void> = [];
  private exited = false;
  stderr = '';
  /** Our server's status notifications (how long each check took; how far a check from disk is). */
  readonly statuses: StatusParams[] = [];
  /** What the server said it can do, from its initialize result. */
  capabilities: Record<string, unknown> = {};

  private constructor(readonly launch: ServerLaunch) {
    this.child = spawn(process.execPath, launch.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    this.child.on('exit', () => {
      this.exited = true;
      this.wake();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push({ version: params.version, diagnostics: params.diagnostics, at: performance.now() });
      this.published.set(params.uri, list);
      this.wake();
    });
    this.connection.onNotification((method, params) => {
      if (method === 'labelboxImport/status') {
        this.statuses.push(params as StatusParams);
        this.wake();
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => launch.settings ?? null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    // VS Code answers the JSON server's requests for schema content it does not read itself.
    this.connection.onRequest('vscode/content', (uri: string) => readFileSync(fileURLToPath(uri), 'utf8'));
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(launch: ServerLaunch): Promise<ServerProcess> {
    const server = new ServerProcess(launch);
    const result = await server.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { didSave: false, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
      initializationOptions: launch.initializationOptions,
    } as InitializeParams);
    server.capabilities = result.capabilities;
    await server.connection.sendNotification('initialized', {});
    if (launch.configuration) await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: launch.configuration });
    return server;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  open(uri: string, text: string, languageId = 'json'): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /**
   * Opens the document and waits for its first diagnostics: the wall time (to their arrival)
   * and the server's CPU time it took. The bench's own garbage is collected first (it needs
   * --expose-gc), so that none of its collection falls into what is measured.
   */
  async openAndWait(uri: string, text: string, languageId: string, timeoutMs: number): Promise<{ opened: Publication; openMs: number; openCpuMs: number }> {
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = this.cpuMilliseconds();
    const started = performance.now();
    this.open(uri, text, languageId);
    const opened = await this.nextDiagnostics(uri, 0, 1, timeoutMs);
    return { opened, openMs: opened.at - started, openCpuMs: this.cpuMilliseconds() - cpu };
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  /** How many times diagnostics were published for the document. */
  publications(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  /**
   * Waits for the first publication after the first `after` ones that the server made for
   * `uri` (and, when the server sends versions, for `version`), and returns it.
   */
  async nextDiagnostics(uri: string, after: number, version: number, timeoutMs: number): Promise<Publication> {
    const found = await this.waitUntil(
      () => (this.published.get(uri) ?? []).slice(after).find((publication) => publication.version === undefined || publication.version === version),
      timeoutMs,
    );
    if (found === 'exited') throw new Error(`${this.launch.name} exited while waiting for diagnostics. Its stderr: ${this.stderr}`);
    if (found === 'timeout') throw new Error(`${this.launch.name}: no diagnostics for ${uri} version ${version} within ${timeoutMs} ms`);
    return found;
  }

  /** Waits for the first status notification (so far or to come) that `matches`. */
  async nextStatusWhere(matches: (status: StatusParams) => boolean, timeoutMs: number): Promise<StatusParams> {
    const found = await this.waitUntil(() => this.statuses.find(matches), timeoutMs);
    if (found === 'exited') throw new Error(`${this.launch.name} exited while waiting for a status. Its stderr: ${this.stderr}`);
    if (found === 'timeout') throw new Error(`${this.launch.name}: no such status within ${timeoutMs} ms`);
    return found;
  }

  /** Re-evaluates `probe` whenever a message arrives, until it finds something, the server exits or time is up. */
  private async waitUntil<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | 'exited' | 'timeout'> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (this.exited) return 'exited';
      const remaining = deadline - performance.now();
      if (remaining <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** User plus system CPU time of the server process so far, in milliseconds. */
  cpuMilliseconds(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  }

  /** Peak resident memory of the server process so far (VmHWM), in megabytes. */
  peakMemoryMb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 3000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    // Give it time to end on its own (a profiled server writes its profile on the way out).
    const deadline = performance.now() + 10_000;
    while (!this.exited && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    this.connection.dispose();
    if (!this.exited) this.child.kill();
  }
}
