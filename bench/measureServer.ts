import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { cleanRowText, type GeneratedFile, rowsWithInjectedProblems } from './generateRows';
import { FileLayout } from './fileLayout';
import { ServerProcess, type ServerLaunch } from './serverProcess';

export interface SessionOptions {
  /** Break-and-repair pairs of one-character edits (two measured edits each). */
  editPairs: number;
  /** Rows pasted (then removed again) as one structural edit. */
  pasteRows: number;
  /** Open the edited text as a second document and compare: incremental must equal fresh. */
  compareWithFresh: boolean;
  timeoutMs: number;
  /** Pause before each measured edit, as between keystrokes: the server finishes what it does when idle. */
  pauseMs: number;
}

/** What one server did with one file; times in milliseconds, memory in megabytes. */
export interface SessionResult {
  server: string;
  openMs: number;
  openCpuMs: number;
  /** Our server's own account (status notification) of the time it spent parsing and checking the file. */
  openCheckMs: number | undefined;
  problems: number;
  injectedRows: number;
  injectedRowsReported: number;
  cleanRowsReported: number;
  editMs: number[];
  editCpuMs: number;
  pastedRows: number;
  pasteMs: number;
  unpasteMs: number;
  completionMs: number[] | undefined;
  hoverMs: number[] | undefined;
  symbolsMs: number;
  symbols: number;
  galleryMs: number[] | undefined;
  peakMemoryMb: number;
  /** For our server: whether diagnostics after the edits equal those of a fresh open of the same text. */
  sameAsFresh?: boolean;
  notes: string[];
}

/** Clean image rows near these fractions of the file get the measured edits and requests. */
const FRACTIONS = [0.5, 0.3, 0.7, 0.1, 0.9, 0.4, 0.6, 0.2, 0.8, 0.05, 0.95];

/**
 * Opens the file in the server, waits for its diagnostics, then edits rows one character at a
 * time (breaking a media_type, then repairing it), pastes and removes a block of rows, asks for
 * completion, hover, symbols (and the gallery where there is one), and reads the server's
 * peak memory. Each result is checked, so that a server that skipped the work cannot look fast.
 */
