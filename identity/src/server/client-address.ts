import proxyaddr from 'proxy-addr';

/**
 * Which reverse proxies' X-Forwarded-For Kredo believes (KREDO_TRUST_PROXY): none (`false`), the
 * nearest `n` hops (a count), or the proxies at these addresses, CIDR ranges or proxy-addr's named
 * ranges (`loopback`, `linklocal`, `uniquelocal`).
 */
export type ProxyTrust = false | number | readonly string[];

const MAX_HOPS = 10;

/**
 * Reads KREDO_TRUST_PROXY: `off` (or empty, `false`, `0`), a hop count from 1 to 10, or
 * comma-separated addresses and ranges. Throws naming what is wrong; `true` is refused, since
 * trusting every peer lets any client choose the address it is counted under.
 */
export function parseProxyTrust(raw: string): ProxyTrust {
  const value = raw.trim();
  if (['', 'off', 'false', 'no', '0'].includes(value.toLowerCase())) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_HOPS) throw new Error(`must count at most ${MAX_HOPS} proxies, got ${hops}`);
    return hops;
  }
  if (['true', 'yes', 'on', '1'].includes(value.toLowerCase()))
    throw new Error('must name the proxies (addresses or CIDR ranges) or count them, not trust every peer');
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new Error(`"${entry}" is not an IP address, a CIDR range or loopback/linklocal/uniquelocal`);
    }
  }
  return entries;
}

type TrustCheck = (address: string, hop: number) => boolean;
const compiled = new Map<string, TrustCheck>();

function trustCheck(trust: ProxyTrust): TrustCheck {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  const key = trust.join(',');
  let check = compiled.get(key);
  if (!check) {
    check = proxyaddr.compile([...trust]);
    compiled.set(key, check);
  }
  return check;
}

/** What a request carries of its origin: the socket's peer and the headers the proxies added. */
export interface RequestOrigin {
  headers: Record<string, unknown>;
  socket: { remoteAddress?: string | undefined };
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the address it
 * forwarded, walking X-Forwarded-For from the right while each hop is trusted (proxy-addr). Entries
 * a client wrote itself, left of the first untrusted hop, are never believed.
 */
export function clientAddress(req: RequestOrigin, trust: ProxyTrust): string {
  const peer = req.socket.remoteAddress;
  if (!peer) return 'unknown';
  if (trust === false) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  const list = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  const headers = { 'x-forwarded-for': typeof list === 'string' ? list : undefined };
  // proxy-addr reads only these two fields of the request.
  const request = { headers, socket: { remoteAddress: peer }, connection: { remoteAddress: peer } };
  return proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trustCheck(trust));
}
