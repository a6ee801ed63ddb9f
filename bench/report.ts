import type { CliResult } from './measureCli';
import type { DiskCheckResult } from './measureDiskCheck';
import type { SessionResult } from './measureServer';

export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function ms(value: number): string {
  if (Number.isNaN(value)) return '—';
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`;
}

function mb(value: number): string {
  return Number.isNaN(value) ? '—' : `${Math.round(value).toLocaleString('en-US')} MB`;
}

/** How many times more the JSON server needed than ours. */
function ratio(ours: number, theirs: number): string {
  if (Number.isNaN(ours) || Number.isNaN(theirs) || ours <= 0) return '—';
  return `${(theirs / ours).toFixed(1)}×`;
}

export interface SizeResult {
  rows: number;
  bytes: number;
  wrongRows: number;
  sessions: SessionResult[];
  /** Opening → diagnostics of the protocol floor (bench/floorServer.ts), one per run. */
  floorOpenMs: number[];
  /** The same for the transport alone (bench/transportFloorServer.ts). */
  transportFloorOpenMs: number[];
  /** The lower bounds (bench/checkingFloorServer.ts): the floor plus JSON.parse, and plus the schema on every row. */
  parseFloorOpenMs: number[];
  schemaFloorOpenMs: number[];
}

/** The medians over runs of one server's sessions. */
function summarize(sessions: SessionResult[]) {
  const all = (pick: (session: SessionResult) => number[] | undefined) => sessions.flatMap((session) => pick(session) ?? []);
  const has = (pick: (session: SessionResult) => unknown) => sessions.some((session) => pick(session) !== undefined);
  return {
    open: median(sessions.map((session) => session.openMs)),
    openCpu: median(sessions.map((session) => session.openCpuMs)),
    openCheck: median(sessions.flatMap((session) => (session.openCheckMs === undefined ? [] : [session.openCheckMs]))),
    edit: median(all((session) => session.editMs)),
    editMax: Math.max(...all((session) => session.editMs)),
    editCount: all((session) => session.editMs).length,
    editCpu: median(sessions.map((session) => session.editCpuMs)),
    paste: median(sessions.map((session) => session.pasteMs)),
    unpaste: median(sessions.map((session) => session.unpasteMs)),
    completion: has((session) => session.completionMs) ? median(all((session) => session.completionMs)) : Number.NaN,
    completionMax: has((session) => session.completionMs) ? Math.max(...all((session) => session.completionMs)) : Number.NaN,
    hover: has((session) => session.hoverMs) ? median(all((session) => session.hoverMs)) : Number.NaN,
    hoverMax: has((session) => session.hoverMs) ? Math.max(...all((session) => session.hoverMs)) : Number.NaN,
    symbols: median(sessions.map((session) => session.symbolsMs)),
    gallery: has((session) => session.galleryMs) ? median(all((session) => session.galleryMs)) : Number.NaN,
    galleryMax: has((session) => session.galleryMs) ? Math.max(...all((session) => session.galleryMs)) : Number.NaN,
    memory: Math.max(...sessions.map((session) => session.peakMemoryMb)),
    problems: sessions[0]?.problems ?? 0,
    injected: sessions[0]?.injectedRows ?? 0,
    injectedReported: Math.min(...sessions.map((session) => session.injectedRowsReported)),
    cleanReported: Math.max(...sessions.map((session) => session.cleanRowsReported)),
    sameAsFresh: sessions.every((session) => session.sameAsFresh !== false),
    notes: [...new Set(sessions.flatMap((session) => session.notes))],
  };
}

export function printSizeTable(result: SizeResult): void {
  const ours = summarize(result.sessions.filter((session) => session.server === 'labelbox-import'));
  const theirSessions = result.sessions.filter((session) => session.server !== 'labelbox-import');
  const theirs = theirSessions.length ? summarize(theirSessions) : undefined;
  const runs = result.sessions.filter((session) => session.server === 'labelbox-import').length;
  const title = `${result.rows.toLocaleString('en-US')} rows, ${(result.bytes / 1024 ** 2).toFixed(1)} MB, ${result.wrongRows} wrong rows`;
  const lines: string[] = [];
  const row = (label: string, a: string, b: string, c = '') => lines.push(`| ${label} | ${a} | ${b} | ${c} |`);
  lines.push(`\n## ${title}\n`);
  lines.push(`Medians over ${runs} run${runs === 1 ? '' : 's'} (a fresh server process each); ratio = JSON server ÷ ours.\n`);
  lines.push('| | labelbox-import | JSON language server | ratio |');
  lines.push('|---|---:|---:|---:|');
  row('open → all diagnostics', ms(ours.open), ms(theirs?.open ?? NaN), ratio(ours.open, theirs?.open ?? NaN));
  row('&nbsp;&nbsp;CPU time of the server', ms(ours.openCpu), ms(theirs?.openCpu ?? NaN), ratio(ours.openCpu, theirs?.openCpu ?? NaN));
  row('&nbsp;&nbsp;of which parsing and checking (as the server reports it)', ms(ours.openCheck), '—', '');
  const floor = median(result.floorOpenMs);
  row('&nbsp;&nbsp;the floor: a server that only reads the message and answers (the same for both)', ms(floor), ms(floor), '');
  row('&nbsp;&nbsp;open ÷ the floor', `${(ours.open / floor).toFixed(2)}×`, theirs ? `${(theirs.open / floor).toFixed(2)}×` : '—', '');
  const transportFloor = median(result.transportFloorOpenMs);
  row('&nbsp;&nbsp;the transport alone: a server that answers once the last byte arrived, without decoding', ms(transportFloor), ms(transportFloor), '');
  const parseFloor = median(result.parseFloorOpenMs);
  const schemaFloor = median(result.schemaFloorOpenMs);
  row('&nbsp;&nbsp;lower bound: the floor plus JSON.parse of the text (÷ the floor)', `${ms(parseFloor)} (${(parseFloor / floor).toFixed(2)}×)`, '—', '');
  row(
    '&nbsp;&nbsp;lower bound: the floor, JSON.parse and the schema on every row; no positions, rules or messages (÷ the floor)',
    `${ms(schemaFloor)} (${(schemaFloor / floor).toFixed(2)}×)`,
    '—',
    '',
  );
  row(`edit in a row → diagnostics (median of ${ours.editCount})`, ms(ours.edit), ms(theirs?.edit ?? NaN), ratio(ours.edit, theirs?.edit ?? NaN));
  row('&nbsp;&nbsp;slowest edit', ms(ours.editMax), ms(theirs?.editMax ?? NaN), '');
  row('&nbsp;&nbsp;CPU time per edit', ms(ours.editCpu), ms(theirs?.editCpu ?? NaN), ratio(ours.editCpu, theirs?.editCpu ?? NaN));
  row(
    `paste ${(result.sessions[0]?.pastedRows ?? 0).toLocaleString('en-US')} rows → diagnostics`,
    ms(ours.paste),
    ms(theirs?.paste ?? NaN),
    ratio(ours.paste, theirs?.paste ?? NaN),
  );
  row('remove them → diagnostics', ms(ours.unpaste), ms(theirs?.unpaste ?? NaN), ratio(ours.unpaste, theirs?.unpaste ?? NaN));
  row(
    'completion (median, slowest)',
    `${ms(ours.completion)}, ${ms(ours.completionMax)}`,
    `${ms(theirs?.completion ?? NaN)}, ${ms(theirs?.completionMax ?? NaN)}`,
    ratio(ours.completion, theirs?.completion ?? NaN),
  );
  row(
    'hover (median, slowest)',
    `${ms(ours.hover)}, ${ms(ours.hoverMax)}`,
    `${ms(theirs?.hover ?? NaN)}, ${ms(theirs?.hoverMax ?? NaN)}`,
    ratio(ours.hover, theirs?.hover ?? NaN),
  );
  row('outline (documentSymbol)', ms(ours.symbols), ms(theirs?.symbols ?? NaN), ratio(ours.symbols, theirs?.symbols ?? NaN));
  row('gallery page of 200 (median, slowest)', `${ms(ours.gallery)}, ${ms(ours.galleryMax)}`, '—', '');
  row('peak memory of the server (VmHWM)', mb(ours.memory), mb(theirs?.memory ?? NaN), ratio(ours.memory, theirs?.memory ?? NaN));
  row('problems reported on opening', String(ours.problems), String(theirs?.problems ?? '—'), '');
  row(
    'wrong rows with a problem reported',
    `${ours.injectedReported} of ${ours.injected}`,
    theirs ? `${theirs.injectedReported} of ${theirs.injected}` : '—',
    '',
  );
  row('clean rows with a problem reported', String(ours.cleanReported), String(theirs?.cleanReported ?? '—'), '');
  row('after the edits, same diagnostics as a fresh check', ours.sameAsFresh ? 'yes' : '**no**', '—', '');
  console.log(lines.join('\n'));

  const targets: Array<[string, boolean | undefined]> = [
    [`open ≤ ⅕ of the JSON server (${ms((theirs?.open ?? NaN) / 5)}; the floor: ${ms(floor)})`, theirs ? ours.open * 5 <= theirs.open : undefined],
    [`open ≤ 1.5× the protocol floor (${ms(floor * 1.5)})`, ours.open <= floor * 1.5],
    ['edit ≤ 100 ms (debounce included)', ours.edit <= 100],
    ['edit ≥ 20× faster than the JSON server', theirs ? ours.edit * 20 <= theirs.edit : undefined],
    ['edits end with the diagnostics of a fresh check', ours.sameAsFresh],
    ['completion and hover ≤ 50 ms', Number.isNaN(ours.completion) || Number.isNaN(ours.hover) ? undefined : Math.max(ours.completionMax, ours.hoverMax) <= 50],
    ['peak memory ≤ ½ of the JSON server', theirs ? ours.memory * 2 <= theirs.memory : undefined],
    ['every wrong row reported, no clean row', ours.injectedReported === ours.injected && ours.cleanReported === 0],
  ];
  console.log(
    `\nTargets (set for 50,000 rows): ${targets.map(([name, met]) => `${name}: ${met === undefined ? 'not measured' : met ? 'met' : '**missed**'}`).join('; ')}.`,
  );
  const notes = [...ours.notes.map((note) => `labelbox-import: ${note}`), ...(theirs?.notes ?? []).map((note) => `JSON server: ${note}`)];
  if (notes.length) console.log(`\nNotes: ${notes.join('; ')}.`);
}

