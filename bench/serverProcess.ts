import { readFileSync } from 'node:fs';
import type { InitializeParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { StatusParams } from '../common/protocol';
import { TestLspClient, type Publication } from '../test/support/lspClient';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** What the bench's client says it can do, to every server it measures. */
const BENCH_CAPABILITIES: InitializeParams['capabilities'] = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { didSave: false, dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

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

/**
 * A language server under measurement: the tests' LSP client (test/support/lspClient.ts)
 * with the server's CPU time and peak memory read from /proc, and a measured open.
 */
export class ServerProcess {
  private constructor(
    readonly launch: ServerLaunch,
    readonly client: TestLspClient,
  ) {}

  static async start(launch: ServerLaunch): Promise<ServerProcess> {
    const client = await TestLspClient.start({
      name: launch.name,
      args: launch.args,
      settings: launch.settings ?? null,
      configuration: launch.configuration,
      initializationOptions: launch.initializationOptions,
      capabilities: BENCH_CAPABILITIES,
      // Left out of initialize, as the bench always did.
      workspaceFolders: undefined,
      stderrTail: 4000,
    });
    return new ServerProcess(launch, client);
  }

  get pid(): number {
    return this.client.pid;
  }

  /** What the server said it can do, from its initialize result. */
  get capabilities(): Record<string, unknown> {
    return this.client.capabilities;
  }

  /** Our server's status notifications (how long each check took; how far a check from disk is). */
  get statuses(): StatusParams[] {
    return this.client.notifications
      .filter((notification) => notification.method === 'labelboxImport/status')
      .map((notification) => notification.params as StatusParams);
  }

  open(uri: string, text: string, languageId = 'json'): void {
    this.client.open(uri, text, languageId);
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
    this.client.change(uri, changes, version);
  }

  /** How many times diagnostics were published for the document. */
  publications(uri: string): number {
    return this.client.publications(uri);
  }

  nextDiagnostics(uri: string, after: number, version: number, timeoutMs: number): Promise<Publication> {
    return this.client.nextDiagnostics(uri, after, version, timeoutMs);
  }

  /** Waits for the first status notification (so far or to come) that `matches`. */
  nextStatusWhere(matches: (status: StatusParams) => boolean, timeoutMs: number): Promise<StatusParams> {
    return this.client.waitFor(() => this.statuses.find(matches), timeoutMs, 'a status');
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.client.request<R>(method, params);
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

  /** Gives the server time to end on its own: a profiled server writes its profile on the way out. */
  stop(): Promise<void> {
    return this.client.stop({ shutdownWaitMs: 3000, exitWaitMs: 10_000 });
  }
}
