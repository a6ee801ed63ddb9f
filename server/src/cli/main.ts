import { statSync } from 'node:fs';
import packageJson from '../../../package.json';
import { collectDiagnostics, ImportDocument, LineIndex, type ImportDiagnostic } from '../service';
import { readFileCappedSync } from '../node/readCapped';
import { invalidUtf8Offset } from '../service/text/utf8';
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
  const { files, unmatched, invalid } = expandInputs(args.inputs);
  for (const problem of invalid) {
    process.stderr.write(`labelbox-import: ${problem}\n`);
    trouble = true;
  }
  for (const pattern of unmatched) {
    process.stderr.write(`labelbox-import: no files match ${JSON.stringify(pattern)}\n`);
    trouble = true;
  }
  const schemas = new MetadataSchemas(args.metadataSchema);
  if (args.metadataSchema && !schemas.usable) return EXIT_TROUBLE;
  const reports: FileReport[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = file === '-' ? await readStdin() : readInput(file);
    } catch (error) {
      process.stderr.write(`labelbox-import: cannot read ${file}: ${describeReadError(error)}\n`);
      trouble = true;
      continue;
    }
    const text = bytes.toString('utf8');
    const progress = progressFor(file, text.length);
    const document = new ImportDocument(text, schemas.contextFor(file), progress?.update);
    progress?.done();
    const encoding = encodingProblem(bytes);
    const diagnostics = collectDiagnostics(document, { maxProblems: args.maxProblems });
    reports.push({
      file: file === '-' ? '<stdin>' : file,
      rows: document.rows.length,
      diagnostics: encoding ? inPlace(encoding, diagnostics) : diagnostics,
      lines: new LineIndex(text),
    });
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

/** The largest file checked: three times a full import of 150,000 rows, and far below what a string can hold. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

class InputTooLargeError extends Error {}

/** A file named on the command line, read in chunks up to the cap (a device or a pipe never ends otherwise). */
function readInput(file: string): Buffer {
  const read = readFileCappedSync(file, MAX_INPUT_BYTES, { allowSpecialFiles: true });
  if (read.truncated) throw new InputTooLargeError();
  return read.bytes;
}

/** An error at the first byte that is not UTF-8, which the decoder turned into U+FFFD. */
function encodingProblem(bytes: Buffer): ImportDiagnostic | undefined {
  const invalid = invalidUtf8Offset(bytes);
  if (invalid < 0) return undefined;
  // The offset in the decoded text: the valid bytes before it decode as they are.
  const offset = bytes.subarray(0, invalid).toString('utf8').length;
  return {
    offset,
    length: 1,
    severity: 'error',
    code: 'json-syntax',
    message: `The file is not valid UTF-8 from byte ${invalid.toLocaleString('en-US')} on (0x${bytes[invalid].toString(16).padStart(2, '0')}): JSON files must be UTF-8, and Labelbox reads them so. Save the file as UTF-8.`,
  };
}

/** The diagnostics with one more among them, in position order (the note about hidden problems stays last). */
function inPlace(diagnostic: ImportDiagnostic, diagnostics: ImportDiagnostic[]): ImportDiagnostic[] {
  const index = diagnostics.findIndex((other) => other.offset > diagnostic.offset || other.code === 'too-many-problems');
  return index < 0 ? [...diagnostics, diagnostic] : [...diagnostics.slice(0, index), diagnostic, ...diagnostics.slice(index)];
}

function describeReadError(error: unknown): string {
  if (error instanceof InputTooLargeError) return `the file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB, too large to check (a full import of 150,000 rows is about 100 MB)`;
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

function progressFor(file: string, length: number): { update: (offset: number) => void; done: () => void } | undefined {
  if (!process.stderr.isTTY || file === '-') return undefined;
  let size = length;
  try {
    size = statSync(file).size;
  } catch {
    // the text length is close enough
  }
  if (size < PROGRESS_THRESHOLD_BYTES) return undefined;
  const show = (text: string) => process.stderr.write(`\r\x1b[2K${text}`);
  show(`Checking ${file}…`);
  return {
    update: (offset) => show(`Checking ${file}… ${Math.min(99, Math.floor((offset / length) * 100))}%`),
    done: () => show(''),
  };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).byteLength;
    if (total > MAX_INPUT_BYTES) {
      process.stdin.destroy();
      throw new InputTooLargeError();
    }
  }
  return Buffer.concat(chunks);
}

function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.write(text, () => resolve());
  });
}