export function printCliTable(results: Array<{ rows: number; bytes: number; cli: CliResult; cliWithoutMediaType?: CliResult }>): void {
  const lines = ['\n## Command line: `labelbox-import validate` next to a bare `JSON.parse` of the same file\n'];
  lines.push(
    'Each a fresh `node` process that reads the file; medians over the runs. "No media_type": the same rows without it, so that every row has a problem (an information note).\n',
  );
  lines.push(
    "The lower bound is the same as the floor plus the schema's validator on every row (bench/checkingFloorCli.ts): no positions, rules or messages; any check against the schema takes at least as long.\n",
  );
  lines.push(
    '| rows | MB | CLI wall | CLI CPU | CLI peak memory | JSON.parse wall | JSON.parse CPU | JSON.parse peak memory | CLI ÷ JSON.parse (wall) | lower bound wall (÷ JSON.parse) | problems |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const line = (label: string, bytes: number, cli: CliResult) => {
    const cliWall = median(cli.cli.map((run) => run.wallMs));
    const floorWall = median(cli.floor.map((run) => run.wallMs));
    const schemaFloorWall = median(cli.schemaFloor.map((run) => run.wallMs));
    const lowerBound = cli.schemaFloor.length ? `${ms(schemaFloorWall)} (${(schemaFloorWall / floorWall).toFixed(2)}×)` : '—';
    lines.push(
      `| ${label} | ${(bytes / 1024 ** 2).toFixed(1)} | ${ms(cliWall)} | ${ms(median(cli.cli.map((run) => run.cpuMs)))} | ${mb(median(cli.cli.map((run) => run.peakMemoryMb)))} | ${ms(floorWall)} | ${ms(median(cli.floor.map((run) => run.cpuMs)))} | ${mb(median(cli.floor.map((run) => run.peakMemoryMb)))} | ${(cliWall / floorWall).toFixed(2)}× | ${lowerBound} | ${cli.problems} |`,
    );
  };
  for (const result of results) {
    line(result.rows.toLocaleString('en-US'), result.bytes, result.cli);
    if (result.cliWithoutMediaType) line(`${result.rows.toLocaleString('en-US')}, no media_type`, result.cliWithoutMediaType.bytes, result.cliWithoutMediaType);
  }
  console.log(lines.join('\n'));
}

