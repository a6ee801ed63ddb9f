import { MAX_V4_LIFETIME_SECONDS, readSignedUrlExpiry, SIGNED_URL_FORM_NAMES, type SignedUrlForm } from '../../../common/signedUrls';
import { pathTo } from '../../json/nodePath';
import type { RowCheck } from '../rowCheck';
import type { SignedUrlFact } from '../signedUrlFact';
import { hasUrlValue, urlNodesOf } from './urls';
import { formatCount } from '../../../common/formatCount';

const STATED_STARTS: ReadonlySet<SignedUrlForm> = new Set(['azure-sas', 'cloudfront-custom']);
const V4_FORMS: ReadonlySet<SignedUrlForm> = new Set(['aws-v4', 'gcs-v4']);

function hasQuery(url: string): boolean {
  return url.includes('?');
}

/**
 * Reads the expiry of every signed URL of the row (asset, tile layers, PDF, attachments) and
 * reports what does not depend on the clock: an expiry that cannot be read, and a V4 lifetime
 * over the 7 days AWS and Google allow.
 */
export function checkSignedUrls(check: RowCheck): void {
  // Only a URL with a query can be signed: most rows have none, and no node is made for them.
  if (hasUrlValue(check.value, hasQuery)) reportSignedUrlsOnTree(check);
}

/** checkSignedUrls on the row's tree, which decides and words each report and records the row's signed URLs. */
export function reportSignedUrlsOnTree(check: RowCheck): void {
  for (const node of urlNodesOf(check, hasQuery)) {
    const validity = readSignedUrlExpiry(node.value);
    if (!validity) continue;
    const formName = SIGNED_URL_FORM_NAMES[validity.form];
    if ('problem' in validity) {
      check.report(
        node,
        'signed-url-malformed-expiry',
        `This URL is signed (${formName}), but ${validity.problem}: the storage service will most likely refuse it.`,
      );
      continue;
    }
    if (V4_FORMS.has(validity.form) && validity.lifetimeSeconds !== undefined && validity.lifetimeSeconds > MAX_V4_LIFETIME_SECONDS) {
      const name = validity.form === 'gcs-v4' && node.value.toLowerCase().includes('x-goog-expires') ? 'X-Goog-Expires' : 'X-Amz-Expires';
      check.report(
        node,
        'signed-url-lifetime-too-long',
        `${name} is ${formatCount(validity.lifetimeSeconds)} seconds; a ${formName} is valid for at most ${formatCount(MAX_V4_LIFETIME_SECONDS)} (7 days), and the service refuses a longer one.`,
      );
    }
    const path = pathTo(node, check.node);
    if (!path) continue;
    const fact: SignedUrlFact = { path, offset: node.offset, length: node.length, form: validity.form, expiresAt: validity.expiresAt };
    // A V4 URL's date is when it was signed, not a documented start; Azure's st and CloudFront's DateGreaterThan are.
    if (validity.startsAt !== undefined && STATED_STARTS.has(validity.form)) fact.startsAt = validity.startsAt;
    (check.signedUrls ??= []).push(fact);
  }
}
