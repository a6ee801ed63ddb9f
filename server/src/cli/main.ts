import { readFileSync, statSync } from 'node:fs';
import packageJson from '../../../package.json';
import { collectDiagnostics, ImportDocument, LineIndex } from '../service';
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
  for (const file of files) {
    let text: string;
    try {
      text = file === '-' ? await readStdin() : readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(`labelbox-import: cannot read ${file}: ${describeReadError(error)}\n`);
      trouble = true;
      continue;
    }
    const progress = progressFor(file, text.length);
    const document = new ImportDocument(text, schemas.contextFor(file), progress?.update);
    progress?.done();
    reports.push({
      file: file === '-' ? '<stdin>' : file,
      rows: document.rows.length,
      diagnostics: collectDiagnostics(document, { maxProblems: args.maxProblems }),
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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.write(text, () => resolve());
  });
}
