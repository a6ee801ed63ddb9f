import { ownValue } from './ownKeys';

/**
 * When a signed URL stops working, read from the URL alone (no request): the forms of Amazon
 * S3, Google Cloud Storage, Azure Blob Storage and CloudFront. Labelbox fetches an asset when a
 * labeler opens it, not only at import, so an expired URL breaks the row later too.
 *
 * Sources (docs/import-format.md, section 11, "Signed URLs"):
 * - AWS Signature Version 4 query parameters: X-Amz-Date (ISO 8601 basic, UTC) + X-Amz-Expires
 *   (seconds, 1 to 604800), docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 * - AWS Signature Version 2: AWSAccessKeyId, Signature, Expires (Unix seconds),
 *   docs.aws.amazon.com/AmazonS3/latest/API/S3_Authentication2.html
 * - Google Cloud Storage V4: X-Goog-Date + X-Goog-Expires (as V4 above), and V2: GoogleAccessId,
 *   Signature, Expires (Unix seconds), cloud.google.com/storage/docs/access-control/signed-urls
 * - Azure shared access signatures: se (expiry, required), st (start, optional), ISO 8601 UTC,
 *   learn.microsoft.com/rest/api/storageservices/formatting-datetime-values
 * - CloudFront: canned policy Expires (Unix seconds); custom policy Policy (URL-safe base64 JSON
 *   with DateLessThan / DateGreaterThan "AWS:EpochTime"),
 *   docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-signed-urls.html
 */

export type SignedUrlForm = 'aws-v4' | 'aws-v2' | 'gcs-v4' | 'gcs-v2' | 'azure-sas' | 'cloudfront-canned' | 'cloudfront-custom';

/** How each form is named in messages. */
export const SIGNED_URL_FORM_NAMES: Readonly<Record<SignedUrlForm, string>> = {
  'aws-v4': 'Amazon S3 presigned URL (Signature Version 4)',
  'aws-v2': 'Amazon S3 presigned URL (Signature Version 2)',
  'gcs-v4': 'Google Cloud Storage signed URL (V4)',
  'gcs-v2': 'Google Cloud Storage signed URL (V2)',
  'azure-sas': 'Azure shared access signature',
  'cloudfront-canned': 'CloudFront signed URL',
  'cloudfront-custom': 'CloudFront signed URL (custom policy)',
};

/** The longest lifetime a V4 signature may have: 7 days (AWS and Google both refuse more). */
export const MAX_V4_LIFETIME_SECONDS = 604_800;

export type SignedUrlValidity =
  | {
      form: SignedUrlForm;
      /** Milliseconds since 1970 (UTC) from which the URL is refused. */
      expiresAt: number;
      /** Before this moment the URL is not valid yet, where the form says. */
      startsAt?: number;
      /** The lifetime the URL asks for, where the form states it (V4: X-Amz-Expires). */
      lifetimeSeconds?: number;
    }
  | { form: SignedUrlForm; problem: string };

/** Query strings longer than this are not read: no signed URL comes near it. */
const MAX_QUERY_LENGTH = 64 * 1024;
/** A CloudFront policy is a few hundred bytes. */
const MAX_POLICY_LENGTH = 8 * 1024;

