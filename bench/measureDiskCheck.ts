import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { CheckFromDiskResult, StatusParams } from '../common/protocol';
import { FileLayout } from './fileLayout';
import { ServerProcess, type ServerLaunch } from './serverProcess';

/** Our server checking a file from disk, as for a file VS Code does not hand over (over 50 MB). */
export interface DiskCheckResult {
  /** From the request to the status that ends the check (the problems come just before it). */
  ms: number;
  cpuMs: number;
  peakMemoryMb: number;
  problems: number;
  rows: number;
  /** Status notifications that told how far the check was, before it ended. */
  progressUpdates: number;
  /** Rows with a problem among those that must have one, and clean rows with one. */
  wrongRowsReported: number;
  cleanRowsReported: number;
}

/**
 * Starts our server, asks it to check `path` from disk (labelboxImport/checkFromDisk) and waits
 * for the end of the check. `text` (the file's text) and `wrongRows` tell which rows must have
 * a problem, so that a check that skipped rows cannot look fast.
 */
export async function measureDiskCheck(launch: ServerLaunch, path: string, text: string, wrongRows: ReadonlySet<number>): Promise<DiskCheckResult> {
  const server = await ServerProcess.start(launch);
  const uri = pathToFileURL(path).href;
  try {
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = server.cpuMilliseconds();
    const started = performance.now();
    const answer = await server.request<CheckFromDiskResult>('labelboxImport/checkFromDisk', { uri });
    if (!answer.isImportFile || answer.notChecked) throw new Error(`the server did not check ${path} from disk: ${JSON.stringify(answer)}`);
    const ended = await server.nextStatusWhere((status) => status.uri === uri && status.checking === undefined, 1_200_000);
    const ms = performance.now() - started;
    const cpuMs = server.cpuMilliseconds() - cpu;
    if (ended.notChecked) throw new Error(`${path} was not checked: ${ended.notChecked}`);
    const diagnostics = await server.nextDiagnostics(uri, 0, 1, 10_000).then((publication) => publication.diagnostics);
    const { wrong, clean } = rowsReported(text, diagnostics, wrongRows);
    return {
      ms,
      cpuMs,
      peakMemoryMb: server.peakMemoryMb(),
      problems: diagnostics.length,
      rows: ended.rows,
      progressUpdates: server.statuses.filter((status: StatusParams) => status.uri === uri && status.checking !== undefined).length,
      wrongRowsReported: wrong,
      cleanRowsReported: clean,
    };
  } finally {
    await server.stop();
  }
}

function rowsReported(text: string, diagnostics: Diagnostic[], wrongRows: ReadonlySet<number>): { wrong: number; clean: number } {
  const layout = new FileLayout(text);
  const reported = new Set(diagnostics.map((diagnostic) => layout.rowOfLine(diagnostic.range.start.line)));
  let wrong = 0;
  let clean = 0;
  for (const row of reported) {
    if (wrongRows.has(row)) wrong++;
    else if (row >= 0) clean++;
  }
  return { wrong, clean };
}
