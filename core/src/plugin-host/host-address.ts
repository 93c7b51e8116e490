import { BlockList, isIP } from 'node:net';

/**
 * Which addresses a plugin's outbound request may connect to. IPv4: every address except the ranges
 * of the IANA IPv4 Special-Purpose Address Registry that are not globally reachable (and multicast,
 * reserved and broadcast). IPv6: only global unicast (2000::/3) outside the IANA IPv6 Special-Purpose
 * Address Registry's ranges, and addresses that carry an IPv4 address (IPv4-mapped, SIIT, NAT64, 6to4),
 * which are judged by that IPv4 address: `64:ff9b::7f00:1` is loopback however it is spelled.
 */
const blockedIpv4: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, '"this network"'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local, with the cloud metadata address 169.254.169.254'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation (TEST-NET-1)'],
  ['192.88.99.0', 24, 'deprecated 6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
  ['255.255.255.255', 32, 'limited broadcast'],
];

/** Inside global unicast (2000::/3), the special-purpose ranges a plugin may not reach. */
const blockedIpv6: readonly (readonly [string, number, string])[] = [
  ['2001::', 23, 'IETF protocol assignments: Teredo (2001::/32), benchmarking, ORCHID'],
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
];

/** IPv6 ranges whose addresses carry an IPv4 address: `at` is the group (of eight) where it starts. */
const ipv4Carriers: readonly (readonly [string, number, number, string])[] = [
  ['::ffff:0:0', 96, 6, 'IPv4-mapped'],
  ['::ffff:0:0:0', 96, 6, 'SIIT IPv4-translated'],
  ['64:ff9b::', 96, 6, 'NAT64 well-known prefix'],
  ['2002::', 16, 1, '6to4'],
];

const ipv4List = listOf(blockedIpv4, 'ipv4');
const ipv6List = listOf(blockedIpv6, 'ipv6');
const globalUnicast = listOf([['2000::', 3, 'global unicast']], 'ipv6');
const carriers = ipv4Carriers.map(([network, prefix, at]) => ({
  range: listOf([[network, prefix, '']], 'ipv6'),
  at,
}));

/** Whether `address` (an IP literal) is public enough for a plugin's outbound request. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !ipv4List.check(address, 'ipv4');
  if (family !== 6) return false;
  const groups = ipv6Groups(address);
  if (groups === undefined) return false;
  const canonical = groups.map((group) => group.toString(16)).join(':');
  const carrier = carriers.find((candidate) => candidate.range.check(canonical, 'ipv6'));
  if (carrier !== undefined) return !ipv4List.check(ipv4At(groups, carrier.at), 'ipv4');
  return globalUnicast.check(canonical, 'ipv6') && !ipv6List.check(canonical, 'ipv6');
}

function listOf(ranges: readonly (readonly [string, number, string])[], family: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, family);
  return list;
}

/** The dotted IPv4 address in groups `at` and `at + 1`. */
function ipv4At(groups: readonly number[], at: number): string {
  const high = groups[at] ?? 0;
  const low = groups[at + 1] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of an IPv6 literal (a trailing dotted IPv4 part becomes two groups). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => Number.parseInt(g, 16));
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff)
    ? groups
    : undefined;
}
