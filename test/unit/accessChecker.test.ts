/**
 * The asset access check (common/node/assetAccess/) against local HTTPS servers with a
 * certificate made for the test (test/support/assetServers.ts): each kind of answer and its
 * verdict, retries, the concurrency bounds held over 10,000 URLs (measured by the servers),
 * and a cancel that starts nothing more and closes what runs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAssets, type CheckAssetsOptions } from '../../common/node/assetAccess/checkAssets';
import { HostLimiter } from '../../common/node/assetAccess/hostLimiter';
import { isPrivateAddress } from '../../common/node/privateAddresses';
import { accessTargetsOfRow, checkabilityOf, contentTypeFits, oneTileOf, summarizeByHost, summaryLines, type AccessTarget } from '../../common/assetAccess';
import { describeRow } from '../../common/preview/rowModel';
import { startAssetServers, type AssetServers } from '../support/assetServers';

let servers: AssetServers;
let base = '';

before(async () => {
  servers = await startAssetServers();
  base = servers.servers[0].base;
});

after(async () => {
  await servers.close();
});

const ORIGIN = 'https://app.labelbox.com';

function options(extra: Partial<CheckAssetsOptions> = {}): CheckAssetsOptions {
  return { concurrency: 16, perHost: 4, timeoutMs: 2000, origins: [ORIGIN], allowPrivateAddresses: true, ca: servers.ca, retry: { baseDelayMs: 5 }, ...extra };
}

function target(url: string, expect: AccessTarget['expect'] = 'image'): AccessTarget {
  return { url, fetchUrl: url, expect, role: 'row_data' };
}

async function verdictOf(path: string, extra: Partial<CheckAssetsOptions> = {}, expect: AccessTarget['expect'] = 'image') {
  const { results } = await checkAssets([target(`${base}${path}`, expect)], options(extra));
  assert.equal(results.length, 1);
  return results[0].verdict;
}

test('each answer gets its verdict', async () => {
  assert.deepEqual(await verdictOf('/ok.png'), { ok: true, status: 200, contentType: 'image/png' });
  const missing = await verdictOf('/missing');
  assert.ok(!missing.ok && missing.reason === 'not-found', JSON.stringify(missing));
  const denied = await verdictOf('/denied');
  assert.ok(!denied.ok && denied.reason === 'access-denied' && denied.status === 403, JSON.stringify(denied));
  const server = await verdictOf('/error');
  assert.ok(!server.ok && server.reason === 'server-error', JSON.stringify(server));
  const page = await verdictOf('/page');
  assert.ok(!page.ok && page.reason === 'content-type' && /text\/html/.test(page.detail), JSON.stringify(page));
  // An HTML page is what an HTML asset should be.
  assert.equal((await verdictOf('/page', {}, 'html')).ok, true);
  const nocors = await verdictOf('/nocors');
  assert.ok(!nocors.ok && nocors.reason === 'cors' && nocors.detail.includes(ORIGIN), JSON.stringify(nocors));
  assert.equal((await verdictOf('/nocors', { origins: [] })).ok, true, 'no origin: no CORS check');
  const toHttp = await verdictOf('/to-http');
  assert.ok(!toHttp.ok && toHttp.reason === 'insecure-redirect' && toHttp.detail.includes('http://'), JSON.stringify(toHttp));
  const slow = await verdictOf('/slow', { timeoutMs: 300 });
  assert.ok(!slow.ok && slow.reason === 'timeout', JSON.stringify(slow));
  const { results } = await checkAssets([target(`${servers.untrusted.base}/ok.png`)], options());
  assert.ok(!results[0].verdict.ok && results[0].verdict.reason === 'tls', JSON.stringify(results[0].verdict));
});

test('the origins after the first are asked once per host, with a GET', async () => {
  servers.reset();
  const editor = 'https://editor.labelbox.com';
  const { results } = await checkAssets([target(`${base}/app-only?1`), target(`${base}/app-only?2`)], options({ origins: [ORIGIN, editor], concurrency: 1 }));
  const verdicts = results.map((result) => result.verdict);
  assert.equal(verdicts.filter((verdict) => !verdict.ok && verdict.reason === 'cors' && verdict.detail.includes(editor)).length, 1, JSON.stringify(verdicts));
  assert.equal(verdicts.filter((verdict) => verdict.ok).length, 1);
  assert.equal(servers.allRequests().filter((request) => request.origin === editor).length, 1);
});

test('HEAD refused: a ranged GET of one byte; a URL signed for GET is asked with GET at once', async () => {
  servers.reset();
  assert.equal((await verdictOf('/no-head')).ok, true);
  const noHead = servers.allRequests().map((request) => `${request.method} ${request.range ?? ''}`.trim());
  assert.deepEqual(noHead, ['HEAD', 'GET bytes=0-0']);
  servers.reset();
  const signed =
    '/signed?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20300101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20300101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=abc';
  assert.equal((await verdictOf(signed)).ok, true);
  assert.deepEqual(
    servers.allRequests().map((request) => request.method),
    ['GET'],
  );
  // An S3 CORS rule that lists GET only: the HEAD has no CORS headers, the GET has them.
  assert.equal((await verdictOf('/get-cors')).ok, true);
});

test('every request carries the Origin', async () => {
  servers.reset();
  await verdictOf('/ok.png');
  const [request] = servers.allRequests();
  assert.equal(request.origin, ORIGIN);
});

test('an expired signed URL answered 403 is "expired", with the moment', async () => {
  const url =
    '/denied?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a&X-Amz-Date=20130721T201207Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=abc';
  const verdict = await verdictOf(url);
  assert.ok(!verdict.ok && verdict.reason === 'expired' && verdict.detail.includes('2013-07-22 20:12 UTC'), JSON.stringify(verdict));
});

test('429 is asked again after Retry-After; a Retry-After beyond the bound is not waited for', async () => {
  servers.reset();
  assert.equal((await verdictOf('/flaky')).ok, true);
  assert.equal(servers.allRequests().filter((request) => request.path === '/flaky').length, 2);
  servers.reset();
  const started = Date.now();
  const busy = await verdictOf('/busy', { retry: { maxRetryAfterMs: 1000 } });
  assert.ok(!busy.ok && busy.reason === 'rate-limited', JSON.stringify(busy));
  assert.equal(servers.allRequests().length, 1, 'asked once: an hour is beyond the bound');
  assert.ok(Date.now() - started < 60_000);
  servers.reset();
  await verdictOf('/error', { retry: { attempts: 3, baseDelayMs: 1 } });
  assert.equal(servers.allRequests().length, 3, '5xx: asked three times in all');
});

test('addresses of this machine are not requested unless allowed, and counted as not checked', async () => {
  servers.reset();
  const verdict = await verdictOf('/ok.png', { allowPrivateAddresses: false });
  assert.ok(!verdict.ok && verdict.reason === 'not-checked' && /private network/.test(verdict.detail), JSON.stringify(verdict));
  assert.equal(servers.allRequests().length, 0);
});

test('a redirect to a link-local address (a cloud metadata service) is not followed, as in the preview', async () => {
  servers.reset();
  const onlyTestServers = (address: string) => !address.startsWith('127.') && isPrivateAddress(address);
  let started = 0;
  const verdict = await verdictOf('/to-link-local', { allowPrivateAddresses: false, isBlockedAddress: onlyTestServers, onRequestStart: () => started++ });
  assert.ok(
    !verdict.ok && verdict.reason === 'not-checked' && /169\.254\.169\.254 is an address of this computer or a private network/.test(verdict.detail),
    JSON.stringify(verdict),
  );
  assert.equal(started, 1, 'only the first request was made');
});

test('10,000 distinct URLs over three hosts: the bounds are held (measured by the servers), every URL answered once', async () => {
  servers.reset();
  const targets: AccessTarget[] = [];
  for (let index = 0; index < 10_000; index++) targets.push(target(`${servers.servers[index % 3].base}/img/${index}.png`));
  // Repeated URLs are requested once.
  targets.push(targets[0], targets[1]);
  const { results, cancelled } = await checkAssets(targets, options({ concurrency: 16, perHost: 4 }));
  assert.equal(cancelled, false);
  assert.equal(results.length, 10_000);
  assert.ok(results.every((result) => result.verdict.ok));
  assert.equal(servers.allRequests().length, 10_000);
  for (const server of servers.servers) {
    assert.ok(server.maxInFlight <= 4, `${server.host}: ${server.maxInFlight} in flight at once`);
    assert.ok(server.maxInFlight >= 2, `${server.host}: the bound was never approached (${server.maxInFlight})`);
  }
  assert.ok(servers.maxInFlightOverall() <= 12, `${servers.maxInFlightOverall()} in flight at once`);
  // The overall bound below the per-host ones.
  servers.reset();
  await checkAssets(targets.slice(0, 900), options({ concurrency: 3, perHost: 4 }));
  assert.ok(servers.maxInFlightOverall() <= 3, `${servers.maxInFlightOverall()} in flight at once`);
});

test('cancel: nothing starts after it, every request open is closed, and the call returns with the results so far', async (t) => {
  servers.reset();
  const targets: AccessTarget[] = [];
  for (let index = 0; index < 3000; index++) {
    const server = servers.servers[index % 3];
    targets.push(target(index < 600 ? `${server.base}/img/c${index}.png` : `${server.base}/slow?${index}`));
  }
  const controller = new AbortController();
  let abortedAt = 0;
  let startedAfterAbort = 0;
  let started = 0;
  const checking = checkAssets(
    targets,
    options({
      timeoutMs: 60_000,
      signal: controller.signal,
      onRequestStart: () => {
        started++;
        if (abortedAt) startedAfterAbort++;
        // Abort once the fast URLs are done and the slow ones hold every slot.
        if (started === 612) setTimeout(() => ((abortedAt = performance.now()), controller.abort()), 50);
      },
    }),
  );
  const { results, cancelled } = await checking;
  const returnedMs = performance.now() - abortedAt;
  assert.ok(abortedAt > 0, 'aborted');
  assert.equal(cancelled, true);
  assert.equal(startedAfterAbort, 0);
  assert.ok(results.length >= 200 && results.length <= 600, `${results.length} results`);
  assert.ok(
    results.every((result) => result.verdict.ok),
    'no verdict for the cancelled requests',
  );
  // The servers see every socket closed (a cancelled request closes its connection).
  const deadline = Date.now() + 10_000;
  while (servers.inFlightNow() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(servers.inFlightNow(), 0);
  t.diagnostic(`returned ${returnedMs.toFixed(1)} ms after the abort; ${started} requests started`);
});

test('the limiter: per-host and overall bounds with hosts taking turns', async () => {
  const limiter = new HostLimiter({ total: 3, perHost: 2 });
  const running = new Map<string, number>();
  let max = 0;
  const maxOf = new Map<string, number>();
  const order: string[] = [];
  for (const host of ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'c']) {
    limiter.add(host, async () => {
      order.push(host);
      running.set(host, (running.get(host) ?? 0) + 1);
      maxOf.set(host, Math.max(maxOf.get(host) ?? 0, running.get(host)!));
      max = Math.max(
        max,
        [...running.values()].reduce((a, b) => a + b, 0),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
      running.set(host, running.get(host)! - 1);
    });
  }
  await limiter.idle();
  assert.equal(order.length, 8);
  assert.ok(max <= 3);
  assert.ok(maxOf.get('a')! <= 2);
  // b and c do not wait for all of a's tasks.
  assert.ok(order.indexOf('b') < 4 && order.indexOf('c') <= 4, order.join(''));
});

test('which URLs a row makes Labelbox load, and which cannot be checked from here', () => {
  const row = {
    row_data: {
      tile_layer_url: 'https://tiles.example.com/{z}/{x}/{y}.png',
      bounds: [
        [19.4, -99.22],
        [19.41, -99.21],
      ],
      min_zoom: 12,
      epsg: 'EPSG4326',
    },
    media_type: 'TMS_GEO',
    attachments: [
      { type: 'IMAGE_OVERLAY', value: 'https://cdn.example.com/overlay.png' },
      { type: 'TEXT_URL', value: 'https://cdn.example.com/notes.txt' },
      { type: 'RAW_TEXT', value: 'not a URL' },
    ],
  };
  const targets = accessTargetsOfRow(describeRow(row, undefined));
  assert.deepEqual(
    targets.map((entry) => [entry.fetchUrl, entry.expect]),
    [
      ['https://tiles.example.com/12/919/1822.png', 'image'],
      ['https://cdn.example.com/overlay.png', 'image'],
      ['https://cdn.example.com/notes.txt', 'text'],
    ],
  );
  assert.equal(targets[0].url, 'https://tiles.example.com/{z}/{x}/{y}.png');
  assert.equal(oneTileOf('https://t/{z}/{x}/{y}', { crs: 'EPSG3857' }), 'https://t/0/0/0');
  const gs = checkabilityOf('gs://bucket/image.jpg');
  assert.ok(!gs.checkable && /delegated access/.test(gs.reason));
  assert.ok(!checkabilityOf('s3://bucket/a.png').checkable);
  assert.ok(!checkabilityOf('images/a.png').checkable);
  assert.ok(checkabilityOf('https://cdn.example.com/a.png').checkable);
});

test('content types: what fits each kind of asset', () => {
  assert.equal(contentTypeFits('image', 'image/jpeg'), true);
  assert.equal(contentTypeFits('image', 'text/html; charset=utf-8'), false);
  assert.equal(contentTypeFits('image', 'application/octet-stream'), true, 'a generic type says nothing');
  assert.equal(contentTypeFits('image', undefined), true);
  assert.equal(contentTypeFits('video', 'application/vnd.apple.mpegurl'), true);
  assert.equal(contentTypeFits('audio', 'video/mp4'), true);
  assert.equal(contentTypeFits('text', 'text/html'), false);
  assert.equal(contentTypeFits('pdf', 'application/pdf'), true);
  assert.equal(contentTypeFits('json', 'application/json'), true);
  assert.equal(contentTypeFits('html', 'image/png'), false);
});

test('the summary groups by host, the failures first', () => {
  const summaries = summarizeByHost([
    { url: 'https://a.example.com/1', verdict: { ok: true, status: 200 } },
    { url: 'https://b.example.com/1', verdict: { ok: false, reason: 'not-found', detail: '' } },
    { url: 'https://b.example.com/2', verdict: { ok: false, reason: 'not-found', detail: '' } },
    { url: 'https://B.example.com/3', verdict: { ok: false, reason: 'cors', detail: '' } },
    { url: 'https://c.example.com/3', verdict: { ok: false, reason: 'not-checked', detail: '' } },
  ]);
  assert.deepEqual(summaryLines(summaries), [
    'b.example.com: 3 checked, 3 failed (2 not found, 1 no CORS for Labelbox)',
    'a.example.com: 1 checked, all reachable',
    'c.example.com: 0 checked, 1 not checked from here',
  ]);
  // Reasons of equal counts come in the table's order, whatever order the answers came in.
  const tied = (reasons: Array<'content-type' | 'insecure-redirect'>) =>
    summaryLines(
      summarizeByHost(reasons.map((reason, index) => ({ url: `https://d.example.com/${index}`, verdict: { ok: false as const, reason, detail: '' } }))),
    );
  assert.deepEqual(tied(['content-type', 'insecure-redirect']), ['d.example.com: 2 checked, 2 failed (1 redirect to http://, 1 wrong content type)']);
  assert.deepEqual(tied(['insecure-redirect', 'content-type']), tied(['content-type', 'insecure-redirect']));
});