export async function measureSession(
  launch: ServerLaunch,
  file: GeneratedFile,
  uri: string,
  languageId: string,
  options: SessionOptions,
): Promise<SessionResult> {
  const layout = new FileLayout(file.text);
  const injected = rowsWithInjectedProblems(file);
  const targets = pickTargetRows(layout, injected);
  const server = await ServerProcess.start(launch);
  const notes: string[] = [];
  let document = TextDocument.create(uri, languageId, 1, file.text);
  let version = 1;

  const edit = async (changes: TextDocumentContentChangeEvent[]): Promise<{ ms: number; diagnostics: Diagnostic[] }> => {
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    version++;
    document = TextDocument.update(document, changes, version);
    const before = server.publications(uri);
    const started = performance.now();
    server.change(uri, version, changes);
    const published = await server.nextDiagnostics(uri, before, version, options.timeoutMs);
    return { ms: published.at - started, diagnostics: published.diagnostics };
  };

  try {
    // Opening → diagnostics.
    const { opened, openMs, openCpuMs } = await server.openAndWait(uri, file.text, languageId, options.timeoutMs);
    // The status that ends the check (a big file's check sends progress statuses before it).
    const openStatus = launch.name.startsWith('labelbox')
      ? await server.nextStatusWhere((status) => status.uri === uri && status.checking === undefined, 5000).catch(() => undefined)
      : undefined;
    const base = opened.diagnostics;
    const reportedRows = new Set(base.map((diagnostic) => layout.rowOfLine(diagnostic.range.start.line)));
    const injectedRowsReported = [...injected].filter((row) => reportedRows.has(row)).length;
    const cleanRowsReported = [...reportedRows].filter((row) => row >= 0 && !injected.has(row)).length;
    const enumErrorRow = file.errors.find((error) => error.kind === 'media-type-case')?.row;
    if (enumErrorRow !== undefined && !reportedRows.has(enumErrorRow)) {
      throw new Error(
        `${launch.name} did not report the wrong media_type in row ${enumErrorRow + 1}: it is not checking the file against the schema, so its times mean nothing.`,
      );
    }

    // Edits inside one row: type a character into a media_type (an error appears), delete it (it goes).
    const cpu = server.cpuMilliseconds();
    const editMs: number[] = [];
    for (let pair = 0; pair < options.editPairs; pair++) {
      const row = targets[pair % targets.length];
      const line = layout.lineInRow(row, '"media_type": "IMAGE"');
      const character = layout.lines[line].indexOf('IMAGE') + 'IMAGE'.length;
      const broken = await edit([{ range: { start: { line, character }, end: { line, character } }, text: 'X' }]);
      expectProblemAt(launch.name, broken.diagnostics, base.length + 1, line, true);
      editMs.push(broken.ms);
      const repaired = await edit([{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' }]);
      expectProblemAt(launch.name, repaired.diagnostics, base.length, line, false);
      editMs.push(repaired.ms);
    }
    const editCpuMs = (server.cpuMilliseconds() - cpu) / Math.max(1, editMs.length);

    // A structural edit: paste a block of clean rows after a row in the middle, then remove it.
    const pasteAfter = layout.rowStartLines[targets[0] + 1] ?? layout.lines.length - 1;
    const block = Array.from({ length: options.pasteRows }, (_, index) => `  ${cleanRowText(9001 + index, 900_000 + index)},\n`).join('');
    const pastedLines = block.split('\n').length - 1;
    const pasted = await edit([{ range: { start: { line: pasteAfter, character: 0 }, end: { line: pasteAfter, character: 0 } }, text: block }]);
    if (pasted.diagnostics.length !== base.length)
      notes.push(`after pasting ${options.pasteRows} clean rows: ${pasted.diagnostics.length} problems instead of ${base.length}`);
    const unpasted = await edit([{ range: { start: { line: pasteAfter, character: 0 }, end: { line: pasteAfter + pastedLines, character: 0 } }, text: '' }]);
    if (unpasted.diagnostics.length !== base.length)
      notes.push(`after removing the pasted rows: ${unpasted.diagnostics.length} problems instead of ${base.length}`);

    // Completion in a media_type value and hover on its key, at rows spread over the file.
    const capabilities = server.capabilities;
    /** Times `method` at the media_type line of 5 target rows, at the character `characterIn` picks; `check` notes a wrong answer. */
    const timeAtMediaTypes = async <R>(
      method: string,
      characterIn: (lineText: string) => number,
      check: (result: R, line: number) => void,
    ): Promise<number[]> => {
      const times: number[] = [];
      for (const row of targets.slice(0, 5)) {
        const line = layout.lineInRow(row, '"media_type": "IMAGE"');
        const position: Position = { line, character: characterIn(layout.lines[line]) };
        const started = performance.now();
        const result = await server.request<R>(method, { textDocument: { uri }, position });
        times.push(performance.now() - started);
        check(result, line);
      }
      return times;
    };
    let completionMs: number[] | undefined;
    let hoverMs: number[] | undefined;
    if (capabilities.completionProvider) {
      completionMs = await timeAtMediaTypes<{ items?: Array<{ label: string }> } | Array<{ label: string }> | null>(
        'textDocument/completion',
        (lineText) => lineText.indexOf('"IMAGE"') + 1,
        (result, line) => {
          const items = Array.isArray(result) ? result : (result?.items ?? []);
          if (!items.some((item) => item.label.includes('VIDEO'))) notes.push(`completion in a media_type value at line ${line + 1} did not offer VIDEO`);
        },
      );
    } else {
      notes.push('no completion provider');
    }
    if (capabilities.hoverProvider) {
      hoverMs = await timeAtMediaTypes<unknown>(
        'textDocument/hover',
        (lineText) => lineText.indexOf('media_type') + 2,
        (result, line) => {
          if (!result) notes.push(`no hover on media_type at line ${line + 1}`);
        },
      );
    } else {
      notes.push('no hover provider');
    }

    // The outline, and (our server only) pages of the preview's gallery.
    const symbolsStarted = performance.now();
    const symbols = await server.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const symbolsMs = performance.now() - symbolsStarted;
    let galleryMs: number[] | undefined;
    if (launch.name.startsWith('labelbox')) {
      galleryMs = [];
      for (const params of [
        { uri, from: 0, count: 200 },
        { uri, from: Math.floor(file.rows / 2), count: 200 },
        { uri, from: 0, count: 200, filter: { problemsOnly: true } },
        { uri, from: 0, count: 200, filter: { text: 'plot-4', mediaType: 'IMAGE' } },
      ]) {
        const started = performance.now();
        const page = await server.request<{ tiles: unknown[]; total: number } | null>('labelboxImport/gallery', params);
        galleryMs.push(performance.now() - started);
        if (!page || page.tiles.length === 0) notes.push(`gallery page ${JSON.stringify(params)} was empty`);
      }
    }

    const peakMemoryMb = server.peakMemoryMb();

    let sameAsFresh: boolean | undefined;
    if (options.compareWithFresh) {
      // Leave a problem in the edited document, then open its text afresh and compare.
      const row = targets[targets.length - 1];
      const line = layout.lineInRow(row, '"media_type": "IMAGE"');
      const character = layout.lines[line].indexOf('IMAGE');
      const edited = await edit([{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
      const freshUri = uri.replace(/([^/]+)$/, 'fresh-$1');
      server.open(freshUri, document.getText(), languageId);
      const fresh = await server.nextDiagnostics(freshUri, 0, 1, options.timeoutMs);
      sameAsFresh = sameDiagnostics(edited.diagnostics, fresh.diagnostics);
      if (!sameAsFresh) notes.push('diagnostics after the edits differ from a fresh check of the same text');
    }

    return {
      server: launch.name,
      openMs,
      openCpuMs,
      openCheckMs: openStatus?.checkMilliseconds,
      problems: base.length,
      injectedRows: injected.size,
      injectedRowsReported,
      cleanRowsReported,
      editMs,
      editCpuMs,
      pastedRows: options.pasteRows,
      pasteMs: pasted.ms,
      unpasteMs: unpasted.ms,
      completionMs,
      hoverMs,
      symbolsMs,
      symbols: Array.isArray(symbols) ? symbols.length : 0,
      galleryMs,
      peakMemoryMb,
      sameAsFresh,
      notes,
    };
  } finally {
    await server.stop();
  }
}

/** Clean image rows near FRACTIONS of the file. */
function pickTargetRows(layout: FileLayout, injected: ReadonlySet<number>): number[] {
  const rows: number[] = [];
  const count = layout.rowStartLines.length;
  for (const fraction of FRACTIONS) {
    for (let row = Math.floor(count * fraction); row < count; row++) {
      if (!injected.has(row) && !rows.includes(row) && layout.lineInRow(row, '"media_type": "IMAGE"') >= 0) {
        rows.push(row);
        break;
      }
    }
  }
  return rows;
}

function expectProblemAt(server: string, diagnostics: Diagnostic[], count: number, line: number, present: boolean): void {
  const there = diagnostics.some((diagnostic) => diagnostic.range.start.line <= line && diagnostic.range.end.line >= line);
  if (diagnostics.length !== count || there !== present) {
    throw new Error(
      `${server}: after an edit on line ${line + 1}, expected ${count} problems ${present ? 'with' : 'without'} one there, got ${diagnostics.length} ${there ? 'with' : 'without'}.`,
    );
  }
}

function key(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${start.line}:${start.character}-${end.line}:${end.character} ${diagnostic.severity} ${String(diagnostic.code)} ${diagnostic.message}`;
}

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((item, index) => item === right[index]);
}

/** Opening → diagnostics for a server that only opens (the protocol floor: bench/floorServer.ts). */
export async function measureOpenOnly(launch: ServerLaunch, file: GeneratedFile, uri: string): Promise<{ openMs: number; openCpuMs: number }> {
  const server = await ServerProcess.start(launch);
  try {
    const { openMs, openCpuMs } = await server.openAndWait(uri, file.text, 'json', 600_000);
    return { openMs, openCpuMs };
  } finally {
    await server.stop();
  }
}
