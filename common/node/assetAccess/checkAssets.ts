/**
 * The asset access check: every distinct URL requested once (HEAD, or a GET of one byte where
 * HEAD is refused or the URL is signed for GET), with bounded concurrency overall and per
 * host, a time limit per request, retries with backoff on 429 and 5xx, and a cancel that drops
 * what waits and closes what runs. Used by the extension's command and the command line.
 */
import { setMaxListeners } from 'node:events';
import * as https from 'node:https';
import { hostOf, type AccessResult, type AccessTarget, type AccessVerdict } from '../../assetAccess';
import { isPrivateAddress } from '../privateAddresses';
import { classify, isSignedForGet, allowsOrigin, retryAfterMs } from './classify';
import { HostLimiter } from './hostLimiter';
import { probe, type ProbeMethod, type ProbeOutcome } from './probe';

export interface RetryPolicy {
  /** Requests per URL at most, the first included. */
  attempts: number;
  /** The first wait; each next one doubles (with up to 25 % added at random). */
  baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the URL is reported as rate limited. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxRetryAfterMs: 10_000 };

export interface CheckAssetsOptions {
  concurrency: number;
  perHost: number;
  timeoutMs: number;
  /** Sent as Origin; the first is the one whose CORS rule is checked. Empty: no CORS check. */
  origins: readonly string[];
  /** Also request addresses of this machine and private networks (a bucket on the intranet, a test server). */
  allowPrivateAddresses?: boolean;
  /** Which addresses are never requested, in place of allowPrivateAddresses (tests: this machine's test servers only). */
  isBlockedAddress?: (address: string) => boolean;
  /** Extra certificates to trust, besides Node's (tests). */
  ca?: string;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
  now?: () => number;
  /** Each URL's verdict as soon as it is known. */
  onResult?: (result: AccessResult) => void;
  /** Each request as it starts (tests and the benchmark count them). */
  onRequestStart?: (url: string) => void;
}

export interface CheckAssetsResult {
  results: AccessResult[];
  /** Stopped by the signal before every URL had its verdict. */
  cancelled: boolean;
}

export const DEFAULT_CHECK_BOUNDS = { concurrency: 16, perHost: 4, timeoutMs: 15_000 };

/** Checks each distinct `url` of the targets once; results come in the order they are known. */
export async function checkAssets(targets: readonly AccessTarget[], options: CheckAssetsOptions): Promise<CheckAssetsResult> {
  // One listener per request in flight and per wait: a signal of our own, without the default warning at 10.
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const signal = controller.signal;
  const onOuterAbort = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const agent = new https.Agent({ keepAlive: true, maxSockets: Math.max(1, options.perHost), ...(options.ca ? { ca: options.ca } : {}) });
  const limiter = new HostLimiter({ total: Math.max(1, options.concurrency), perHost: Math.max(1, options.perHost) });
  const results: AccessResult[] = [];
  const seen = new Set<string>();
  const onAbort = () => limiter.stop();
  signal.addEventListener('abort', onAbort, { once: true });
  const context: RunContext = {
    agent,
    signal,
    options,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    now: options.now ?? Date.now,
    isBlocked: options.isBlockedAddress ?? (options.allowPrivateAddresses ? () => false : isPrivateAddress),
    originsAsked: new Set(),
  };
  try {
    for (const target of targets) {
      if (signal.aborted) break;
      if (seen.has(target.url)) continue;
      seen.add(target.url);
      limiter.add(hostOf(target.fetchUrl), async () => {
        const verdict = await checkOne(target, context);
        if (!verdict || signal.aborted) return;
        const result = { url: target.url, verdict, checkedAt: context.now() };
        results.push(result);
        options.onResult?.(result);
      });
    }
    await limiter.idle();
  } finally {
    signal.removeEventListener('abort', onAbort);
    options.signal?.removeEventListener('abort', onOuterAbort);
    agent.destroy();
  }
  return { results, cancelled: signal.aborted };
}

