/**
 * "Will Labelbox be able to load this asset?": what the asset access check asks of each URL
 * and what it concludes, shared by the checker (common/node/assetAccess/), the language
 * server, the client, the command line and the gallery. Pure: no Node, no DOM.
 */
import { isAddress, type AttachmentKind, type RowModel, type TiledModel } from './preview/rowModel';
import { schemeOf } from './urls';
import { formatCount } from './formatCount';

/** What a URL is expected to serve, from the row's media type or the attachment's type. */
export type ExpectedContent = 'image' | 'video' | 'audio' | 'text' | 'html' | 'pdf' | 'json' | 'any';

export type AccessFailure =
  | 'not-found'
  | 'access-denied'
  | 'expired'
  | 'timeout'
  | 'tls'
  | 'unreachable'
  | 'insecure-redirect'
  | 'content-type'
  | 'cors'
  | 'server-error'
  | 'rate-limited'
  | 'http-error';

export const ACCESS_FAILURES: readonly AccessFailure[] = [
  'not-found',
  'access-denied',
  'expired',
  'timeout',
  'tls',
  'unreachable',
  'insecure-redirect',
  'content-type',
  'cors',
  'server-error',
  'rate-limited',
  'http-error',
];

/** The rule code a failure is reported under. */
export const ACCESS_RULE_CODES: Readonly<Record<AccessFailure, string>> = {
  'not-found': 'asset-not-found',
  'access-denied': 'asset-access-denied',
  expired: 'asset-expired',
  timeout: 'asset-timeout',
  tls: 'asset-tls-error',
  unreachable: 'asset-unreachable',
  'insecure-redirect': 'asset-insecure-redirect',
  'content-type': 'asset-content-type',
  cors: 'asset-cors-missing',
  'server-error': 'asset-server-error',
  'rate-limited': 'asset-rate-limited',
  'http-error': 'asset-http-error',
};

/** Short words for a summary line. */
export const ACCESS_FAILURE_NAMES: Readonly<Record<AccessFailure, string>> = {
  'not-found': 'not found',
  'access-denied': 'access denied',
  expired: 'expired',
  timeout: 'timed out',
  tls: 'TLS error',
  unreachable: 'unreachable',
  'insecure-redirect': 'redirect to http://',
  'content-type': 'wrong content type',
  cors: 'no CORS for Labelbox',
  'server-error': 'server error',
  'rate-limited': 'rate limited',
  'http-error': 'other HTTP error',
};

export type AccessVerdict =
  | { ok: true; status: number; contentType?: string }
  | { ok: false; reason: AccessFailure; detail: string; status?: number }
  /** Not asked from here: an address of this computer or a private network (Labelbox's labelers may still reach it). */
  | { ok: false; reason: 'not-checked'; detail: string };

/** A URL's verdict with when it was reached (milliseconds since 1970). */
export interface AccessResult {
  url: string;
  verdict: AccessVerdict;
  checkedAt: number;
}

/** One URL to check: `url` as the file writes it, `fetchUrl` what is requested (one tile of a tile template). */
export interface AccessTarget {
  url: string;
  fetchUrl: string;
  expect: ExpectedContent;
  /** Where the file uses it, for messages: "row_data", "attachment (IMAGE)", "tile layer". */
  role: string;
}

/** The longest URL the check requests or a message carries. */
export const MAX_CHECKED_URL_LENGTH = 8 * 1024;
/** Text from a server quoted in a verdict is cut to this. */
export const MAX_DETAIL_LENGTH = 300;

/** A server's text made safe to show: no control characters, at most MAX_DETAIL_LENGTH. */
export function cleanDetail(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing them is the point
  const plain = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return plain.length > MAX_DETAIL_LENGTH ? `${plain.slice(0, MAX_DETAIL_LENGTH - 1)}…` : plain;
}

const EXPECT_OF_MEDIA_TYPE = new Map<string, ExpectedContent>([
  ['IMAGE', 'image'],
  ['VIDEO', 'video'],
  ['AUDIO', 'audio'],
  ['TEXT', 'text'],
  ['HTML', 'html'],
  ['PDF', 'pdf'],
  ['CONVERSATIONAL', 'json'],
  ['TMS_GEO', 'image'],
  ['TMS_SIMPLE', 'image'],
]);

