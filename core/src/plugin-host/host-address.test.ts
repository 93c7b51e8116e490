import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './host-address.ts';

// Each row: an address, whether a plugin may connect to it, and why (the IANA special-purpose
// registries for IPv4 and IPv6, and the IPv4 address an IPv6 address carries).
const table: [address: string, reachable: boolean, why: string][] = [
  ['8.8.8.8', true, 'public IPv4'],
  ['93.184.216.34', true, 'public IPv4'],
  ['198.17.255.255', true, 'just below benchmarking'],
  ['198.20.0.0', true, 'just above benchmarking'],
  ['192.0.2.1', false, 'TEST-NET-1'],
  ['198.51.100.7', false, 'TEST-NET-2'],
  ['203.0.113.200', false, 'TEST-NET-3'],
  ['198.18.0.1', false, 'benchmarking 198.18.0.0/15'],
  ['198.19.255.254', false, 'benchmarking 198.18.0.0/15, second half'],
  ['192.88.99.1', false, '6to4 relay anycast'],
  ['255.255.255.255', false, 'limited broadcast'],
  ['192.0.0.9', false, 'IETF protocol assignments'],
  ['100.64.0.1', false, 'carrier-grade NAT'],
  ['127.0.0.1', false, 'loopback'],
  ['169.254.169.254', false, 'cloud metadata'],

  ['2606:4700:4700::1111', true, 'public IPv6'],
  ['2a00:1450:4001::1', true, 'public IPv6'],
  ['2001:4860:4860::8888', true, 'public IPv6 just above 2001::/23'],
  ['::1', false, 'loopback'],
  ['::', false, 'unspecified'],
  ['::7f00:1', false, 'IPv4-compatible (deprecated)'],
  ['100::1', false, 'discard 100::/64'],
  ['100::ffff:ffff:ffff:ffff', false, 'discard 100::/64, last address'],
  ['2001:db8::1', false, 'documentation 2001:db8::/32'],
  ['3fff::1', false, 'documentation 3fff::/20'],
  ['2001::1', false, 'Teredo 2001::/32'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', false, 'Teredo with an embedded public server'],
  ['2001:2::1', false, 'benchmarking 2001:2::/48'],
  ['64:ff9b:1::a00:1', false, 'local-use NAT64 64:ff9b:1::/48'],
  ['64:ff9b:1:ffff::808:808', false, 'local-use NAT64, any embedded address'],
  ['5f00::1', false, 'SRv6 SIDs, outside global unicast'],
  ['4000::1', false, 'unassigned, outside global unicast'],
  ['fd00::1', false, 'unique-local'],
  ['fe80::1%eth0', false, 'link-local with a zone'],
  ['ff02::1', false, 'multicast'],

  ['::ffff:127.0.0.1', false, 'IPv4-mapped loopback'],
  ['0:0:0:0:0:ffff:7f00:1', false, 'IPv4-mapped loopback, long form'],
  ['::ffff:8.8.8.8', true, 'IPv4-mapped public'],
  ['::ffff:0:127.0.0.1', false, 'SIIT loopback'],
  ['::ffff:0:7f00:1', false, 'SIIT loopback, hex'],
  ['::ffff:0:a9fe:a9fe', false, 'SIIT cloud metadata'],
  ['::ffff:0:8.8.8.8', true, 'SIIT public'],
  ['64:ff9b::127.0.0.1', false, 'NAT64 loopback'],
  ['64:ff9b::7f00:1', false, 'NAT64 loopback, hex'],
  ['64:ff9b::a00:1', false, 'NAT64 private'],
  ['64:ff9b::c000:201', false, 'NAT64 TEST-NET-1'],
  ['64:ff9b::8.8.8.8', true, 'NAT64 public'],
  ['2002:7f00:1::1', false, '6to4 of loopback'],
  ['2002:a00:1::', false, '6to4 of 10.0.0.1'],
  ['2002:a9fe:a9fe::1', false, '6to4 of cloud metadata'],
  ['2002:c633:6401::1', false, '6to4 of TEST-NET-2'],
  ['2002:808:808::1', true, '6to4 of a public address'],

  ['not-an-ip', false, 'not an address'],
  ['1:2:3:4:5:6:7:8:9', false, 'not an address'],
];

describe('isPublicAddress', () => {
  it.each(table)('%s → %s (%s)', (address, reachable) => {
    expect(isPublicAddress(address)).toBe(reachable);
  });
});
