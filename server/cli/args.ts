import { isRuleCode, type RuleCode, type Severity } from '../../service';
import { SETTING_DEFAULTS } from '../../common/settings';
import type { AccessArgs } from './checkAccess';

/** Command-line arguments of `labelbox-import`. */

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];
const LEVELS: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface ValidateArgs {
  command: 'validate';
  inputs: string[];
  format: OutputFormat;
  /** Given with --max-problems; otherwise the settings file's, else the default. */
  maxProblems?: number;
  color: boolean;
  /** The organization's metadata schema file; when not given, the settings file's, else each file's folders are searched. */
  metadataSchema?: string;
  /** --severity CODE=LEVEL, over those of the settings file. */
  severity: Partial<Record<RuleCode, Severity | 'off'>>;
  /** The VS Code settings file to read `labelboxImport.*` from; false with --no-settings. */
  settings?: string | false;
  failOnWarnings: boolean;
  /** A file to append `key=value` counts to (GitHub's $GITHUB_OUTPUT). */
  summaryTo?: string;
  /** Set by --check-access (and tuned by the --access-* options): ask every asset URL whether Labelbox could load it. */
  checkAccess?: boolean;
  /** The --access-* options given; the others come from the settings file, else the defaults. */
  access: Partial<AccessArgs>;
  /** --at: the moment signed URLs are judged at (ms since 1970); the clock when not given. */
  at?: number;
  /** --expiring-soon: over the settings file's labelboxImport.signedUrls.expiringSoonHours. */
  expiringSoonHours?: number;
  /** False with --no-cross-file; undefined: the settings file's labelboxImport.globalKeys.acrossFiles. */
  crossFile?: boolean;
  /** --imported GLOB: files already imported into Labelbox (added to the settings file's). */
  imported: string[];
}

export type CliArgs = ValidateArgs | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

interface OptionSpec {
  names: string[];
  value?: string;
  help: string;
  /** Sets what the option says; `help` and `version` answer instead of validating. */
  apply: (args: ValidateArgs, value: string) => void | 'help' | 'version';
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${name} needs a whole number from ${min} to ${max}, not "${text}".`);
  return value;
}

/** The asset access check's options (a function: OPTIONS below is built before this module's later constants). */
function ACCESS_OPTIONS(): OptionSpec[] {
  return [
    {
      names: ['--check-access'],
      help: 'also request every distinct asset and attachment URL (HEAD, or a GET of one byte) to see whether Labelbox could load it; failures are warnings (asset-* rules). Needs network access to the buckets',
      apply: (args) => void (args.checkAccess = true),
    },
    {
      names: ['--access-concurrency'],
      value: 'N',
      help: 'with --check-access: requests at once (1 to 64; default: labelboxImport.assetCheck.concurrency of the settings file, else 16)',
      apply: (args, text) => void (args.access.concurrency = wholeNumber('--access-concurrency', text, 1, 64)),
    },
    {
      names: ['--access-per-host'],
      value: 'N',
      help: 'with --check-access: requests at once to one host (1 to 16; default: assetCheck.perHostConcurrency of the settings file, else 4)',
      apply: (args, text) => void (args.access.perHost = wholeNumber('--access-per-host', text, 1, 16)),
    },
    {
      names: ['--access-timeout'],
      value: 'SECONDS',
      help: 'with --check-access: how long one request may take (1 to 120; default: assetCheck.timeoutSeconds of the settings file, else 15)',
      apply: (args, text) => void (args.access.timeoutSeconds = wholeNumber('--access-timeout', text, 1, 120)),
    },
    {
      names: ['--access-origin'],
      value: 'ORIGIN',
      help: 'with --check-access: the Origin sent to test the CORS rule (repeat it for several; "none": no CORS check). Default: assetCheck.origins of the settings file, else https://app.labelbox.com, then https://editor.labelbox.com (asked once per host)',
      apply: (args, origin) => {
        if (origin !== 'none' && !/^https?:\/\/[^/\s]+$/i.test(origin))
          throw new UsageError(`--access-origin needs an origin such as https://app.labelbox.com, not "${origin}".`);
        args.access.origins ??= [];
        if (origin !== 'none') args.access.origins.push(origin);
      },
    },
    {
      names: ['--access-allow-private'],
      help: 'with --check-access: also request addresses of this machine and private networks (refused unless assetCheck.allowPrivateAddresses of the settings file allows them, as in the editor)',
      apply: (args) => void (args.access.allowPrivateAddresses = true),
    },
  ];
}

