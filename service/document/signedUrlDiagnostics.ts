import type { SignedUrlForm } from '../../common/signedUrls';
import type { ImportDiagnostic } from '../diagnostic';
import type { RuleCode, Severity } from '../rules';
import type { SignedUrlFact } from '../validation/signedUrlFact';
import type { ImportDocument, RowEntry } from './importDocument';
import { formatCount } from '../../common/formatCount';

/**
 * The problems that depend on the clock: signed URLs that have expired, or expire within the
 * "expiring soon" window, as of `now`. Row checks keep only the moments (RowFacts.signedUrls);
 * the comparison with `now` happens here, so an incremental check equals a fresh one for the
 * same `now`, and an open file's verdict changes as time passes without an edit.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** Where each form keeps its expiry, as messages name it. */
export const EXPIRY_PARAMETERS: Readonly<Record<SignedUrlForm, string>> = {
  'aws-v4': 'X-Amz-Date + X-Amz-Expires',
  'aws-v2': 'Expires',
  'gcs-v4': 'X-Goog-Date + X-Goog-Expires',
  'gcs-v2': 'Expires',
  'azure-sas': 'se',
  'cloudfront-canned': 'Expires',
  'cloudfront-custom': 'Policy (DateLessThan)',
};

/**
 * The rows whose signed URLs are expired, expiring soon or not valid yet as of `now`, in file
 * order. When they are a good part of the file (a file of URLs signed long ago), walking the
 * rows in order is cheaper than gathering and sorting them.
 */
function dueRows(document: ImportDocument, now: number, expiringSoonMs: number): readonly RowEntry[] {
  const limit = now + Math.max(0, expiringSoonMs);
  const expiries = document.expiries;
  const starting = document.starts.rowsAfter(now);
  if (expiries.countBefore(limit) * 4 > document.rows.length) {
    return document.rows.filter((entry) => starting.has(entry) || entry.facts.signedUrls?.some((fact) => fact.expiresAt < limit));
  }
  const rows = expiries.rowsExpiringBefore(limit);
  for (const entry of starting) rows.add(entry);
  return [...rows].sort((a, b) => a.start - b.start);
}

type SignedUrlCode = 'signed-url-expired' | 'signed-url-not-yet-valid' | 'signed-url-expiring-soon';

/** What a URL is as of `now`: expired, not valid yet, expiring soon, or nothing to say. */
function verdictOf(fact: SignedUrlFact, now: number, expiringSoonMs: number): SignedUrlCode | undefined {
  if (fact.expiresAt <= now) return 'signed-url-expired';
  if (fact.startsAt !== undefined && fact.startsAt > now) return 'signed-url-not-yet-valid';
  return fact.expiresAt - now < expiringSoonMs ? 'signed-url-expiring-soon' : undefined;
}

export function* signedUrlDiagnostics(
  document: ImportDocument,
  now: number,
  expiringSoonMs: number,
  wants: (code: RuleCode, severity: Severity) => boolean,
): IterableIterator<ImportDiagnostic> {
  for (const entry of dueRows(document, now, expiringSoonMs)) {
    for (const fact of entry.facts.signedUrls ?? []) {
      const code = verdictOf(fact, now, expiringSoonMs);
      const severity = code === 'signed-url-expired' ? 'warning' : 'information';
      // Placed only when kept: past the cap, a problem is just counted.
      if (!code || !wants(code, severity)) continue;
      document.locateSignedUrls(entry);
      const message =
        code === 'signed-url-expired'
          ? expiredMessage(fact, now)
          : code === 'signed-url-not-yet-valid'
            ? notYetValidMessage(fact, now)
            : expiringSoonMessage(fact, now, expiringSoonMs);
      yield { ...placeOf(document, entry, fact), severity, code, message };
    }
  }
}

function notYetValidMessage(fact: SignedUrlFact, now: number): string {
  const start = fact.startsAt ?? now;
  return `This signed URL is valid only from ${utcText(start)}, in ${durationText(start - now)} (its ${fact.form === 'azure-sas' ? 'st' : 'Policy (DateGreaterThan)'}), until ${utcText(fact.expiresAt)}. Until then the storage service refuses it, and a labeler who opens the row sees no asset.`;
}

