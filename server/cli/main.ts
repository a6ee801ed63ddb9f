import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
// A named import: esbuild then bundles only this field of package.json, not the whole manifest.
import { version as packageVersion } from '../../package.json';
import {
  assetAccessTargets,
  collectDiagnostics,
  SparseLineIndex,
  type DiagnosticOptions,
  type ImportDiagnostic,
  type ImportDocument,
  type CrossFileKeys,
} from '../../service';
import { accessSummaryText, checkAccess } from './checkAccess';
import { checkChunks, checkFile, documentOf, MAX_CHECKED_FILE_BYTES, RowCheckers, type CheckedFile, type CheckFileOptions } from '../node/checkFile';
import { decodeByteChunks, FileTooLargeError, type InvalidUtf8 } from '../../common/node/readCapped';
import { DEFAULT_ACCESS_ARGS, parseArgs, USAGE, UsageError, type ValidateArgs } from './args';
import { expandInputs } from './expandInputs';
import { MetadataSchemas } from './metadataSchemas';
import { formatJson } from './formats/jsonFormat';
import { formatSarif } from './formats/sarifFormat';
import { formatText } from './formats/textFormat';
import { formatGithub } from './formats/githubFormat';
import { defaultProjectSettings, findSettingsFile, readProjectSettings, SettingsFileError, type ProjectSettings } from './projectSettings';
import { countSeverities, type FileReport } from './report';
import { CliKeyIndex } from './crossFile';
import { formatCount } from '../../common/formatCount';

/** Files above this size show progress on a terminal. */
const PROGRESS_THRESHOLD_BYTES = 4 * 1024 * 1024;

export const EXIT_CLEAN = 0;
export const EXIT_ERRORS = 1;
export const EXIT_TROUBLE = 2;
/** Ctrl+C during the asset access check: what was found is printed, and the status says it was cut short. */
export const EXIT_INTERRUPTED = 130;

export async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`labelbox-import: ${error.message}\n\n${USAGE}\n`);
      return EXIT_TROUBLE;
    }
    throw error;
  }
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_CLEAN;
  }
  if (args.command === 'version') {
    process.stdout.write(`${packageVersion}\n`);
    return EXIT_CLEAN;
  }
  return validate(args);
}

async function validate(args: ValidateArgs): Promise<number> {
  let trouble = false;
  const { files, unmatched, invalid } = expandInputs(args.inputs);
  for (const problem of invalid) {
    process.stderr.write(`labelbox-import: ${problem}\n`);
    trouble = true;
  }
  for (const pattern of unmatched) {
    process.stderr.write(`labelbox-import: no files match ${JSON.stringify(pattern)}\n`);
    trouble = true;
  }
  const project = projectSettingsFor(args);
  if (!project) return EXIT_TROUBLE;
  const { settings, workspaceFolder } = project;
  const maxProblems = args.maxProblems ?? settings.maxProblems;
  // The command line's overrides go over the settings file's, rule by rule.
  const severityOverrides = { ...settings.severity, ...args.severity };
  // Every file is judged at the same moment: --at, else when the run started.
  const now = args.at ?? Date.now();
  const expiringSoonMs = (args.expiringSoonHours ?? settings.expiringSoonHours) * 3_600_000;
  const schemaFromSettings = project.file && workspaceFolder ? resolve(workspaceFolder, settings.metadataSchema) : undefined;
  const schemas = new MetadataSchemas(args.metadataSchema, process.cwd(), schemaFromSettings);
  if (args.metadataSchema && !schemas.usable) return EXIT_TROUBLE;
  const diagnosticOptions: DiagnosticOptions = { maxProblems, severityOverrides, now, expiringSoonMs };
  const reports: FileReport[] = [];
  /** With --check-access, the files' documents wait for the answers; otherwise each is reported at once and dropped. */
  const waiting: CheckedInput[] = [];
  const checkers = new RowCheckers();
  const keys = crossFileIndex(args, project, files.length);
  try {
    for (const file of keys ? keys.sorted(files) : files) {
      const checked = await checkInput(file, schemas, checkers, keys);
      if (!checked) trouble = true;
      else if (args.checkAccess) waiting.push(checked);
      else reports.push(reportOf(checked, diagnosticOptions));
    }
  } finally {
    checkers.close();
  }
  // Asked once for every file, after all are read: a URL several files share is requested once.
  // The command line's --access-* options over the settings file's assetCheck.*, over the defaults.
  const accessArgs = { ...DEFAULT_ACCESS_ARGS, ...project.assetCheck, ...args.access };
  const access = args.checkAccess
    ? await checkAccess(
        waiting.map((input) => assetAccessTargets(input.document)),
        accessArgs,
      )
    : undefined;
  for (const input of waiting) reports.push(reportOf(input, { ...diagnosticOptions, assetAccess: access?.results }));
  if (access) process.stderr.write(accessSummaryText(access));

  if (!reports.length && trouble) return EXIT_TROUBLE;
  await write(formatReports(args, reports));
  const totals = countSeverities(reports);
  if (args.summaryTo && !appendSummary(args.summaryTo, reports)) trouble = true;
  if (trouble || schemas.trouble) return EXIT_TROUBLE;
  if (access?.interrupted) return EXIT_INTERRUPTED;
  return totals.errors > 0 || (args.failOnWarnings && totals.warnings > 0) ? EXIT_ERRORS : EXIT_CLEAN;
}