/** One file checked from disk by our server and by the CLI, next to a bare JSON.parse of it. */
export interface DiskRow {
  label: string;
  rows: number;
  bytes: number;
  /** Rows that must have a problem (the wrong ones and those whose global key they copied). */
  wrongRows: number;
  cli: CliResult;
  disk: DiskCheckResult[];
}

export function printDiskTable(rows: readonly DiskRow[]): void {
  const lines = ['\n## Checking whole files: the CLI and the check from disk next to reading the file plus a bare `JSON.parse`\n'];
  lines.push(
    "The floor is `node -e 'JSON.parse(fs.readFileSync(file, \"utf8\"))'`, a fresh process timed in the same run as the CLI (alternating); the check from disk is our server answering `labelboxImport/checkFromDisk` (as for a file over 50 MB) up to its last status, with no cap on the problems it publishes (the CLI lists at most 1,000). Medians; memory is the peak resident set, also as a multiple of the file's size.\n",
  );
  lines.push(
    '| rows | MB | floor | CLI | CLI ÷ floor | from disk | from disk ÷ floor | CLI peak memory | server peak memory | floor peak memory | progress updates | CLI problems | wrong rows reported from disk | clean rows reported |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const megabytes = row.bytes / 1024 ** 2;
    const floor = median(row.cli.floor.map((run) => run.wallMs));
    const cli = median(row.cli.cli.map((run) => run.wallMs));
    const disk = median(row.disk.map((check) => check.ms));
    const times = (memory: number) => (Number.isNaN(memory) ? '—' : `${mb(memory)} (${(memory / megabytes).toFixed(1)}×)`);
    const first = row.disk[0];
    lines.push(
      `| ${row.label} | ${megabytes.toFixed(1)} | ${ms(floor)} | ${ms(cli)} | ${(cli / floor).toFixed(2)}× | ${ms(disk)} | ${row.disk.length ? `${(disk / floor).toFixed(2)}×` : '—'} | ${times(median(row.cli.cli.map((run) => run.peakMemoryMb)))} | ${times(row.disk.length ? Math.max(...row.disk.map((check) => check.peakMemoryMb)) : Number.NaN)} | ${times(median(row.cli.floor.map((run) => run.peakMemoryMb)))} | ${first ? Math.min(...row.disk.map((check) => check.progressUpdates)) : '—'} | ${row.cli.problems} | ${first ? `${Math.min(...row.disk.map((check) => check.wrongRowsReported))} of ${row.wrongRows}` : '—'} | ${first ? Math.max(...row.disk.map((check) => check.cleanRowsReported)) : '—'} |`,
    );
  }
  lines.push("\nTargets: the CLI and the check from disk ≤ 2× the floor; peak memory ≤ 2× the file's size; every wrong row reported, no clean row.");
  console.log(lines.join('\n'));
}
