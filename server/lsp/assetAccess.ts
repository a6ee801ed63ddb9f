import {
  ACCESS_FAILURES,
  ACCESS_RULE_CODES,
  cleanDetail,
  isAccessFailure,
  MAX_CHECKED_URL_LENGTH,
  MAX_RESULTS_PER_BATCH,
  type AccessResult,
  type AccessVerdict,
} from '../../common/assetAccess';
import { AssetAccessResultsNotification, AssetUrlsRequest, type AssetUrlsResult } from '../../common/protocol';
import type { AccessResultCache } from './accessResultCache';
import { runOnImportFile } from './runSafe';
import type { ServerContext } from './serverContext';

/**
 * The server's part of "Labelbox: Check Asset Access": it lists a file's URLs for the client,
 * which requests them, and keeps the results the client sends back; every open import file
 * then shows the failures where it uses the URLs. The server itself requests nothing.
 */
export function registerAssetAccess(context: ServerContext, cache: AccessResultCache): void {
  const { connection, documents, diagnostics } = context;
  connection.onRequest(AssetUrlsRequest, (params, token) =>
    runOnImportFile(context, token, params.uri, null, 'assetUrls', (_tracked, document): AssetUrlsResult => {
      const targets = context.service.assetAccessTargets(document);
      const known: AccessResult[] = [];
      const urls: AssetUrlsResult['urls'] = [];
      for (const entry of targets.urls) {
        const result = cache.get(entry.url);
        if (result) known.push({ url: result.url, verdict: result.verdict, checkedAt: result.checkedAt });
        else urls.push(entry);
      }
      return { urls, notCheckable: targets.notCheckable, known };
    }),
  );
  connection.onNotification(AssetAccessResultsNotification, (params) => {
    const results = params.results.slice(0, MAX_RESULTS_PER_BATCH).flatMap((result) => {
      const verdict = verdictOf(result.verdict);
      return verdict && typeof result.url === 'string' && result.url.length <= MAX_CHECKED_URL_LENGTH
        ? [{ url: result.url, verdict, checkedAt: Number(result.checkedAt) || Date.now() }]
        : [];
    });
    cache.add(results, Math.max(0, Math.min(params.keepMinutes, 24 * 60)) * 60_000 || 1000);
    if (!results.some((result) => isAccessFailure(result.verdict))) return;
    for (const tracked of documents.all()) if (tracked.importDocument) diagnostics.schedule(tracked);
  });
}

const REASONS = new Set<string>([...ACCESS_FAILURES, 'not-checked']);

/** A verdict from the client, rebuilt from known fields only (unknown reasons dropped, texts cleaned). */
function verdictOf(value: unknown): AccessVerdict | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const verdict = value as Record<string, unknown>;
  const status = typeof verdict.status === 'number' && Number.isInteger(verdict.status) ? verdict.status : undefined;
  if (verdict.ok === true) return { ok: true, status: status ?? 200 };
  if (verdict.ok !== false || typeof verdict.reason !== 'string' || !REASONS.has(verdict.reason)) return undefined;
  const detail = cleanDetail(typeof verdict.detail === 'string' ? verdict.detail : '');
  if (verdict.reason === 'not-checked') return { ok: false, reason: 'not-checked', detail };
  const reason = verdict.reason as keyof typeof ACCESS_RULE_CODES;
  return status === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, status };
}