interface CheckedInput {
  /** As the report names it: the path given, or <stdin>. */
  label: string;
  document: ImportDocument;
  /** Positions of the problems reported only: not every line start of a file of millions of lines. */
  lines: SparseLineIndex;
  /** The keys earlier files use, when keys are compared across the files given. */
  crossFile?: CrossFileKeys;
  invalid?: InvalidUtf8;
}

/** Reads and checks one file (or standard input); undefined, with a message, when it cannot be read. */
async function checkInput(file: string, schemas: MetadataSchemas, checkers: RowCheckers, keys: CliKeyIndex | undefined): Promise<CheckedInput | undefined> {
  const progress = progressFor(file);
  let checked: CheckedFile;
  let invalid: InvalidUtf8 | undefined;
  try {
    const options: CheckFileOptions = {
      checkers,
      allowSpecialFiles: true,
      onSize: progress?.start,
      onProgress: progress?.update,
      onInvalidUtf8: (at) => (invalid = at),
    };
    checked =
      file === '-'
        ? await checkChunks(decodeByteChunks(process.stdin, MAX_CHECKED_FILE_BYTES, options), schemas.contextFor(file), options)
        : await checkFile(file, schemas.contextFor(file), options);
  } catch (error) {
    progress?.done();
    process.stderr.write(`labelbox-import: cannot read ${file}: ${describeReadError(error)}\n`);
    return undefined;
  }
  const document = documentOf(checked, schemas.contextFor(file), progress?.update);
  progress?.done();
  const notChecked = document.notCheckedReason;
  if (notChecked) {
    process.stderr.write(`labelbox-import: cannot check ${file}: ${notChecked}\n`);
    return undefined;
  }
  const lines = new SparseLineIndex(checked.pieces);
  const label = file === '-' ? '<stdin>' : file;
  // Added in file order, so that each file is compared with the files before it.
  const crossFile = keys?.add(file, label, document, (offset) => lines.positionAt(offset));
  return { label, document, lines, crossFile, invalid };
}

function reportOf({ label, document, lines, crossFile, invalid }: CheckedInput, options: DiagnosticOptions): FileReport {
  const diagnostics = collectDiagnostics(document, { ...options, crossFile });
  return { file: label, rows: document.rows.length, diagnostics: invalid ? inPlace(encodingProblem(invalid), diagnostics) : diagnostics, lines };
}

/** Keys are checked across the files when there are several, unless --no-cross-file or the settings turn it off. */
function crossFileIndex(args: ValidateArgs, project: ProjectSettings, fileCount: number): CliKeyIndex | undefined {
  const acrossFiles = args.crossFile ?? project.settings.globalKeysAcrossFiles;
  if (!acrossFiles || fileCount < 2) return undefined;
  const imported = [...project.settings.importedFiles, ...args.imported];
  return new CliKeyIndex(imported, project.workspaceFolder);
}

