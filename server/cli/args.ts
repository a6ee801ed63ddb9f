/** Command-line arguments of `labelbox-import`. */

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface ValidateArgs {
  command: 'validate';
  inputs: string[];
  format: OutputFormat;
  maxProblems: number;
  color: boolean;
  /** The organization's metadata schema file; when not given, each file's folders are searched. */
  metadataSchema?: string;
}

export type CliArgs = ValidateArgs | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: labelbox-import validate [options] FILE_OR_GLOB... 

Checks Labelbox Data Row import files (JSON) and prints every problem found.

Arguments:
  FILE_OR_GLOB          files, or glob patterns such as "data/**/*.json"; - reads standard input

Options:
  --format FORMAT       text (default), json, or sarif (SARIF 2.1.0, for GitHub code scanning)
  --max-problems N      report at most N problems per file, the most severe first (default 1000)
  --metadata-schema FILE
                        your organization's metadata schema (Labelbox's answer to the
                        metadata-ontology query), to check custom metadata fields. Without
                        it, .labelbox/metadata-schema.json is looked for in the folder of
                        each file and the folders above it
  --no-color            no colors in text output
  -h, --help            show this help
  -v, --version         show the version

Exit status: 0 when no errors were found (warnings allowed), 1 when errors were found,
2 when a file could not be read, the command line is wrong, or a metadata schema file
is broken (files are then checked without it; with --metadata-schema nothing is checked).`;

export function parseArgs(argv: readonly string[]): CliArgs {
  if (argv.length === 0) throw new UsageError('Missing command.');
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command === '-v' || command === '--version') return { command: 'version' };
  if (command !== 'validate') throw new UsageError(`Unknown command "${command}". The command is "validate".`);

  const args: ValidateArgs = { command: 'validate', inputs: [], format: 'text', maxProblems: 1000, color: true };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [name, inlineValue] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inlineValue ?? rest[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value.`);
      return next;
    };
    switch (name) {
      case '-h':
      case '--help':
        return { command: 'help' };
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`Unknown format "${format}": use text, json or sarif.`);
        args.format = format;
        break;
      }
      case '--max-problems': {
        const text = value();
        const count = Number(text);
        if (!Number.isInteger(count) || count < 1) throw new UsageError(`--max-problems needs a whole number of at least 1, not "${text}".`);
        args.maxProblems = count;
        break;
      }
      case '--metadata-schema':
        args.metadataSchema = value();
        break;
      case '--no-color':
        args.color = false;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option "${arg}".`);
        args.inputs.push(arg);
    }
  }
  if (!args.inputs.length) throw new UsageError('Name at least one file to check (or - for standard input).');
  return args;
}
