import { StringDecoder } from 'node:string_decoder';
import packageJson from '../../../package.json';
import { collectDiagnostics } from '../service';
import { SparseLineIndex } from '../service/text/sparseLineIndex';
import { checkChunks, checkFile, documentOf, RowCheckers, type CheckedFile } from '../node/checkFile';
import { FileTooLargeError, MAX_CHECKED_FILE_BYTES } from '../node/readTextChunks';
import { parseArgs, USAGE, UsageError, type ValidateArgs } from './args';
import { expandInputs } from './expandInputs';
import { MetadataSchemas } from './metadataSchemas';
import { formatJson } from './formats/jsonFormat';
import { formatSarif } from './formats/sarifFormat';
import { formatText } from './formats/textFormat';
import { countSeverities, type FileReport } from './report';

/** Files above this size show progress on a terminal. */
const PROGRESS_THRESHOLD_BYTES = 4 * 1024 * 1024;

export const EXIT_CLEAN = 0;
export const EXIT_ERRORS = 1;
export const EXIT_TROUBLE = 2;

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
    process.stdout.write(`${packageJson.version}\n`);
    return EXIT_CLEAN;
  }
  return validate(args);
}

async function validate(args: ValidateArgs): Promise<number> {
  let trouble = false;
  const { files, unmatched } = expandInputs(args.inputs);
  for (const pattern of unmatched) {
    process.stderr.write(`labelbox-import: no files match ${JSON.stringify(pattern)}\n`);
    trouble = true;
  }
  const schemas = new MetadataSchemas(args.metadataSchema);
  if (args.metadataSchema && !schemas.usable) return EXIT_TROUBLE;
  const reports: FileReport[] = [];
  const checkers = new RowCheckers();
  try {
    for (const file of files) {
      const progress = progressFor(file);
      let checked: CheckedFile;
      try {
        const options = { checkers, onSize: progress?.start, onProgress: progress?.update };
        checked = file === '-' ? await checkChunks(readStdin(MAX_CHECKED_FILE_BYTES), schemas.contextFor(file), options) : await checkFile(file, schemas.contextFor(file), options);
      } catch (error) {
        progress?.done();
        process.stderr.write(`labelbox-import: cannot read ${file}: ${describeReadError(error)}\n`);
        trouble = true;
        continue;
      }
      const document = documentOf(checked, schemas.contextFor(file), progress?.update);
      progress?.done();
      const { pieces } = checked;
      reports.push({
        file: file === '-' ? '<stdin>' : file,
        rows: document.rows.length,
        diagnostics: collectDiagnostics(document, { maxProblems: args.maxProblems }),
        // Positions of the problems reported only: not every line start of a file of millions of lines.
        lines: new SparseLineIndex(pieces),
      });
    }
  } finally {
    checkers.close();
  }

  if (!reports.length && trouble) return EXIT_TROUBLE;
  const output =
    args.format === 'json'
      ? formatJson(reports)
      : args.format === 'sarif'
        ? formatSarif(reports, packageJson.version)
        : formatText(reports, args.color && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  await write(output);
  if (trouble || schemas.trouble) return EXIT_TROUBLE;
  return countSeverities(reports).errors > 0 ? EXIT_ERRORS : EXIT_CLEAN;
}

function describeReadError(error: unknown): string {
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
      if (error instanceof FileTooLargeError) return error.message;
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

/** Standard input in chunks, with the same byte cap as a file. */
async function* readStdin(maxBytes: number): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw new FileTooLargeError(maxBytes);
    const text = decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.write(text, () => resolve());
  });
}
