import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fetchMetadataSchema, type FetchResult } from '../../client/metadata/fetchMetadataSchema';
import { parseMetadataSchema } from '../../service';

/**
 * The GraphQL request of "Labelbox: Fetch Metadata Schema from Labelbox", against a local
 * HTTP server that answers as Labelbox's API does.
 */

const KEY = 'lb-test-key-0123456789abcdef';
const ANSWER = readFileSync(resolve(__dirname, '../fixtures/metadata/ontology-answer.json'), 'utf8');

interface Received {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: Received, response: ServerResponse) => void;
let handler: Handler;
let received: Received[] = [];
let server: Server;
let endpoint: string;

before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      handler(entry, response);
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function answer(status: number, body: string, contentType = 'application/json'): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'Content-Type': contentType });
    response.end(body);
  };
}

async function fetchWith(respond: Handler, options: { timeoutMs?: number; signal?: AbortSignal; endpoint?: string } = {}): Promise<FetchResult> {
  handler = respond;
  received = [];
  return fetchMetadataSchema({
    apiKey: KEY,
    endpoint: options.endpoint ?? endpoint,
    timeoutMs: options.timeoutMs ?? 5000,
    signal: options.signal,
    userAgent: 'labelbox-import-vscode/test',
  });
}

function failure(result: FetchResult, expected: string): string {
  assert.equal(result.ok, false, 'expected a failure');
  const failed = result as Extract<FetchResult, { ok: false }>;
  assert.equal(failed.failure, expected, failed.message);
  assert.ok(!failed.message.includes(KEY), 'the key never appears in a message');
  return failed.message;
}

test("sends the SDK's metadata-ontology query with the key as a bearer token, and returns the file to write", async () => {
  const result = await fetchWith(answer(200, ANSWER));
  assert.ok(result.ok, result.ok ? '' : result.message);
  const [request] = received;
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/graphql');
  assert.equal(request.headers.authorization, `Bearer ${KEY}`);
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers['user-agent'], 'labelbox-import-vscode/test');
  const query = (JSON.parse(request.body) as { query: string }).query.replace(/\s+/g, ' ');
  assert.match(query, /^query \w+ \{ customMetadataOntology \{ id name kind reserved options \{ id kind name reserved \} \} \}$/);
  // The file: the answer, pretty-printed, readable as a schema file.
  assert.deepEqual(JSON.parse(result.fileText), JSON.parse(ANSWER));
  assert.match(result.fileText, /^\{\n {2}"data": \{\n {4}"customMetadataOntology": \[/);
  assert.ok(result.fileText.endsWith('}\n'));
  assert.equal(result.customFieldCount, 4);
  assert.ok(parseMetadataSchema(result.fileText).ok);
});

test('a rejected key: HTTP 401, or an AUTHENTICATION_ERROR in the answer', async () => {
  assert.match(failure(await fetchWith(answer(401, '{"message":"Unauthorized"}')), 'auth'), /^Labelbox rejected the API key\./);
  const graphql = JSON.stringify({ errors: [{ message: 'Not authenticated', extensions: { code: 'AUTHENTICATION_ERROR' } }], data: null });
  assert.match(failure(await fetchWith(answer(200, graphql)), 'auth'), /rejected the API key/);
  const forbidden = JSON.stringify({ errors: [{ message: 'Missing permission', extensions: { code: 'AUTHORIZATION_ERROR' } }], data: null });
  assert.match(failure(await fetchWith(answer(200, forbidden)), 'auth'), /may not read your organization's metadata schema: Missing permission/);
});

test('a timeout is reported in time and plainly', async () => {
  const started = Date.now();
  const message = failure(await fetchWith(() => undefined, { timeoutMs: 300 }), 'timeout');
  assert.ok(Date.now() - started < 2000);
  assert.match(message, /^Labelbox \(127\.0\.0\.1:\d+\) did not answer within 300 ms\. Try again later/);
});

test('no network: a refused connection and an unknown host', async () => {
  const closed = createServer();
  await new Promise<void>((ready) => closed.listen(0, '127.0.0.1', ready));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((done) => closed.close(done));
  assert.match(
    failure(await fetchWith(answer(200, ANSWER), { endpoint: `http://127.0.0.1:${port}/graphql` }), 'network'),
    /^Could not reach Labelbox at 127\.0\.0\.1:\d+: the connection was refused\.$/,
  );
  assert.match(failure(await fetchWith(answer(200, ANSWER), { endpoint: 'https://labelbox-api.invalid/graphql' }), 'network'), /could not be resolved/);
});

test('an unexpected answer: HTML, JSON without the schema, a broken schema', async () => {
  assert.match(
    failure(await fetchWith(answer(200, '<html>Sign in</html>', 'text/html; charset=utf-8')), 'answer'),
    /is not JSON \(text\/html\)\. Is labelboxImport\.apiEndpoint/,
  );
  assert.match(failure(await fetchWith(answer(200, '{"data":{"user":{}}}')), 'answer'), /has no metadata schema \(no data\.customMetadataOntology list\)/);
  assert.match(failure(await fetchWith(answer(200, '{"data":{"customMetadataOntology":[{"id":"x"}]}}')), 'answer'), /cannot be read: Field 1 needs a "name"/);
  assert.match(failure(await fetchWith(answer(404, 'Not found', 'text/plain')), 'http'), /answered HTTP 404 Not Found\. Is labelboxImport\.apiEndpoint/);
});

test('GraphQL errors and server errors', async () => {
  const errors = JSON.stringify({ errors: [{ message: 'Cannot query field "customMetadataOntology"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
  assert.equal(failure(await fetchWith(answer(400, errors)), 'graphql'), 'Labelbox answered with an error: Cannot query field "customMetadataOntology".');
  assert.match(failure(await fetchWith(answer(502, 'Bad gateway', 'text/plain')), 'http'), /answered HTTP 502 Bad Gateway\. The service may be down/);
  assert.match(failure(await fetchWith(answer(429, '{}')), 'http'), /too many requests/);
});

test('the key is only sent over https (or to this machine), and cancelling stops the request', async () => {
  assert.match(failure(await fetchWith(answer(200, ANSWER), { endpoint: 'http://api.example.com/graphql' }), 'endpoint'), /must be an https:\/\/ URL/);
  assert.equal(received.length, 0);
  assert.match(failure(await fetchWith(answer(200, ANSWER), { endpoint: 'not a url' }), 'endpoint'), /is not a URL/);
  const controller = new AbortController();
  const pending = fetchWith(() => undefined, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  failure(await pending, 'cancelled');
});
