import type { Request, Server } from '@hapi/hapi';
import { clientAddress, type ProxyTrust } from '@kredo/identity';

declare module '@hapi/hapi' {
  interface RequestApplicationState {
    /** The client's address: the peer's, or what trusted proxies forwarded (KREDO_TRUST_PROXY). */
    clientIp: string;
  }
}

/**
 * Works out every request's client address once, on arrival: behind a reverse proxy the socket's
 * peer is the proxy, so per-IP limits would count every client as one. Only the proxies `trust`
 * names (or counts) are believed; X-Forwarded-For from anyone else is ignored (identity's
 * client-address.ts, on proxy-addr).
 */
export function registerClientIp(server: Server, trust: ProxyTrust): void {
  server.ext('onRequest', (request, h) => {
    const origin = { headers: request.headers, socket: { remoteAddress: request.info.remoteAddress } };
    request.app.clientIp = clientAddress(origin, trust);
    return h.continue;
  });
}

/** The client's address (registerClientIp): what per-IP limits and audit records use. */
export function clientIpOf(request: Request): string {
  return request.app.clientIp;
}