const EXPECT_OF_ATTACHMENT: Readonly<Record<AttachmentKind, ExpectedContent>> = {
  image: 'image',
  overlay: 'image',
  video: 'video',
  audio: 'audio',
  markdown: 'text',
  textUrl: 'text',
  html: 'html',
  pdf: 'pdf',
  camera: 'any',
  unknown: 'any',
};

/** The URLs a row makes Labelbox load: its asset (one tile of a tile template) and its attachments. */
export function accessTargetsOfRow(model: RowModel): AccessTarget[] {
  const targets: AccessTarget[] = [];
  const add = (url: string, expect: ExpectedContent, role: string, fetchUrl = url) => targets.push({ url, fetchUrl, expect, role });
  const asset = model.asset;
  const assetExpect = (model.mediaType && EXPECT_OF_MEDIA_TYPE.get(model.mediaType)) || 'any';
  switch (asset.kind) {
    case 'image':
    case 'video':
    case 'audio':
    case 'html':
      add(asset.url, asset.kind === 'html' ? 'html' : assetExpect === 'any' ? asset.kind : assetExpect, 'row_data');
      break;
    case 'dicom':
    case 'unknown':
      if (asset.url) add(asset.url, 'any', 'row_data');
      break;
    case 'pdf':
      add(asset.url, 'pdf', 'row_data');
      if (asset.textLayerUrl) add(asset.textLayerUrl, 'json', 'text layer');
      break;
    case 'textUrl':
      add(asset.url, 'text', 'row_data');
      break;
    case 'conversationUrl':
      add(asset.url, 'json', 'row_data');
      break;
    case 'tiled':
      for (const layer of asset.tiled.layers) add(layer.url, 'image', 'tile layer', oneTileOf(layer.url, asset.tiled));
      break;
    default:
      break;
  }
  for (const attachment of model.attachments) {
    // Text to show (RAW_TEXT, a TEXT with words) is not loaded from anywhere.
    if (attachment.problem || attachment.kind === 'markdown' || !isAddress(attachment.value)) continue;
    add(attachment.value, EXPECT_OF_ATTACHMENT[attachment.kind], `attachment (${attachment.type})`);
  }
  return targets;
}

/**
 * One tile of a tile template ({z}/{x}/{y}): the tile at the middle of the bounds at the lowest
 * zoom, so that it exists in a pyramid that covers only the bounds. Without bounds, tile 0/0/0
 * at the lowest zoom.
 */
export function oneTileOf(template: string, tiled: Pick<TiledModel, 'bounds' | 'minZoom' | 'maxNativeZoom' | 'crs' | 'tileSize'>): string {
  const zoom = Math.max(0, Math.min(tiled.minZoom ?? 0, 22));
  let x = 0;
  let y = 0;
  if (tiled.bounds && tiled.crs !== 'Simple') {
    const lat = (tiled.bounds[0][0] + tiled.bounds[1][0]) / 2;
    const lng = (tiled.bounds[0][1] + tiled.bounds[1][1]) / 2;
    const n = 2 ** zoom;
    const latRad = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
    x = Math.floor(((lng + 180) / 360) * n);
    y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
    x = Math.max(0, Math.min(n - 1, x));
    y = Math.max(0, Math.min(n - 1, y));
  }
  return template.replace(/\{z\}/gi, String(zoom)).replace(/\{x\}/gi, String(x)).replace(/\{y\}/gi, String(y)).replace(/\{s\}/gi, 'a');
}

