/**
 * Local HTTPS servers that answer like the buckets and CDNs import files point at, for the
 * asset access check's tests and benchmark. The certificate is made when the servers start
 * (selfsigned: pure JavaScript over WebCrypto), for 127.0.0.1, 127.0.0.2, 127.0.0.3 and
 * localhost; Linux routes all of 127/8 to this machine, so three hosts come without DNS.
 * A second certificate that nobody trusts serves the TLS failure.
 *
 * Routes (any query string is accepted):
 *   /ok.png, /img/<name>   200 image/png, Access-Control-Allow-Origin echoing the Origin
 *   /missing               404            /denied   403            /error   500
 *   /flaky                 429 (Retry-After: 0) the first time each URL is asked, then as /ok.png
 *   /slow                  never answers  /to-http  302 to http://…/ok.png
 *   /page                  200 text/html  /nocors   200 image/png without CORS headers
 *   /no-head               405 to HEAD, 206 to GET
 *   /signed                403 to HEAD, 206 to GET (a URL signed for GET, as S3's are)
 *   /get-cors              HEAD without CORS headers, GET with them (an S3 CORS rule for GET only)
 *   /busy                  429 with Retry-After: 3600, always
 *   /to-link-local         302 to https://169.254.169.254/ (a cloud metadata service's address)
 *   /app-only              200 image/png, CORS headers for https://app.labelbox.com only
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';

export interface RequestRecord {
  host: string;
  method: string;
  path: string;
  origin?: string;
  range?: string;
  at: number;
}

export interface AssetServer {
  host: string;
  port: number;
  base: string;
  inFlight: number;
  maxInFlight: number;
  requests: RequestRecord[];
}

export interface AssetServers {
  /** The trusted certificate (PEM): pass it as `ca`, or write it to a file for NODE_EXTRA_CA_CERTS. */
  ca: string;
  servers: AssetServer[];
  /** A server whose certificate nobody trusts. */
  untrusted: AssetServer;
  /** A plain-http server (the target of /to-http). */
  plain: AssetServer;
  /** The biggest number of requests in flight at once over all servers. */
  maxInFlightOverall: () => number;
  /** Requests open right now (a request the client gave up on closes with its socket). */
  inFlightNow: () => number;
  allRequests: () => RequestRecord[];
  reset: () => void;
  close: () => Promise<void>;
}

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function certificate(hosts: string[]): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'labelbox-import test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 60_000),
    notAfterDate: new Date(Date.now() + 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [...hosts.map((ip) => ({ type: 7 as const, ip })), { type: 2 as const, value: 'localhost' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

export interface AssetServerOptions {
  hosts?: string[];
  /** How late an image is answered, in milliseconds (so that concurrent requests overlap). */
  delayMs?: number;
}

export async function startAssetServers({ hosts = ['127.0.0.1', '127.0.0.2', '127.0.0.3'], delayMs = 2 }: AssetServerOptions = {}): Promise<AssetServers> {
  const trusted = await certificate(hosts);
  const stranger = await certificate(hosts);
  const state = { inFlight: 0, maxInFlight: 0 };
  const asked = new Set<string>();
  const all: Array<{ server: http.Server; sockets: Set<Socket> }> = [];
  let plain: AssetServer | undefined;

  const listen = async (host: string, make: (handler: http.RequestListener) => http.Server): Promise<AssetServer> => {
    const record: AssetServer = { host, port: 0, base: '', inFlight: 0, maxInFlight: 0, requests: [] };
    const server = make((request, response) => handle(request, response, record));
    const sockets = new Set<Socket>();
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.on('tlsClientError', () => undefined);
    all.push({ server, sockets });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    record.port = (server.address() as AddressInfo).port;
    record.base = `${make === plainServer ? 'http' : 'https'}://${host}:${record.port}`;
    return record;
  };

  const handle = (request: http.IncomingMessage, response: http.ServerResponse, record: AssetServer) => {
    const path = (request.url ?? '/').split('?')[0];
    const origin = request.headers.origin;
    record.requests.push({ host: record.host, method: request.method ?? '', path: request.url ?? '', origin, range: request.headers.range, at: Date.now() });
    record.inFlight++;
    state.inFlight++;
    record.maxInFlight = Math.max(record.maxInFlight, record.inFlight);
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      record.inFlight--;
      state.inFlight--;
    };
    // Counted out as the answer is written (the client cannot have it before), or when the client gives up.
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => http.ServerResponse;
    response.writeHead = ((...args: unknown[]) => (finish(), writeHead(...args))) as typeof response.writeHead;
    response.on('close', finish);
    const cors = origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
    const image = (headers: http.OutgoingHttpHeaders = cors, status = request.headers.range ? 206 : 200) => {
      // A little later, so that concurrent requests overlap and the bound is really tested.
      setTimeout(() => {
        response.writeHead(status, { 'content-type': 'image/png', 'content-length': PNG_HEADER.length, ...headers });
        response.end(request.method === 'HEAD' ? undefined : PNG_HEADER);
      }, delayMs);
    };
    switch (true) {
      case path === '/ok.png' || path.startsWith('/img/'):
        return image();
      case path === '/missing':
        return void response.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
      case path === '/denied':
        return void response.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
      case path === '/error':
        return void response.writeHead(500).end();
      case path === '/flaky': {
        const key = `${record.base}${request.url}`;
        if (asked.has(key)) return image();
        asked.add(key);
        return void response.writeHead(429, { 'retry-after': '0' }).end();
      }
      case path === '/to-link-local':
        return void response.writeHead(302, { location: 'https://169.254.169.254/latest/meta-data/' }).end();
      case path === '/app-only':
        return image(origin === 'https://app.labelbox.com' ? cors : {});
      case path === '/busy':
        return void response.writeHead(429, { 'retry-after': '3600' }).end();
      case path === '/slow':
        return; // never answers; the socket stays open until the client gives up
      case path === '/to-http':
        return void response.writeHead(302, { location: `${plain!.base}/ok.png` }).end();
      case path === '/page':
        return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...cors }).end('<html><body>Sign in</body></html>');
      case path === '/nocors':
        return image({});
      case path === '/no-head':
        return request.method === 'HEAD' ? void response.writeHead(405).end() : image(cors, 206);
      case path === '/signed':
        return request.method === 'HEAD' ? void response.writeHead(403).end() : image(cors, 206);
      case path === '/get-cors':
        return image(request.method === 'HEAD' ? {} : cors);
      default:
        return void response.writeHead(404).end();
    }
  };

  const servers: AssetServer[] = [];
  for (const host of hosts) servers.push(await listen(host, (handler) => https.createServer({ ...trusted, keepAlive: true }, handler)));
  const untrusted = await listen(hosts[0], (handler) => https.createServer(stranger, handler));
  plain = await listen(hosts[0], plainServer);
  const everyServer = [...servers, untrusted, plain];
  return {
    ca: trusted.cert,
    servers,
    untrusted,
    plain,
    maxInFlightOverall: () => state.maxInFlight,
    inFlightNow: () => state.inFlight,
    allRequests: () => everyServer.flatMap((server) => server.requests).sort((a, b) => a.at - b.at),
    reset: () => {
      state.maxInFlight = state.inFlight;
      asked.clear();
      for (const server of everyServer) {
        server.requests = [];
        server.maxInFlight = server.inFlight;
      }
    },
    close: async () => {
      for (const { server, sockets } of all) {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

function plainServer(handler: http.RequestListener): http.Server {
  return http.createServer(handler);
}