/** The expiry of a signed URL, or undefined when the URL is not one of the known forms. */
export function readSignedUrlExpiry(url: string): SignedUrlValidity | undefined {
  const query = queryParameters(url);
  if (!query) return undefined;
  const has = (...names: string[]) => names.every((name) => query.has(name));
  // Cloud Storage also takes V4 signatures with the X-Amz names (HMAC keys, S3 interoperability).
  if (has('x-amz-date', 'x-amz-expires'))
    return v4Validity(url.includes('storage.googleapis.com') ? 'gcs-v4' : 'aws-v4', query.get('x-amz-date'), query.get('x-amz-expires'));
  if (has('x-goog-date', 'x-goog-expires')) return v4Validity('gcs-v4', query.get('x-goog-date'), query.get('x-goog-expires'));
  if (has('awsaccesskeyid', 'signature', 'expires')) return epochValidity('aws-v2', query.get('expires'));
  if (has('googleaccessid', 'signature', 'expires')) return epochValidity('gcs-v2', query.get('expires'));
  if (has('key-pair-id', 'signature', 'expires')) return epochValidity('cloudfront-canned', query.get('expires'));
  if (has('key-pair-id', 'signature', 'policy')) return policyValidity(query.get('policy') ?? '');
  if (has('sig', 'se')) return azureValidity(query.get('se') ?? '', query.get('st'));
  return undefined;
}

/** The parameters the forms above read; the others of a query are skipped without being decoded. */
const READ_PARAMETERS: ReadonlySet<string> = new Set([
  'x-amz-date',
  'x-amz-expires',
  'x-goog-date',
  'x-goog-expires',
  'awsaccesskeyid',
  'googleaccessid',
  'signature',
  'expires',
  'key-pair-id',
  'policy',
  'sig',
  'se',
  'st',
]);
/** Longer names are none of READ_PARAMETERS, even percent-encoded. */
const MAX_NAME_LENGTH = 48;

/**
 * The query's parameters that the forms read, by lower-case name (the services read names
 * without regard to case), values percent-decoded. One pass, no regular expression; only
 * the few names of READ_PARAMETERS are decoded and kept (a signed URL's query has a dozen,
 * and every URL of a file with thousands of rows is read). A Map: names come from the file.
 */
function queryParameters(url: string): Map<string, string> | undefined {
  const start = url.indexOf('?');
  if (start < 0) return undefined;
  const hash = url.indexOf('#', start);
  const query = url.slice(start + 1, hash < 0 ? url.length : hash);
  if (query.length > MAX_QUERY_LENGTH) return undefined;
  const parameters = new Map<string, string>();
  for (let from = 0; from <= query.length;) {
    const ampersand = query.indexOf('&', from);
    const end = ampersand < 0 ? query.length : ampersand;
    const equals = query.indexOf('=', from);
    const nameEnd = equals >= 0 && equals < end ? equals : end;
    if (nameEnd - from <= MAX_NAME_LENGTH) {
      const name = decodeIfEncoded(query.slice(from, nameEnd)).toLowerCase();
      // The first of a repeated name, as the services read it.
      if (READ_PARAMETERS.has(name) && !parameters.has(name)) parameters.set(name, nameEnd < end ? decodeIfEncoded(query.slice(nameEnd + 1, end)) : '');
    }
    from = end + 1;
  }
  return parameters;
}

