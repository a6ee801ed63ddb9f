/**
 * "Labelbox: Check Asset Access", without VS Code: the trust gate, asking the server for the
 * file's URLs, requesting them (common/node/assetAccess/) with progress and cancel, streaming
 * the results to the server in batches, and the summary. checkAccessCommand.ts wires it to
 * VS Code; test/unit/checkAccessFlow.test.ts runs it with the trust and the server given.
 */
import { isAccessFailure, MAX_RESULTS_PER_BATCH, summarizeByHost, summaryLines, type AccessResult } from '../../common/assetAccess';
import { checkAssets, type CheckAssetsOptions } from '../../common/node/assetAccess/checkAssets';
import type { AssetUrlsResult } from '../../common/protocol';

export const UNTRUSTED_MESSAGE =
  'Checking asset access sends a request to every URL in the file; it is off in an untrusted workspace. Trust the workspace to use it.';

/** Results are sent to the server at least this often while the check runs, and at most this many at once. */
const SEND_EVERY_MS = 250;
const SEND_AT_MOST = 500;

export interface AccessCheckSettings {
  concurrency: number;
  perHost: number;
  timeoutSeconds: number;
  cacheMinutes: number;
  origins: string[];
  allowPrivateAddresses: boolean;
}

export interface AccessCheckHost {
  isTrusted: boolean;
  settings: AccessCheckSettings;
  /** The server's list of the file's URLs; null when the file is not an import file. */
  requestUrls: () => Promise<AssetUrlsResult | null>;
  sendResults: (results: AccessResult[], keepMinutes: number) => void;
  /** Runs the check with a progress report and a cancel signal (VS Code's progress notification). */
  withProgress: <T>(work: (report: (message: string) => void, signal: AbortSignal) => Promise<T>) => Promise<T>;
  /** Extra certificates to trust (tests). */
  ca?: string;
}

export type AccessCheckOutcome =
  | { kind: 'untrusted'; message: string }
  | { kind: 'not-an-import-file' }
  | { kind: 'done'; checked: number; failed: number; reused: number; notCheckable: number; cancelled: boolean; message: string; details: string[] };

export async function runAccessCheck(host: AccessCheckHost): Promise<AccessCheckOutcome> {
  // Nothing is asked of the server, and nothing is requested, in an untrusted workspace.
  if (!host.isTrusted) return { kind: 'untrusted', message: UNTRUSTED_MESSAGE };
  const listed = await host.requestUrls();
  if (!listed) return { kind: 'not-an-import-file' };
  const total = listed.urls.length;
  const results: AccessResult[] = [];
  const { cancelled } = await host.withProgress(async (report, signal) => {
    let pending: AccessResult[] = [];
    let failed = 0;
    let lastSent = Date.now();
    const flush = () => {
      for (let start = 0; start < pending.length; start += MAX_RESULTS_PER_BATCH)
        host.sendResults(pending.slice(start, start + MAX_RESULTS_PER_BATCH), host.settings.cacheMinutes);
      pending = [];
      lastSent = Date.now();
    };
    const timer = setInterval(() => {
      report(`${results.length.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} URLs, ${failed.toLocaleString('en-US')} failed`);
      if (pending.length) flush();
    }, SEND_EVERY_MS);
    try {
      const options: CheckAssetsOptions = {
        concurrency: host.settings.concurrency,
        perHost: host.settings.perHost,
        timeoutMs: host.settings.timeoutSeconds * 1000,
        origins: host.settings.origins,
        allowPrivateAddresses: host.settings.allowPrivateAddresses,
        signal,
        ca: host.ca,
        onResult: (result) => {
          results.push(result);
          pending.push(result);
          if (isAccessFailure(result.verdict)) failed++;
          if (pending.length >= SEND_AT_MOST || Date.now() - lastSent >= SEND_EVERY_MS) flush();
        },
      };
      return await checkAssets(listed.urls, options);
    } finally {
      clearInterval(timer);
      // Results found before a cancel are kept too.
      flush();
    }
  });
  return summaryOf(listed, results, cancelled);
}

function summaryOf(listed: AssetUrlsResult, results: AccessResult[], cancelled: boolean): AccessCheckOutcome {
  const all = [...listed.known, ...results];
  const failed = all.filter((result) => isAccessFailure(result.verdict)).length;
  const notAsked = all.filter((result) => !result.verdict.ok && result.verdict.reason === 'not-checked').length;
  const notCheckable = listed.notCheckable.length + notAsked;
  const checked = all.length - notAsked;
  const parts = [
    `Checked ${checked.toLocaleString('en-US')} URL${checked === 1 ? '' : 's'}${listed.known.length ? ` (${listed.known.length.toLocaleString('en-US')} from the last check)` : ''}`,
    failed ? `${failed.toLocaleString('en-US')} failed: see the problems` : 'all can be loaded',
  ];
  if (notCheckable) parts.push(`${notCheckable.toLocaleString('en-US')} cannot be checked from here`);
  const details = summaryLines(summarizeByHost(all));
  const reasons = new Map<string, number>();
  for (const entry of listed.notCheckable) reasons.set(entry.reason, (reasons.get(entry.reason) ?? 0) + 1);
  for (const [reason, count] of reasons) details.push(`not checked (${count.toLocaleString('en-US')}): ${reason}`);
  return {
    kind: 'done',
    checked,
    failed,
    reused: listed.known.length,
    notCheckable,
    cancelled,
    message: `${cancelled ? 'Cancelled. ' : ''}${parts.join('; ')}.`,
    details,
  };
}
