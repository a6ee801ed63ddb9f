import { MAX_LABELBOX_KEY_RESULTS, type GlobalKeysResult, type LabelboxKeyResultsParams } from '../../common/protocol';
import { checkEndpoint } from '../labelboxApi/graphqlPost';
import { lookUpGlobalKeys, type KeyAnswer, type LookupOptions, type LookupResult } from './globalKeyLookup';

/**
 * "Labelbox: Check Global Keys Against Labelbox", without VS Code: the steps and the
 * decisions, with the editor's parts passed in (checkGlobalKeysCommand.ts wires them), so
 * that the trust gate and the flow are unit-tested against a local server.
 */

export interface CheckSteps {
  /** Whether VS Code trusts the workspace: the command sends the file's keys and the API key, so it is off otherwise. */
  trusted: boolean;
  uri: string;
  /** The file's name as the messages show it. */
  fileLabel: string;
  /** labelboxImport.apiEndpoint (the user's own value in an untrusted workspace). */
  endpoint: string;
  /** The file's global keys, from the language server (null: not an import file). */
  keysOf(uri: string): Promise<GlobalKeysResult | null>;
  /** The stored API key for the endpoint's origin, or the one the user types (undefined: dismissed). */
  apiKeyFor(origin: string): Promise<{ key: string; stored: boolean } | undefined>;
  /** Runs the lookup under a progress notification with Cancel. */
  withProgress<T>(title: string, task: (report: (message: string, increment: number) => void, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Sends Labelbox's answers to the language server. */
  sendResults(params: LabelboxKeyResultsParams): void;
  userAgent?: string;
  /** For tests: shorter waits. */
  lookupOptions?: Partial<LookupOptions>;
  now?: () => Date;
}

export type CheckOutcome =
  /** Nothing was sent: why, in a sentence for the user. */
  | { kind: 'refused'; message: string }
  /** The user did not give an API key. */
  | { kind: 'no-key' }
  | { kind: 'done'; origin: string; apiKey: string; keyWasStored: boolean; asked: number; total: number; result: LookupResult; summary: string };

export const UNTRUSTED_MESSAGE =
  "Checking global keys against Labelbox is off in an untrusted workspace: it sends the file's global keys and your API key to labelboxImport.apiEndpoint. Trust the workspace to use it.";

export async function checkGlobalKeys(steps: CheckSteps): Promise<CheckOutcome> {
  // Before anything is read or asked for: an untrusted workspace sends nothing anywhere.
  if (!steps.trusted) return { kind: 'refused', message: UNTRUSTED_MESSAGE };
  const url = checkEndpoint(steps.endpoint);
  if (typeof url === 'string') return { kind: 'refused', message: url };
  let listed: GlobalKeysResult | null;
  try {
    listed = await steps.keysOf(steps.uri);
  } catch (error) {
    return {
      kind: 'refused',
      message: `The Labelbox language server did not list the global keys of ${steps.fileLabel}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!listed) return { kind: 'refused', message: `${steps.fileLabel} is not checked as a Labelbox import file, so it has no global keys to check.` };
  if (!listed.keys.length) return { kind: 'refused', message: `${steps.fileLabel} has no global keys to check.` };
  const apiKey = await steps.apiKeyFor(url.origin);
  if (!apiKey) return { kind: 'no-key' };

  const total = listed.keys.length;
  const result = await steps.withProgress('Checking global keys against Labelbox', (report, signal) => {
    let first = true;
    let percent = 0;
    let foundSoFar = 0;
    report(`0 of ${total.toLocaleString('en-US')} keys`, 0);
    return lookUpGlobalKeys(listed.keys, {
      apiKey: apiKey.key,
      endpoint: url.href,
      userAgent: steps.userAgent,
      signal,
      ...steps.lookupOptions,
      onBatch: (found, done) => {
        // VS Code adds up the increments: each is the step since the last report.
        const reached = (100 * Math.min(done, total)) / total;
        foundSoFar += found.length;
        const foundText = foundSoFar ? `, ${foundSoFar.toLocaleString('en-US')} found` : '';
        report(`${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} keys${foundText}`, reached - percent);
        percent = reached;
        // The first answer of a run replaces the file's findings of earlier runs.
        sendFound(steps, found, first, (steps.now ?? (() => new Date()))().toISOString());
        first = false;
      },
    });
  });
  return {
    kind: 'done',
    origin: url.origin,
    apiKey: apiKey.key,
    keyWasStored: apiKey.stored,
    asked: total,
    total: listed.total,
    result,
    summary: summaryOf(steps.fileLabel, result, total, listed.total),
  };
}

function sendFound(steps: CheckSteps, found: KeyAnswer[], replace: boolean, checkedAt: string): void {
  for (let from = 0; from === 0 || from < found.length; from += MAX_LABELBOX_KEY_RESULTS) {
    const results = found.slice(from, from + MAX_LABELBOX_KEY_RESULTS).map(({ key, state, dataRowId }) => ({
      key,
      state: state === 'exists' ? ('exists' as const) : ('access-denied' as const),
      ...(dataRowId ? { dataRowId } : {}),
    }));
    steps.sendResults({ uri: steps.uri, checkedAt, replace: replace && from === 0, results });
  }
}

/** "3 of 48,200 global keys of batch-002.labelbox.json already exist in Labelbox; 1,000 could not be checked (…)." */
export function summaryOf(fileLabel: string, result: LookupResult, asked: number, total: number): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const exists = result.found.filter((answer) => answer.state === 'exists').length;
  const denied = result.found.length - exists;
  const parts: string[] = [];
  if (result.stopped === 'cancelled') parts.push(`Cancelled after ${count(result.checked)} of ${count(asked)} global keys of ${fileLabel}`);
  const of = result.stopped === 'cancelled' ? '' : ` of ${count(asked)} global keys of ${fileLabel}`;
  if (exists) parts.push(`${count(exists)}${of} already exist${exists === 1 ? 's' : ''} in Labelbox (each is an error at its rows)`);
  else if (!result.stopped || result.checked) parts.push(`None${of} ${result.checked < asked ? 'checked so far ' : ''}exists in Labelbox`);
  if (denied) parts.push(`for ${count(denied)}, Labelbox answered "access denied"`);
  const unchecked = result.problems.filter((problem) => problem.failure !== 'cancelled');
  if (unchecked.length && result.stopped !== 'cancelled') {
    const keys = unchecked.reduce((sum, problem) => sum + problem.keys, 0);
    parts.push(`${count(keys)} could not be checked: ${withoutFullStop(unchecked[0].message)}`);
  }
  if (total > asked) parts.push(`only the first ${count(asked)} of its ${count(total)} keys were asked about`);
  return `${parts.join('; ')}.`;
}

function withoutFullStop(sentence: string): string {
  return sentence.endsWith('.') ? sentence.slice(0, -1) : sentence;
}
