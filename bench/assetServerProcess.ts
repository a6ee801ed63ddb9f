/**
 * The asset access benchmark's servers in a process of their own (test/support/assetServers.ts),
 * so that answering does not share the checker's thread. Driven over IPC: it sends
 * { ca, bases } once listening, then answers 'stats', 'reset' and 'close'.
 */
import { startAssetServers } from '../test/support/assetServers';

async function main(): Promise<void> {
  const delayMs = Number(process.argv[2] ?? '0');
  const servers = await startAssetServers({ delayMs });
  const send = (message: unknown) => process.send?.(message);
  send({ type: 'ready', ca: servers.ca, bases: servers.servers.map((server) => server.base) });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stats') {
      send({
        type: 'stats',
        maxInFlight: servers.maxInFlightOverall(),
        maxPerHost: Math.max(...servers.servers.map((server) => server.maxInFlight)),
        inFlight: servers.inFlightNow(),
        requests: servers.allRequests().length,
      });
    } else if (message.type === 'reset') {
      servers.reset();
      send({ type: 'reset' });
    } else if (message.type === 'close') {
      void servers.close().then(() => process.exit(0));
    }
  });
}

void main();
