/**
 * The preview's text fetcher against a local https server (a certificate made for the test
 * with openssl): the 1 MB cap, the time limit, https-only redirects, errors, cancelling, and
 * no address of this machine or a private network. The server listens on 127.0.0.1, which the
 * fetcher refuses by default: the tests allow that one address (`agent` and `isBlockedAddress`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeLimited, fetchText, DEFAULT_FETCH_LIMITS, isPrivateAddress } from '../../client/preview/textFetcher';

let server: Server;
let plain: HttpServer;
let base = '';
let plainBase = '';
let agent: Agent;
let folder = '';
let requests = 0;
let hugeWritten = -1;
/** The test server's address, and no other private one. */
const isBlockedAddress = (address: string) => address !== '127.0.0.1' && isPrivateAddress(address);

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'preview-fetch-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(folder, 'key.pem'),
      '-out',
      join(folder, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(folder, 'cert.pem'));
  agent = new Agent({ ca: cert });
  server = createServer({ key: readFileSync(join(folder, 'key.pem')), cert }, (request, response) => {
    requests++;
    const path = request.url ?? '/';
    if (path === '/notes.txt') return void response.end('Plot 14 was re-seeded.\n');
    if (path === '/huge.txt') {
      // 3 MB, sent in pieces: the fetcher must stop reading after the first megabyte.
      response.writeHead(200, { 'content-type': 'text/plain' });
      const piece = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      response.on('close', () => (hugeWritten = sent));
      const write = () => {
        while (sent < 48) {
          sent++;
          if (!response.write(piece)) return void response.once('drain', write);
        }
        response.end();
      };
      return void write();
    }
    if (path === '/slow.txt') return void setTimeout(() => response.end('late'), 3000);
    if (path === '/to-http') return void response.writeHead(302, { location: `${plainBase}/notes.txt` }).end();
    if (path === '/to-notes') return void response.writeHead(301, { location: '/notes.txt' }).end();
    if (path === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
    if (path === '/utf8.txt') return void response.end(Buffer.from('Ünïcödé ✓', 'utf8'));
    if (path.startsWith('/redirect?')) return void response.writeHead(302, { location: decodeURIComponent(path.slice('/redirect?'.length)) }).end();
    response.writeHead(403, 'Forbidden').end('no');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  plain = createHttpServer((_request, response) => {
    requests++;
    response.end('plain http');
  });
  await new Promise<void>((done) => plain.listen(0, '127.0.0.1', done));
  plainBase = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
  plain.close();
  agent.destroy();
  rmSync(folder, { recursive: true, force: true });
});

test('fetches a text over https', async () => {
  assert.deepEqual(await fetchText(`${base}/notes.txt`, { agent, isBlockedAddress }), { text: 'Plot 14 was re-seeded.\n', truncated: false });
  assert.deepEqual(await fetchText(`${base}/utf8.txt`, { agent, isBlockedAddress }), { text: 'Ünïcödé ✓', truncated: false });
});

test('keeps the first megabyte of a longer text and stops reading', async () => {
  const started = Date.now();
  const result = await fetchText(`${base}/huge.txt`, { agent, isBlockedAddress });
  assert.equal(result.truncated, true);
  assert.equal(result.text.length, DEFAULT_FETCH_LIMITS.maxBytes);
  assert.equal(DEFAULT_FETCH_LIMITS.maxBytes, 1024 * 1024);
  assert.ok(Date.now() - started < 5000);
  await new Promise((done) => setTimeout(done, 100));
  assert.ok(hugeWritten >= 16 && hugeWritten < 48, `the server wrote ${hugeWritten} of 48 pieces`);
});

test('gives up after the time limit', async () => {
  const started = Date.now();
  await assert.rejects(fetchText(`${base}/slow.txt`, { agent, isBlockedAddress, limits: { timeoutMs: 300 } }), /No answer within 0\.3 s\./);
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
});

test('fetches https only, redirects included, and no request is made for http', async () => {
  const before = requests;
  await assert.rejects(fetchText(`${plainBase}/notes.txt`, { agent, isBlockedAddress }), /Only https:\/\/ URLs are fetched; this one is http:\/\/\./);
  assert.equal(requests, before, 'an http request was made');
  await assert.rejects(fetchText('ftp://example.com/a.txt'), /Only https:\/\//);
  await assert.rejects(fetchText('not a url'), /is not a valid URL/);
  await assert.rejects(fetchText(`${base}/to-http`, { agent, isBlockedAddress }), /Only https:\/\/ URLs are fetched/);
  assert.deepEqual(await fetchText(`${base}/to-notes`, { agent, isBlockedAddress }), { text: 'Plot 14 was re-seeded.\n', truncated: false });
  await assert.rejects(fetchText(`${base}/loop`, { agent, isBlockedAddress }), /Too many redirects/);
});

test('reports the status of a refused request, an untrusted certificate, and a cancel', async () => {
  await assert.rejects(fetchText(`${base}/private.txt`, { agent, isBlockedAddress }), /The server answered 403 Forbidden\./);
  await assert.rejects(fetchText(`${base}/notes.txt`, { isBlockedAddress }), /self-signed certificate/);
  const controller = new AbortController();
  const pending = fetchText(`${base}/slow.txt`, { agent, isBlockedAddress, signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(pending, /Cancelled\./);
});

test('decodeLimited cuts at the byte limit', () => {
  assert.deepEqual(decodeLimited(Buffer.from('abcdef'), 4), { text: 'abcd', truncated: true });
  assert.deepEqual(decodeLimited(Buffer.from('abc'), 4), { text: 'abc', truncated: false });
  assert.deepEqual(decodeLimited(Buffer.from('aé'), 2), { text: 'a\uFFFD', truncated: true });
});

test('addresses of this machine and of private networks are refused, before any request', async () => {
  const before = requests;
  const port = (server.address() as AddressInfo).port;
  for (const url of [
    `https://127.0.0.1:${port}/notes.txt`,
    `https://localhost:${port}/notes.txt`,
    `https://[::1]:${port}/notes.txt`,
    `https://[::ffff:127.0.0.1]:${port}/notes.txt`,
    `https://0x7f.1:${port}/notes.txt`,
  ]) {
    await assert.rejects(fetchText(url, { agent }), /an address of this computer or a private network; the preview does not fetch from there/, url);
  }
  assert.equal(requests, before, 'a request reached the server');
  for (const address of [
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:10.0.0.1',
  ]) {
    assert.equal(isPrivateAddress(address), true, address);
  }
  for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', 'example.com']) assert.equal(isPrivateAddress(address), false, address);
});

test('a redirect to a private address, or to a Location that is not a URL, is refused inside the time limit', async () => {
  const port = (server.address() as AddressInfo).port;
  for (const target of [
    `https://127.0.0.2:${port}/notes.txt`,
    'https://169.254.169.254/latest/meta-data/',
    'https://10.0.0.1/',
    `https://[::1]:${port}/notes.txt`,
  ]) {
    await assert.rejects(
      fetchText(`${base}/redirect?${encodeURIComponent(target)}`, { agent, isBlockedAddress }),
      /of this computer or a private network/,
      target,
    );
  }
  const started = Date.now();
  for (const location of ['https://[::1', 'https://exa mple.com/', 'http://%zz%%/']) {
    await assert.rejects(
      fetchText(`${base}/redirect?${encodeURIComponent(location)}`, { agent, isBlockedAddress, limits: { timeoutMs: 2000 } }),
      /which is not a URL\./,
      location,
    );
  }
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
});
