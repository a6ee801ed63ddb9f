/**
 * The asset access check's benchmark (common/node/assetAccess/): URLs per second against local
 * HTTPS servers in another process (bench/assetServerProcess.ts, keep-alive, a certificate made
 * at start), 10,000 URLs over three hosts, at the default bounds and at 64/16; the most requests
 * the servers saw in flight; and how long a cancel takes to return and to leave no request open.
 * Part of `npm run bench` (skip it with --no-access), or alone:
 * `node --import tsx bench/assetAccess.ts [--runs 3] [--urls 10000]`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { checkAssets } from '../common/node/assetAccess/checkAssets';
import type { AccessTarget } from '../common/assetAccess';

interface Stats {
  maxInFlight: number;
  maxPerHost: number;
  inFlight: number;
  requests: number;
}

class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly ca: string,
    readonly bases: string[],
  ) {}

  static start(delayMs: number): Promise<ServerProcess> {
    const child = fork(resolve(__dirname, 'assetServerProcess.ts'), [String(delayMs)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolveStart, reject) => {
      child.once('message', (message: { ca: string; bases: string[] }) => resolveStart(new ServerProcess(child, message.ca, message.bases)));
      child.once('exit', (code) => reject(new Error(`the asset servers exited (${code})`)));
    });
  }

  private ask<T>(type: string): Promise<T> {
    return new Promise((resolveAnswer) => {
      this.child.once('message', (message: T) => resolveAnswer(message));
      this.child.send({ type });
    });
  }

  stats(): Promise<Stats> {
    return this.ask<Stats>('stats');
  }

  reset(): Promise<void> {
    return this.ask('reset');
  }

  close(): Promise<void> {
    return new Promise((resolveClose) => {
      this.child.once('exit', () => resolveClose());
      this.child.send({ type: 'close' });
    });
  }
}

function targets(bases: string[], count: number, path: (index: number) => string): AccessTarget[] {
  return Array.from({ length: count }, (_, index) => {
    const url = `${bases[index % bases.length]}${path(index)}`;
    return { url, fetchUrl: url, expect: 'image', role: 'row_data' };
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function throughput(servers: ServerProcess, urls: number, bounds: { concurrency: number; perHost: number }, runs: number): Promise<string> {
  const rates: number[] = [];
  let stats: Stats | undefined;
  for (let run = 0; run < runs; run++) {
    await servers.reset();
    const list = targets(servers.bases, urls, (index) => `/img/${run}-${index}.png`);
    const started = performance.now();
    const { results } = await checkAssets(list, {
      ...bounds,
      timeoutMs: 15_000,
      origins: ['https://app.labelbox.com'],
      allowPrivateAddresses: true,
      ca: servers.ca,
    });
    const seconds = (performance.now() - started) / 1000;
    if (results.length !== urls || !results.every((result) => result.verdict.ok)) throw new Error(`${results.length} results, not all reachable`);
    rates.push(urls / seconds);
    stats = await servers.stats();
  }
  return `| ${bounds.concurrency} / ${bounds.perHost} | ${Math.round(median(rates)).toLocaleString('en-US')} | ${rates.map((rate) => Math.round(rate).toLocaleString('en-US')).join(', ')} | ${stats!.maxInFlight} (at most ${stats!.maxPerHost} on one host) |`;
}

/** From the abort to the call's return, and to the servers seeing no request open. */
async function cancelTimes(servers: ServerProcess, runs: number): Promise<string> {
  const returned: number[] = [];
  const quiet: number[] = [];
  for (let run = 0; run < runs; run++) {
    await servers.reset();
    const controller = new AbortController();
    const checking = checkAssets(
      targets(servers.bases, 3000, (index) => `/slow?${run}-${index}`),
      { concurrency: 16, perHost: 4, timeoutMs: 60_000, origins: [], allowPrivateAddresses: true, ca: servers.ca, signal: controller.signal },
    );
    // Let every slot fill with a request that never ends.
    for (let stats = await servers.stats(); stats.inFlight < 12; stats = await servers.stats()) await new Promise((done) => setTimeout(done, 10));
    const aborted = performance.now();
    controller.abort();
    await checking;
    returned.push(performance.now() - aborted);
    while ((await servers.stats()).inFlight > 0) await new Promise((done) => setTimeout(done, 1));
    quiet.push(performance.now() - aborted);
  }
  return `Cancel with 12 requests open and 2,988 waiting: the call returns ${median(returned).toFixed(1)} ms after the abort, and the servers see no request open after ${median(quiet).toFixed(1)} ms (medians of ${runs}; slowest ${Math.max(...quiet).toFixed(1)} ms).`;
}

export async function measureAssetAccess(runs = 3, urls = 10_000): Promise<void> {
  console.log('\n## Asset access check\n');
  console.log(
    `Load average before: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(
        ', ',
      )}. ${urls.toLocaleString('en-US')} distinct URLs over three hosts (127.0.0.1-3), HEAD requests over HTTPS with keep-alive; the servers run in another process.\n`,
  );
  for (const delayMs of [0, 20]) {
    const servers = await ServerProcess.start(delayMs);
    try {
      console.log(`Each answer ${delayMs} ms late:\n`);
      console.log('| bounds (overall / per host) | URLs/s (median) | runs | most in flight seen by the servers |');
      console.log('|---|---|---|---|');
      console.log(await throughput(servers, urls, { concurrency: 16, perHost: 4 }, runs));
      console.log(await throughput(servers, urls, { concurrency: 64, perHost: 16 }, runs));
      console.log('');
      if (delayMs === 0) console.log(`${await cancelTimes(servers, 5)}\n`);
    } finally {
      await servers.close();
    }
  }
  console.log(
    `Load average after: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}.`,
  );
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  measureAssetAccess(option('--runs', 3), option('--urls', 10_000)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