/** The URL's string in the text; the row's asset key or first character if it could not be found. */
function placeOf(document: ImportDocument, entry: RowEntry, fact: SignedUrlFact): { offset: number; length: number } {
  if (fact.offset >= 0) return { offset: entry.start + fact.offset, length: fact.length };
  const assetKey = document.locate(entry).assetKey;
  return assetKey && assetKey.offset >= 0 ? { offset: entry.start + assetKey.offset, length: assetKey.length } : { offset: entry.start, length: 1 };
}

function expiredMessage(fact: SignedUrlFact, now: number): string {
  return `This signed URL expired on ${utcText(fact.expiresAt)}, ${durationText(now - fact.expiresAt)} ago (its ${EXPIRY_PARAMETERS[fact.form]}). Labelbox loads the asset each time a labeler opens the row: sign the URL again before the import.`;
}

function expiringSoonMessage(fact: SignedUrlFact, now: number, expiringSoonMs: number): string {
  const hours = Math.round((expiringSoonMs / HOUR) * 100) / 100;
  return `This signed URL expires on ${utcText(fact.expiresAt)}, in ${durationText(fact.expiresAt - now)} (its ${EXPIRY_PARAMETERS[fact.form]}; labelboxImport.signedUrls.expiringSoonHours is ${hours}). Labelbox loads the asset again each time a labeler opens the row, so it must still be valid then.`;
}

/** `2026-12-03 14:00 UTC`, with seconds when they are not zero. */
export function utcText(time: number): string {
  const iso = new Date(time).toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`} UTC`;
}

/** The unit a duration is shown in: minutes under 2 hours, hours under 2 days, days under 2 years, then years. */
function unitOf(duration: number): { size: number; name: string } {
  if (duration < 2 * HOUR) return { size: MINUTE, name: 'minute' };
  if (duration < 2 * DAY) return { size: HOUR, name: 'hour' };
  if (duration < 2 * YEAR) return { size: DAY, name: 'day' };
  return { size: YEAR, name: 'year' };
}

/** A duration in words, rounded down to its unit: "less than a minute", "1 minute", "9 hours", "12 years". */
export function durationText(duration: number): string {
  if (duration < MINUTE) return 'less than a minute';
  const { size, name } = unitOf(duration);
  const count = Math.floor(duration / size);
  return `${formatCount(count)} ${name}${count === 1 ? '' : 's'}`;
}

/**
 * When the problems `signedUrlDiagnostics` gives for `now` next change by themselves: a URL
 * expires, starts to be valid, enters the "expiring soon" window, or the time shown in a
 * message ("in 9 hours", "3 days ago") moves to its next value. Undefined when nothing ever will.
 */
export function nextSignedUrlChange(document: ImportDocument, now: number, expiringSoonMs: number): number | undefined {
  const soon = Math.max(0, expiringSoonMs);
  let next = Infinity;
  const consider = (time: number | undefined) => {
    if (time !== undefined && time > now && time < next) next = time;
  };
  consider(document.expiries.firstAfter(now));
  const entersWindow = document.expiries.firstAfter(now + soon);
  if (entersWindow !== undefined) consider(entersWindow - soon);
  consider(document.starts.firstAfter(now));
  // The shown time depends on the moment alone: one look per distinct moment, not per URL.
  for (const moment of document.expiries.momentsBefore(now + soon)) consider(now + untilTextChanges(moment - now));
  for (const moment of document.starts.momentsAfter(now)) consider(now + untilTextChanges(moment - now));
  return next === Infinity ? undefined : next;
}

/**
 * How long until the rounded duration shown for a URL changes. `left` > 0: time left, which
 * shrinks; `left` <= 0: time since it expired, which grows.
 */
function untilTextChanges(left: number): number {
  if (left > 0) {
    if (left < MINUTE) return left;
    const size = unitOf(left).size;
    return (left % size) + 1;
  }
  const since = -left;
  if (since < MINUTE) return MINUTE - since;
  const size = unitOf(since).size;
  return size - (since % size);
}
