/**
 * The PDF documents the preview shows are fetched by the extension and checked to be PDFs
 * before the page gets them: a server answering a PDF address with an HTML page gets nothing
 * shown (its scripts would run in an object pointed at the address).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPdf, loadDocument, MAX_DOCUMENT_BYTES } from '../../client/src/preview/documentLoader';
import { isPrivateAddress } from '../../client/src/preview/textFetcher';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
let server: Server;
let base = '';
let agent: Agent;
let folder = '';
const options = () => ({ agent, isBlockedAddress: (address: string) => address !== '127.0.0.1' && isPrivateAddress(address) });
const signal = new AbortController().signal;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'preview-documents-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const cert = readFileSync(join(folder, 'cert.pem'));
  agent = new Agent({ ca: cert });
  server = createServer({ key: readFileSync(join(folder, 'key.pem')), cert }, (request, response) => {
    if (request.url === '/lease.pdf') return void response.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
    if (request.url === '/page.pdf') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<script>new Image().src = "/beacon/script-ran"</script>');
    if (request.url === '/huge.pdf') {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.write(PDF);
      const piece = Buffer.alloc(1024 * 1024);
      let sent = 0;
      const write = () => {
        while (sent++ < 40) if (!response.write(piece)) return void response.once('drain', write);
        response.end();
      };
      return void write();
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
  agent.destroy();
  rmSync(folder, { recursive: true, force: true });
});

test('a PDF is fetched and handed over as bytes', async () => {
  assert.deepEqual(await loadDocument({ kind: 'remote', url: `${base}/lease.pdf` }, signal, options()), { status: 'loaded', bytes: PDF });
  const local = join(folder, 'local.pdf');
  writeFileSync(local, PDF);
  assert.deepEqual(await loadDocument({ kind: 'local', path: local }, signal), { status: 'loaded', bytes: PDF });
});

test('an address that answers with something else than a PDF shows nothing', async () => {
  assert.deepEqual(await loadDocument({ kind: 'remote', url: `${base}/page.pdf` }, signal, options()), {
    status: 'failed',
    reason: 'This address did not return a PDF document (the server called it text/html), so it is not shown.',
  });
  const local = join(folder, 'page.pdf');
  writeFileSync(local, '<html><script>alert(1)</script></html>');
  assert.deepEqual(await loadDocument({ kind: 'local', path: local }, signal), { status: 'failed', reason: 'This address did not return a PDF document, so it is not shown.' });
  assert.equal(isPdf(Buffer.concat([Buffer.alloc(1000, 0x20), PDF])), true, 'up to 1,024 bytes may come before the header');
  assert.equal(isPdf(Buffer.concat([Buffer.alloc(2000, 0x20), PDF])), false);
});

test('a document over the cap, a private address or a blocked one is not fetched', async () => {
  assert.deepEqual(await loadDocument({ kind: 'remote', url: `${base}/huge.pdf` }, signal, options()), {
    status: 'failed',
    reason: `The document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB: open it externally.`,
  });
  const refused = await loadDocument({ kind: 'remote', url: `${base}/lease.pdf` }, signal, { agent });
  assert.match(refused.status === 'failed' ? refused.reason : '', /an address of this computer or a private network/);
  assert.deepEqual(await loadDocument({ kind: 'blocked', reason: 'gs:// URLs are read by Labelbox.' }, signal), { status: 'failed', reason: 'gs:// URLs are read by Labelbox.' });
  assert.deepEqual(await loadDocument({ kind: 'local', path: '/dev/zero' }, signal), { status: 'failed', reason: 'It is a device, a pipe or a socket, not a file.' });
});