/** Whether a URL can be requested from here, or why not (a reason for the summary). */
export function checkabilityOf(url: string): { checkable: true } | { checkable: false; reason: string } {
  const scheme = schemeOf(url);
  if (url.length > MAX_CHECKED_URL_LENGTH) return { checkable: false, reason: `longer than ${formatCount(MAX_CHECKED_URL_LENGTH)} characters` };
  switch (scheme) {
    case 'https':
      return /^https:\/\/[^/?#\s]/i.test(url) ? { checkable: true } : { checkable: false, reason: 'not a complete https URL' };
    case 'gs':
    case 's3':
      return {
        checkable: false,
        reason: `${scheme}:// is a cloud bucket path: only Labelbox can read it, through the bucket's IAM delegated access, and nothing here can sign it`,
      };
    case 'http':
      return { checkable: false, reason: 'http:// is not requested (Labelbox expects https://, see insecure-url)' };
    case 'data':
      return { checkable: false, reason: 'a data: URL holds its content, there is nothing to request' };
    case undefined:
      return { checkable: false, reason: 'a file path, not a URL Labelbox can load' };
    default:
      return { checkable: false, reason: `${scheme}: URLs are not requested` };
  }
}

/** The host of an https URL as a summary groups it ("(no host)" when it has none). */
export function hostOf(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(url);
  return match?.[1]?.toLowerCase() || '(no host)';
}

/** Per host: how many URLs were checked, and how many failed for each reason. */
export interface HostSummary {
  host: string;
  checked: number;
  failed: number;
  notChecked: number;
  reasons: Map<AccessFailure | 'not-checked', number>;
}

export function summarizeByHost(results: Iterable<{ url: string; verdict: AccessVerdict }>): HostSummary[] {
  const hosts = new Map<string, HostSummary>();
  for (const { url, verdict } of results) {
    const host = hostOf(url);
    let summary = hosts.get(host);
    if (!summary) hosts.set(host, (summary = { host, checked: 0, failed: 0, notChecked: 0, reasons: new Map() }));
    if (!verdict.ok && verdict.reason === 'not-checked') {
      summary.notChecked++;
      summary.reasons.set('not-checked', (summary.reasons.get('not-checked') ?? 0) + 1);
      continue;
    }
    summary.checked++;
    if (verdict.ok) continue;
    summary.failed++;
    summary.reasons.set(verdict.reason, (summary.reasons.get(verdict.reason) ?? 0) + 1);
  }
  return [...hosts.values()].sort((a, b) => b.failed - a.failed || b.checked - a.checked || (a.host < b.host ? -1 : 1));
}

const FAILURE_ORDER = Object.keys(ACCESS_FAILURE_NAMES) as AccessFailure[];

/** One line per host: "cdn.example.com: 120 checked, 3 failed (2 not found, 1 access denied)". */
export function summaryLines(summaries: readonly HostSummary[]): string[] {
  return summaries.map((summary) => {
    // The most frequent first, then in the table's order: never the order the answers came in.
    const reasons = [...summary.reasons]
      .filter(([reason]) => reason !== 'not-checked')
      .sort(([a, countA], [b, countB]) => countB - countA || FAILURE_ORDER.indexOf(a as AccessFailure) - FAILURE_ORDER.indexOf(b as AccessFailure))
      .map(([reason, count]) => `${formatCount(count)} ${ACCESS_FAILURE_NAMES[reason as AccessFailure]}`);
    const failed = summary.failed ? `, ${formatCount(summary.failed)} failed (${reasons.join(', ')})` : ', all reachable';
    const notChecked = summary.notChecked ? `, ${formatCount(summary.notChecked)} not checked from here` : '';
    return `${summary.host}: ${formatCount(summary.checked)} checked${summary.checked ? failed : ''}${notChecked}`;
  });
}

/** Whether a verdict is one the problems list shows. */
export function isAccessFailure(verdict: AccessVerdict): verdict is Extract<AccessVerdict, { ok: false; reason: AccessFailure }> {
  return !verdict.ok && verdict.reason !== 'not-checked';
}

/** Types that say nothing about the content: never reported. */
const UNTELLING_TYPES = new Set([
  'application/octet-stream',
  'binary/octet-stream',
  'application/x-download',
  'application/force-download',
  'application/unknown',
]);

/** Whether a Content-Type fits what the URL should serve (a missing or generic type always fits). */
export function contentTypeFits(expect: ExpectedContent, contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!type || expect === 'any' || UNTELLING_TYPES.has(type)) return true;
  const [family, subtype = ''] = type.split('/');
  switch (expect) {
    case 'image':
      return family === 'image';
    case 'video':
      // HLS and DASH playlists are videos too.
      return family === 'video' || /mpegurl|dash\+xml/.test(subtype);
    case 'audio':
      // An audio track in an MP4, WebM or Ogg container is often served as video/*.
      return family === 'audio' || family === 'video';
    case 'text':
      return (family === 'text' && subtype !== 'html') || /json|xml|csv|markdown/.test(subtype);
    case 'html':
      return subtype === 'html' || subtype === 'xhtml+xml';
    case 'pdf':
      return subtype === 'pdf';
    case 'json':
      return /json/.test(subtype) || type === 'text/plain';
  }
}

/** Results per message from the client to the server. */
export const MAX_RESULTS_PER_BATCH = 5000;