function decodeIfEncoded(text: string): string {
  return text.includes('%') ? decode(text) : text;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function v4Validity(form: SignedUrlForm, date: string | undefined, expires: string | undefined): SignedUrlValidity {
  const signedAt = basicIsoDate(date ?? '');
  if (signedAt === undefined) return { form, problem: `its date "${date ?? ''}" is not of the form YYYYMMDDTHHMMSSZ` };
  const seconds = wholeNumber(expires ?? '');
  if (seconds === undefined) return { form, problem: `its lifetime "${expires ?? ''}" is not a whole number of seconds` };
  return { form, expiresAt: signedAt + seconds * 1000, startsAt: signedAt, lifetimeSeconds: seconds };
}

function epochValidity(form: SignedUrlForm, expires: string | undefined): SignedUrlValidity {
  const seconds = wholeNumber(expires ?? '');
  if (seconds === undefined) return { form, problem: `its expiry "${expires ?? ''}" is not a time in seconds since 1970` };
  return { form, expiresAt: seconds * 1000 };
}

function azureValidity(expiry: string, start: string | undefined): SignedUrlValidity {
  const expiresAt = extendedIsoDate(expiry);
  if (expiresAt === undefined) return { form: 'azure-sas', problem: `its expiry se="${expiry}" is not a UTC date and time (YYYY-MM-DDThh:mm:ssZ)` };
  if (start === undefined) return { form: 'azure-sas', expiresAt };
  const startsAt = extendedIsoDate(start);
  if (startsAt === undefined) return { form: 'azure-sas', problem: `its start st="${start}" is not a UTC date and time (YYYY-MM-DDThh:mm:ssZ)` };
  return { form: 'azure-sas', expiresAt, startsAt };
}

function policyValidity(policy: string): SignedUrlValidity {
  const form = 'cloudfront-custom';
  if (policy.length > MAX_POLICY_LENGTH) return { form, problem: 'its policy is too long to read' };
  // CloudFront's URL-safe base64: - for +, _ for =, ~ for /.
  const json = base64Decode(policy.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'));
  let parsed: unknown;
  try {
    parsed = json === undefined ? undefined : JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  const statement = firstOf(member(parsed, 'Statement'));
  const condition = member(statement, 'Condition');
  const lessThan = member(member(condition, 'DateLessThan'), 'AWS:EpochTime');
  if (typeof lessThan !== 'number' || !Number.isInteger(lessThan) || lessThan < 0) return { form, problem: 'its policy has no DateLessThan time' };
  const greaterThan = member(member(condition, 'DateGreaterThan'), 'AWS:EpochTime');
  return typeof greaterThan === 'number' && Number.isInteger(greaterThan) && greaterThan >= 0
    ? { form, expiresAt: lessThan * 1000, startsAt: greaterThan * 1000 }
    : { form, expiresAt: lessThan * 1000 };
}

function member(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? ownValue(value as Record<string, unknown>, key) : undefined;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}

/** A non-negative whole number written in digits only, as the services write seconds. */
function wholeNumber(text: string): number | undefined {
  if (!/^\d{1,12}$/.test(text)) return undefined;
  return Number(text);
}

/** `20130524T000000Z`: ISO 8601 basic format, UTC. */
function basicIsoDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hours, minutes, seconds] = match;
  return utc(+year, +month, +day, +hours, +minutes, +seconds, 0, 0);
}

/**
 * Azure's forms: `YYYY-MM-DD`, `YYYY-MM-DDThh:mm<TZD>`, `YYYY-MM-DDThh:mm:ss[.f{1,7}]<TZD>`,
 * where TZD is Z or ±hh:mm. A + that was not percent-encoded reads as a space in a query.
 */
function extendedIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+ -]\d{2}:\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hours = '0', minutes = '0', seconds = '0', fraction = '', zone = 'Z'] = match;
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const milliseconds = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  return utc(+year, +month, +day, +hours, +minutes, +seconds, milliseconds, offsetMinutes);
}

/** The moment, or undefined for a date that does not exist (2026-02-30, 25:00). */
function utc(
  year: number,
  month: number,
  day: number,
  hours: number,
  minutes: number,
  seconds: number,
  milliseconds: number,
  offsetMinutes: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hours, minutes, seconds, milliseconds);
  if (new Date(local).getUTCDate() !== day) return undefined;
  return local - offsetMinutes * 60_000;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 to text (UTF-8), or undefined when it is not base64. No DOM or Node here. */
function base64Decode(text: string): string | undefined {
  let end = text.length;
  while (end > 0 && text[end - 1] === '=') end--;
  const clean = text.slice(0, end);
  const bytes: number[] = [];
  let bits = 0;
  let collected = 0;
  for (const char of clean) {
    const value = BASE64.indexOf(char);
    if (value < 0) return undefined;
    bits = (bits << 6) | value;
    collected += 6;
    if (collected >= 8) {
      collected -= 8;
      bytes.push((bits >> collected) & 0xff);
    }
  }
  try {
    return decodeURIComponent(bytes.map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''));
  } catch {
    return undefined;
  }
}