function formatReports(args: ValidateArgs, reports: FileReport[]): string {
  switch (args.format) {
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return formatSarif(reports, packageVersion);
    case 'github':
      return formatGithub(reports);
    case 'text':
      return formatText(reports, args.color && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  }
}

/** The settings file named with --settings, else found above the current folder; undefined when it cannot be used. */
function projectSettingsFor(args: ValidateArgs): ProjectSettings | undefined {
  const file = args.settings === false ? undefined : (args.settings ?? findSettingsFile(process.cwd()));
  if (file === undefined) return defaultProjectSettings();
  try {
    const project = readProjectSettings(file);
    for (const problem of project.settings.problems) process.stderr.write(`labelbox-import: warning: ${file}: ${problem}\n`);
    return project;
  } catch (error) {
    if (!(error instanceof SettingsFileError)) throw error;
    process.stderr.write(`labelbox-import: the settings file ${error.message} Fix it, or pass --no-settings.\n`);
    return undefined;
  }
}

/** Appends `files=…` `rows=…` `errors=…` `warnings=…` `infos=…` lines, as GitHub's $GITHUB_OUTPUT takes them. */
function appendSummary(file: string, reports: readonly FileReport[]): boolean {
  const totals = countSeverities(reports);
  const rows = reports.reduce((sum, report) => sum + report.rows, 0);
  const lines = [`files=${reports.length}`, `rows=${rows}`, `errors=${totals.errors}`, `warnings=${totals.warnings}`, `infos=${totals.information}`];
  try {
    appendFileSync(file, `${lines.join('\n')}\n`);
    return true;
  } catch (error) {
    process.stderr.write(`labelbox-import: cannot write the summary to ${file}: ${(error as Error).message}\n`);
    return false;
  }
}

/** An error at the first byte that is not UTF-8, which the decoder turned into U+FFFD. */
function encodingProblem({ byteOffset, textOffset, byte }: InvalidUtf8): ImportDiagnostic {
  return {
    offset: textOffset,
    length: 1,
    severity: 'error',
    code: 'json-syntax',
    message: `The file is not valid UTF-8 from byte ${formatCount(byteOffset)} on (0x${byte.toString(16).padStart(2, '0')}): JSON files must be UTF-8, and Labelbox reads them so. Save the file as UTF-8.`,
  };
}

/** The diagnostics with one more among them, in position order (the note about hidden problems stays last). */
function inPlace(diagnostic: ImportDiagnostic, diagnostics: ImportDiagnostic[]): ImportDiagnostic[] {
  const index = diagnostics.findIndex((other) => other.offset > diagnostic.offset || other.code === 'too-many-problems');
  return index < 0 ? [...diagnostics, diagnostic] : [...diagnostics.slice(0, index), diagnostic, ...diagnostics.slice(index)];
}

function describeReadError(error: unknown): string {
  if (error instanceof FileTooLargeError) return `${error.message} (a full import of 150,000 rows of 2 KB is about 300 MB)`;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder (give a file, or a pattern such as "folder/**/*.json")';
    case 'EACCES':
      return 'permission denied';
    case 'ERR_STRING_TOO_LONG':
      return 'the file is too large to check';
    default:
      return (error as Error).message ?? String(error);
  }
}

/**
 * A progress line on a terminal for a big file: how much of it is checked. Shown only on an
 * interactive standard error, so that logs and pipes get none of it.
 */
function progressFor(file: string): { start: (bytes: number) => void; update: (fraction: number) => void; done: () => void } | undefined {
  if (!process.stderr.isTTY || file === '-') return undefined;
  const show = (text: string) => process.stderr.write(`\r\x1b[2K${text}`);
  let shown = false;
  let last = -1;
  return {
    start: (bytes) => {
      if (bytes < PROGRESS_THRESHOLD_BYTES) return;
      shown = true;
      show(`Checking ${file} (${formatMegabytes(bytes)})…`);
    },
    update: (fraction) => {
      const percent = Math.min(99, Math.floor(fraction * 100));
      if (!shown || percent === last) return;
      last = percent;
      show(`Checking ${file}… ${percent}%`);
    },
    done: () => {
      if (shown) show('');
    },
  };
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}

function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.write(text, () => resolve());
  });
}