/** The asset access check's settings when neither the command line nor the settings file gives them. */
export const DEFAULT_ACCESS_ARGS: Readonly<AccessArgs> = {
  concurrency: SETTING_DEFAULTS['assetCheck.concurrency'],
  perHost: SETTING_DEFAULTS['assetCheck.perHostConcurrency'],
  timeoutSeconds: SETTING_DEFAULTS['assetCheck.timeoutSeconds'],
  origins: [...SETTING_DEFAULTS['assetCheck.origins']],
  allowPrivateAddresses: SETTING_DEFAULTS['assetCheck.allowPrivateAddresses'],
};

/** Every option, once: the parser and the help text are both made from this list. */
export const OPTIONS: readonly OptionSpec[] = [
  {
    names: ['--format'],
    value: 'FORMAT',
    help: 'text (default); json; sarif (SARIF 2.1.0, for GitHub code scanning); github (workflow commands: annotations on a pull request)',
    apply: (args, format) => {
      if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`Unknown format "${format}": use ${FORMATS.join(', ')}.`);
      args.format = format as OutputFormat;
    },
  },
  {
    names: ['--max-problems'],
    value: 'N',
    help: "report at most N problems per file, the most severe first (default: the settings file's labelboxImport.maxProblems, else 1000)",
    apply: (args, text) => {
      const count = Number(text);
      if (!Number.isInteger(count) || count < 1) throw new UsageError(`--max-problems needs a whole number of at least 1, not "${text}".`);
      args.maxProblems = count;
    },
  },
  {
    names: ['--severity'],
    value: 'CODE=LEVEL',
    help: 'change the severity of a rule: LEVEL is error, warning, information, hint or off. Repeat it for several rules; it goes over labelboxImport.severity of the settings file',
    apply: (args, text) => {
      const [code, level] = text.split('=', 2);
      if (!isRuleCode(code)) throw new UsageError(`--severity: unknown rule code "${code}" (the codes are listed in the README).`);
      if (!(LEVELS as readonly string[]).includes(level))
        throw new UsageError(`--severity ${code}: the level is one of ${LEVELS.join(', ')}, not "${level ?? ''}".`);
      args.severity[code] = level as Severity | 'off';
    },
  },
  {
    names: ['--metadata-schema'],
    value: 'FILE',
    help: "your organization's metadata schema (Labelbox's answer to the metadata-ontology query), to check custom metadata fields. Without it: labelboxImport.metadataSchema of the settings file, relative to its workspace folder; without a settings file, .labelbox/metadata-schema.json is looked for in the folder of each file and the folders above it",
    apply: (args, file) => {
      args.metadataSchema = file;
    },
  },
  {
    names: ['--settings'],
    value: 'FILE',
    help: 'the VS Code settings file whose labelboxImport.* settings apply (severity, maxProblems, metadataSchema, signedUrls.expiringSoonHours). Default: .vscode/settings.json in the current folder or the nearest folder above it, up to the repository root',
    apply: (args, file) => {
      args.settings = file;
    },
  },
  { names: ['--no-settings'], help: 'read no settings file', apply: (args) => void (args.settings = false) },
  { names: ['--fail-on-warnings'], help: 'exit with status 1 when warnings were found, not only errors', apply: (args) => void (args.failOnWarnings = true) },
  {
    names: ['--summary-to'],
    value: 'FILE',
    help: "append the counts (files, rows, errors, warnings, infos) to FILE as key=value lines, the form of GitHub's $GITHUB_OUTPUT",
    apply: (args, file) => {
      args.summaryTo = file;
    },
  },
  ...ACCESS_OPTIONS(),
  {
    names: ['--at'],
    value: 'TIME',
    help: 'judge signed URLs as of this moment instead of now, in ISO 8601 with its time zone (2026-12-06T09:00:00Z, 2026-12-06T10:00+01:00) or a date (midnight UTC): will the URLs still work when the import runs? Also makes a CI run reproducible',
    apply: (args, text) => {
      args.at = parseMoment(text);
    },
  },
  {
    names: ['--expiring-soon'],
    value: 'HOURS',
    help: "note signed URLs that expire within HOURS of the moment judged at; 0: never (default: the settings file's labelboxImport.signedUrls.expiringSoonHours, else 24)",
    apply: (args, text) => {
      const hours = Number(text);
      if (text.trim() === '' || !Number.isFinite(hours) || hours < 0)
        throw new UsageError(`--expiring-soon needs a number of hours, 0 or more, not "${text}".`);
      args.expiringSoonHours = hours;
    },
  },
  {
    names: ['--no-cross-file'],
    help: 'check global keys in each file alone. By default, with several files, a key an earlier file uses is reported in the later one (files marked with --imported first, then by path)',
    apply: (args) => void (args.crossFile = false),
  },
  {
    names: ['--imported'],
    value: 'GLOB',
    help: "files already imported into Labelbox (repeatable; added to the settings file's labelboxImport.globalKeys.importedFiles): they come first, and a key they use is an error in any other file",
    apply: (args, glob) => void args.imported.push(glob),
  },
  { names: ['--no-color'], help: 'no colors in text output', apply: (args) => void (args.color = false) },
  { names: ['-h', '--help'], help: 'show this help', apply: () => 'help' },
  { names: ['-v', '--version'], help: 'show the version', apply: () => 'version' },
];

