import { describe, expect, it } from 'vitest';
import { clientAddress, parseProxyTrust } from './client-address.ts';

const from = (peer: string, forwarded?: string) => ({
  headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  socket: { remoteAddress: peer },
});

describe('KREDO_TRUST_PROXY', () => {
  it('reads off, a hop count or a list of addresses and ranges', () => {
    for (const off of ['', 'off', 'false', '0', ' no ']) expect(parseProxyTrust(off)).toBe(false);
    expect(parseProxyTrust('2')).toBe(2);
    expect(parseProxyTrust('10.0.0.0/8, 192.0.2.7,loopback')).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
      'loopback',
    ]);
    expect(parseProxyTrust('2001:db8::/32')).toEqual(['2001:db8::/32']);
  });

  it('names what it cannot read, and will not trust every peer', () => {
    expect(() => parseProxyTrust('11')).toThrow('must count at most 10 proxies, got 11');
    expect(() => parseProxyTrust('true')).toThrow(/name the proxies .* or count them/);
    expect(() => parseProxyTrust('10.0.0.0/8,proxy.example.com')).toThrow(
      '"proxy.example.com" is not an IP address, a CIDR range or loopback/linklocal/uniquelocal',
    );
    expect(() => parseProxyTrust('10.0.0.0/33')).toThrow(/"10.0.0.0\/33" is not/);
  });
});

describe('the client’s address', () => {
  it('is the socket’s peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(from('198.51.100.9', '203.0.113.1'), false)).toBe('198.51.100.9');
  });

  it('is what a trusted proxy forwarded, and a peer outside the list is not believed', () => {
    const trust = parseProxyTrust('10.0.0.0/8');
    expect(clientAddress(from('10.1.2.3', '203.0.113.1'), trust)).toBe('203.0.113.1');
    expect(clientAddress(from('198.51.100.9', '203.0.113.1'), trust)).toBe('198.51.100.9');
    // What the client wrote left of the proxy's entry is its own claim: the proxy's entry counts.
    expect(clientAddress(from('10.1.2.3', '1.1.1.1, 203.0.113.1'), trust)).toBe('203.0.113.1');
    // Behind two proxies of the list, the walk goes on to the client.
    expect(clientAddress(from('10.1.2.3', '203.0.113.1, 10.9.9.9'), trust)).toBe('203.0.113.1');
  });

  it('walks as many hops as counted, and no further', () => {
    expect(clientAddress(from('192.0.2.1', '1.1.1.1, 203.0.113.1'), 1)).toBe('203.0.113.1');
    expect(clientAddress(from('192.0.2.1', '1.1.1.1, 203.0.113.1, 10.0.0.1'), 2)).toBe('203.0.113.1');
    // A request that passed fewer proxies than counted ends at its leftmost entry.
    expect(clientAddress(from('192.0.2.1'), 1)).toBe('192.0.2.1');
  });
});
