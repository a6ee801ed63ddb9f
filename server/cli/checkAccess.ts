/**
 * `--check-access`: asks every distinct asset and attachment URL of the files checked whether
 * Labelbox could load it (common/node/assetAccess/), shows progress on an interactive standard
 * error, stops on Ctrl+C with what was found, and prints a summary by host. The verdicts go
 * into each file's problems (collectDiagnostics' `assetAccess`).
 */
import { isAccessFailure, summarizeByHost, summaryLines, type AccessResult, type AccessTarget } from '../../common/assetAccess';
import type { AssetAccessTargets, NotCheckableEntry } from '../../service';
import { settingValue } from './settingValue';
import { formatCount } from '../../common/formatCount';

export interface AccessArgs {
  concurrency: number;
  perHost: number;
  timeoutSeconds: number;
  /** Sent as Origin to test CORS; empty: no CORS check. */
  origins: string[];
  allowPrivateAddresses: boolean;
}

export interface AccessOutcome {
  results: Map<string, AccessResult>;
  notCheckable: NotCheckableEntry[];
  /** Stopped by Ctrl+C before every URL had its answer. */
  interrupted: boolean;
}

/** Checks the URLs of every file, each distinct URL once. */
export async function checkAccess(
  targetsOfFiles: readonly AssetAccessTargets[],
  args: AccessArgs,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<AccessOutcome> {
  const targets = new Map<string, AccessTarget>();
  const notCheckable = new Map<string, NotCheckableEntry>();
  for (const file of targetsOfFiles) {
    for (const entry of file.urls) if (!targets.has(entry.url)) targets.set(entry.url, entry);
    for (const entry of file.notCheckable) if (!notCheckable.has(entry.url)) notCheckable.set(entry.url, entry);
  }
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const progress = progressLine(targets.size, stderr);
  const results = new Map<string, AccessResult>();
  try {
    // Loaded only when asked: Node's HTTPS and TLS modules add about 10 ms to every start of the CLI.
    const { checkAssets } = await import('../../common/node/assetAccess/checkAssets');
    const outcome = await checkAssets([...targets.values()], {
      concurrency: args.concurrency,
      perHost: args.perHost,
      timeoutMs: args.timeoutSeconds * 1000,
      origins: args.origins,
      allowPrivateAddresses: args.allowPrivateAddresses,
      signal: controller.signal,
      onResult: (result) => {
        results.set(result.url, result);
        progress.update(results.size, isAccessFailure(result.verdict));
      },
    });
    return { results, notCheckable: [...notCheckable.values()], interrupted: outcome.cancelled };
  } finally {
    progress.done();
    process.removeListener('SIGINT', onInterrupt);
  }
}

/** "checking access: 4,210/10,000 URLs, 12 failed", rewritten in place, only on a terminal. */
function progressLine(total: number, stderr: NodeJS.WriteStream): { update: (done: number, failed: boolean) => void; done: () => void } {
  if (!stderr.isTTY || total === 0) return { update: () => undefined, done: () => undefined };
  let failures = 0;
  let shownAt = 0;
  const show = (done: number) => stderr.write(`\r\x1b[2Kchecking access: ${formatCount(done)}/${formatCount(total)} URLs, ${formatCount(failures)} failed`);
  show(0);
  return {
    update: (done, failed) => {
      if (failed) failures++;
      const now = Date.now();
      if (now - shownAt < 100 && done < total) return;
      shownAt = now;
      show(done);
    },
    done: () => stderr.write('\r\x1b[2K'),
  };
}

/** The summary: totals, one line per host, and why some URLs were not asked. */
export function accessSummaryText(outcome: AccessOutcome): string {
  const results = [...outcome.results.values()];
  const failed = results.filter((result) => isAccessFailure(result.verdict)).length;
  const notAsked = results.length - results.filter((result) => result.verdict.ok || isAccessFailure(result.verdict)).length;
  const lines = [
    `Asset access: ${formatCount(results.length - notAsked)} URL${results.length - notAsked === 1 ? '' : 's'} checked, ${formatCount(failed)} failed${
      outcome.interrupted ? ' (interrupted: the others were not checked)' : ''
    }.`,
  ];
  for (const line of summaryLines(summarizeByHost(results))) lines.push(`  ${line}`);
  const reasons = new Map<string, number>();
  for (const entry of outcome.notCheckable) reasons.set(entry.reason, (reasons.get(entry.reason) ?? 0) + 1);
  for (const result of results)
    if (!result.verdict.ok && result.verdict.reason === 'not-checked') reasons.set(result.verdict.detail, (reasons.get(result.verdict.detail) ?? 0) + 1);
  if (reasons.size) {
    lines.push(`Cannot be checked from here: ${formatCount(outcome.notCheckable.length + notAsked)} URL(s).`);
    for (const [reason, count] of reasons) lines.push(`  ${formatCount(count)}: ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}

const ACCESS_KEYS = {
  concurrency: { setting: 'concurrency', min: 1, max: 64 },
  perHost: { setting: 'perHostConcurrency', min: 1, max: 16 },
  timeoutSeconds: { setting: 'timeoutSeconds', min: 1, max: 120 },
} as const;

/**
 * `labelboxImport.assetCheck.*` of a workspace settings file, both spellings (dotted keys, or
 * nested objects as VS Code also takes them). Values that cannot be used are problems, not guesses.
 */
export function accessSettingsOf(root: Record<string, unknown>): { values: Partial<AccessArgs>; problems: string[] } {
  const values: Partial<AccessArgs> = {};
  const problems: string[] = [];
  const read = (key: string): unknown => settingValue(root, `assetCheck.${key}`);
  for (const [name, { setting, min, max }] of Object.entries(ACCESS_KEYS) as Array<
    [keyof typeof ACCESS_KEYS, (typeof ACCESS_KEYS)[keyof typeof ACCESS_KEYS]]
  >) {
    const value = read(setting);
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) values[name] = value;
    else problems.push(`labelboxImport.assetCheck.${setting} must be a whole number from ${min} to ${max}; the default is used.`);
  }
  const origins = read('origins');
  if (origins !== undefined) {
    if (Array.isArray(origins) && origins.every((origin) => typeof origin === 'string' && /^https?:\/\/[^/\s]+$/i.test(origin)))
      values.origins = [...(origins as string[])];
    else problems.push('labelboxImport.assetCheck.origins must be a list of origins such as "https://app.labelbox.com"; the default is used.');
  }
  const allow = read('allowPrivateAddresses');
  if (allow !== undefined) {
    if (typeof allow === 'boolean') values.allowPrivateAddresses = allow;
    else problems.push('labelboxImport.assetCheck.allowPrivateAddresses must be true or false; the default is used.');
  }
  return { values, problems };
}