/**
 * An ISO 8601 date (`2026-12-06`, midnight UTC) or date and time with its time zone
 * (`2026-12-06T09:00:00Z`, `…+01:00`): a time without a zone would be read in this machine's
 * zone, and a CI runner's zone is rarely the one meant.
 */
function parseMoment(text: string): number {
  const isDate = text.length >= 10 && text[4] === '-' && text[7] === '-';
  const hasTime = text.length > 10;
  const hasZone = text.endsWith('Z') || text.endsWith('z') || (text.length > 16 && (text.at(-6) === '+' || text.at(-6) === '-') && text.at(-3) === ':');
  const time = isDate && (!hasTime || (text[10] === 'T' && hasZone)) ? Date.parse(text) : NaN;
  if (!Number.isFinite(time)) throw new UsageError(`--at needs an ISO 8601 date, or a date and time with its time zone (2026-12-06T09:00:00Z), not "${text}".`);
  return time;
}

function optionLines(): string {
  return OPTIONS.map((option) => {
    const head = `  ${option.names.join(', ')}${option.value ? ` ${option.value}` : ''}`;
    return `${head.padEnd(24)}${head.length < 24 ? '' : `\n${' '.repeat(24)}`}${wrap(option.help, 24)}`;
  }).join('\n');
}

/** Wraps text at 96 columns, continuing lines at `indent`. */
function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > 96) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

export const USAGE = `Usage: labelbox-import validate [options] FILE_OR_GLOB...
       labelbox-import --version | --help

Checks Labelbox Data Row import files (JSON) and prints every problem found.

Arguments:
  FILE_OR_GLOB          files, or glob patterns such as "data/**/*.json"; - reads standard input

Options:
${optionLines()}

Exit status: 0 when no errors were found (warnings allowed, unless --fail-on-warnings), 1 when
errors were found, 2 when a file could not be read, the command line is wrong, or a metadata
schema or settings file is broken (a broken metadata schema found by itself: files are then
checked without it; one given with --metadata-schema, or a broken settings file: nothing is
checked), 130 when Ctrl+C stopped --check-access (what was found is printed). Problems found by
--check-access are warnings: they change the status only with --fail-on-warnings.`;

export function parseArgs(argv: readonly string[]): CliArgs {
  if (argv.length === 0) throw new UsageError('Missing command.');
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command === '-v' || command === '--version') return { command: 'version' };
  if (command !== 'validate') throw new UsageError(`Unknown command "${command}". The command is "validate".`);

  const args: ValidateArgs = {
    command: 'validate',
    inputs: [],
    format: 'text',
    color: true,
    severity: {},
    failOnWarnings: false,
    access: {},
    imported: [],
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [name, inlineValue] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const option = arg === '-' ? undefined : OPTIONS.find((candidate) => candidate.names.includes(name));
    if (!option) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option "${arg}".`);
      args.inputs.push(arg);
      continue;
    }
    let value = '';
    if (option.value) {
      const next = inlineValue ?? rest[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value.`);
      value = next;
    } else if (inlineValue !== undefined) {
      throw new UsageError(`${name} takes no value.`);
    }
    const answer = option.apply(args, value);
    if (answer) return { command: answer };
  }
  if (!args.inputs.length) throw new UsageError('Name at least one file to check (or - for standard input).');
  return args;
}
