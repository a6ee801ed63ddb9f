/**
 * What an answer means for Labelbox: the verdict of one URL from the request's outcome, what
 * the URL should serve and the origin sent. Pure apart from the clock it is given.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { cleanDetail, contentTypeFits, hostOf, type AccessVerdict, type ExpectedContent } from '../../assetAccess';
import { readSignedUrlExpiry, type SignedUrlForm } from '../../signedUrls';
import type { ProbeOutcome } from './probe';

/** Forms whose signature covers the HTTP method: a HEAD of a URL signed for GET is refused (403). */
const METHOD_SIGNED_FORMS: ReadonlySet<SignedUrlForm> = new Set(['aws-v4', 'aws-v2', 'gcs-v4', 'gcs-v2']);

/** Whether a HEAD would be refused because the URL is signed for GET only: then a ranged GET is sent at once. */
export function isSignedForGet(url: string): boolean {
  const validity = readSignedUrlExpiry(url);
  return validity !== undefined && METHOD_SIGNED_FORMS.has(validity.form);
}

/** The moment a signed URL expired, when it has (before `now`). */
export function expiredAt(url: string, now: number): number | undefined {
  const validity = readSignedUrlExpiry(url);
  return validity && 'expiresAt' in validity && validity.expiresAt <= now ? validity.expiresAt : undefined;
}

/** Hosts whose buckets can use IAM delegated access, where Labelbox signs its own URLs (plain string tests: a host can be long). */
function isCloudStorageHost(host: string): boolean {
  if (host.endsWith('.amazonaws.com')) return host.startsWith('s3.') || host.startsWith('s3-') || host.includes('.s3.') || host.includes('.s3-');
  return host === 'storage.googleapis.com' || host.endsWith('.storage.googleapis.com') || host.endsWith('.blob.core.windows.net');
}

function statusText(method: string, status: number, text: string): string {
  return `${method} answered ${status}${text ? ` ${cleanDetail(text)}` : ''}`;
}

function utc(moment: number): string {
  return `${new Date(moment).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Whether the answer lets Labelbox's app read the asset from the origin sent. */
export function allowsOrigin(headers: IncomingHttpHeaders, origin: string): boolean {
  const allowed: unknown = headers['access-control-allow-origin'];
  const value = typeof allowed === 'string' ? allowed : undefined;
  return value !== undefined && (value.trim() === '*' || value.trim().toLowerCase() === origin.toLowerCase());
}

export interface ClassifyContext {
  url: string;
  expect: ExpectedContent;
  /** Where the file uses the URL ("row_data", "attachment (IMAGE)"), for messages. */
  role: string;
  origin?: string;
  now: number;
}

/** The verdict of a final outcome (not a retry, not a cancel). */
export function classify(outcome: Exclude<ProbeOutcome, { kind: 'aborted' }>, context: ClassifyContext): AccessVerdict {
  switch (outcome.kind) {
    case 'blocked':
      return { ok: false, reason: 'not-checked', detail: cleanDetail(outcome.message) };
    case 'insecure-redirect':
      return {
        ok: false,
        reason: 'insecure-redirect',
        detail: cleanDetail(
          `The server redirects to ${outcome.location}: Labelbox loads assets over https only, and a browser blocks http content in the https app.`,
        ),
      };
    case 'failed':
      return { ok: false, reason: outcome.failure, detail: cleanDetail(outcome.message) };
    case 'response':
      return classifyResponse(outcome, context);
  }
}

function classifyResponse(outcome: Extract<ProbeOutcome, { kind: 'response' }>, context: ClassifyContext): AccessVerdict {
  const { status, method } = outcome;
  const answered = statusText(method, status, outcome.statusText);
  if (status === 404 || status === 410) return { ok: false, reason: 'not-found', status, detail: `${answered}: there is no file at this address.` };
  if (status === 401 || status === 403 || status === 400) {
    const expired = expiredAt(context.url, context.now);
    if (expired !== undefined) {
      return { ok: false, reason: 'expired', status, detail: `${answered}: the URL's signature expired on ${utc(expired)}. Sign it again before the import.` };
    }
    if (status === 400) return { ok: false, reason: 'http-error', status, detail: `${answered}.` };
    const delegated = isCloudStorageHost(hostOf(context.url))
      ? ' If the bucket uses IAM delegated access, Labelbox signs its own URLs and this may not matter.'
      : '';
    return { ok: false, reason: 'access-denied', status, detail: `${answered}: the file is not public and the URL carries no valid signature.${delegated}` };
  }
  if (status === 429) return { ok: false, reason: 'rate-limited', status, detail: `${answered}: not checked, the host kept answering "too many requests".` };
  if (status >= 500) return { ok: false, reason: 'server-error', status, detail: `${answered}, also when asked again.` };
  if (status < 200 || status >= 300) return { ok: false, reason: 'http-error', status, detail: `${answered}.` };
  return classifyContent(outcome, context);
}

function classifyContent(outcome: Extract<ProbeOutcome, { kind: 'response' }>, context: ClassifyContext): AccessVerdict {
  const header = outcome.headers['content-type'];
  const contentType = header ? cleanDetail(header) : undefined;
  if (!contentTypeFits(context.expect, contentType)) {
    const hint = /html/i.test(contentType ?? '') ? ' (an error or sign-in page?)' : '';
    return {
      ok: false,
      reason: 'content-type',
      status: outcome.status,
      detail: `${context.role} should be ${article(context.expect)} ${context.expect === 'json' ? 'JSON file' : context.expect}, but the server sends ${contentType}${hint}.`,
    };
  }
  if (context.origin && !allowsOrigin(outcome.headers, context.origin)) {
    return {
      ok: false,
      reason: 'cors',
      status: outcome.status,
      detail: `The server answers a request from ${context.origin} without Access-Control-Allow-Origin; Labelbox's setup guides ask for a CORS rule that allows Labelbox's app to read the bucket.`,
    };
  }
  return contentType ? { ok: true, status: outcome.status, contentType } : { ok: true, status: outcome.status };
}

function article(expect: ExpectedContent): string {
  return /^[aeiou]/.test(expect) ? 'an' : 'a';
}

/** How long a Retry-After header asks to wait, in milliseconds (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(headers: IncomingHttpHeaders, now: number): number | undefined {
  const value = headers['retry-after'];
  if (typeof value !== 'string' || value.length > 64) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