interface RunContext {
  agent: https.Agent;
  signal: AbortSignal;
  options: CheckAssetsOptions;
  retry: RetryPolicy;
  now: () => number;
  isBlocked: (address: string) => boolean;
  /** Hosts whose CORS rule was asked about the origins after the first. */
  originsAsked: Set<string>;
}

/** The verdict of one URL; undefined when cancelled. */
async function checkOne(target: AccessTarget, context: RunContext): Promise<AccessVerdict | undefined> {
  const origin = context.options.origins[0];
  let method: ProbeMethod = isSignedForGet(target.fetchUrl) ? 'GET' : 'HEAD';
  for (let attempt = 1; ; attempt++) {
    const outcome = await probeWith(target.fetchUrl, method, origin, context);
    if (outcome.kind === 'aborted') return undefined;
    if (outcome.kind === 'response' && method === 'HEAD' && wantsGetInstead(outcome.status, outcome.headers, origin)) {
      // A server that refuses HEAD (405, 501, some 4xx), or a CORS rule for GET only (S3's usual one): ask as Labelbox's app does.
      method = 'GET';
      attempt--;
      continue;
    }
    if (outcome.kind === 'response' && (outcome.status === 429 || outcome.status >= 500) && attempt < context.retry.attempts) {
      const wait = waitBefore(attempt, outcome, context);
      if (wait !== undefined) {
        if (!(await sleep(wait, context.signal))) return undefined;
        continue;
      }
    }
    const verdict = classify(outcome, { url: target.fetchUrl, expect: target.expect, role: target.role, origin, now: context.now() });
    return verdict.ok ? await otherOrigins(target, context, verdict) : verdict;
  }
}

/**
 * The other origins' CORS rule, asked once per host (a CORS rule is the bucket's, not the
 * file's): with the first URL of the host that answers well.
 */
async function otherOrigins(target: AccessTarget, context: RunContext, verdict: AccessVerdict): Promise<AccessVerdict | undefined> {
  const host = hostOf(target.fetchUrl);
  if (context.originsAsked.has(host)) return verdict;
  context.originsAsked.add(host);
  for (const origin of context.options.origins.slice(1)) {
    const outcome = await probeWith(target.fetchUrl, 'GET', origin, context);
    if (outcome.kind === 'aborted') return undefined;
    if (outcome.kind !== 'response' || outcome.status < 200 || outcome.status >= 300) continue;
    const other = classify(outcome, { url: target.fetchUrl, expect: 'any', role: target.role, origin, now: context.now() });
    if (!other.ok) return other;
  }
  return verdict;
}

function wantsGetInstead(status: number, headers: Parameters<typeof allowsOrigin>[0], origin: string | undefined): boolean {
  if (status === 405 || status === 501 || status === 400 || status === 401 || status === 403) return true;
  return status >= 200 && status < 300 && origin !== undefined && !allowsOrigin(headers, origin);
}

function probeWith(url: string, method: ProbeMethod, origin: string | undefined, context: RunContext): Promise<ProbeOutcome> {
  return probe(url, {
    method,
    origin,
    timeoutMs: context.options.timeoutMs,
    agent: context.agent,
    isBlockedAddress: context.isBlocked,
    signal: context.signal,
    onRequestStart: context.options.onRequestStart,
  });
}

/** How long to wait before asking again; undefined when the server asks for longer than the policy allows. */
function waitBefore(attempt: number, outcome: Extract<ProbeOutcome, { kind: 'response' }>, context: RunContext): number | undefined {
  const asked = retryAfterMs(outcome.headers, context.now());
  if (asked !== undefined) return asked <= context.retry.maxRetryAfterMs ? asked : undefined;
  const base = context.retry.baseDelayMs * 2 ** (attempt - 1);
  return base + Math.random() * base * 0.25;
}

/** Waits; false when cancelled meanwhile. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
