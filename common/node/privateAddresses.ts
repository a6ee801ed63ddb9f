/**
 * Addresses a file must not make the extension or the command line reach: this machine,
 * link-local (cloud metadata services live there), private networks, and addresses that are
 * not hosts. Used by the preview's fetches and by the asset access check.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** A row is meant for Labelbox, which cannot read them either. */
const PRIVATE_NETWORKS = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is of this machine, a private or link-local network, or no host at all. IPv4 written in IPv6 counts as IPv4. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE_NETWORKS.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class BlockedAddressError extends Error {}

/** What the preview says of such an address. */
export const PREVIEW_REFUSAL = 'the preview does not fetch from there (nor could Labelbox)';

/** The error for a blocked address; `consequence` says what is not done. */
export function refusal(host: string, address: string, consequence = PREVIEW_REFUSAL): BlockedAddressError {
  return new BlockedAddressError(
    `${host} is ${host === address ? 'an address' : `at ${address}, an address`} of this computer or a private network; ${consequence}.`,
  );
}

/** DNS lookup that refuses a name resolving to a blocked address, checked when connecting (so a name cannot change its answer in between). */
export function guardedLookup(host: string, isBlocked: (address: string) => boolean, consequence = PREVIEW_REFUSAL): LookupFunction {
  return (hostname: string, options: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, options, (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      const blocked = addresses.find(isBlocked);
      if (blocked) return callback(refusal(host, blocked, consequence), address, family);
      callback(null, address, family);
    });
  };
}
