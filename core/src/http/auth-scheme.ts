import Boom from '@hapi/boom';
import type { Server } from '@hapi/hapi';
import { InvalidToken, type TokenVerifier } from '../auth/principal.ts';

declare module '@hapi/hapi' {
  interface RequestApplicationState {
    /** Why the token was refused, for the request log only (the 401 says no more than its message). */
    tokenRefusal?: string;
  }
}

/**
 * Bearer authentication for every route unless it opts out (`auth: false`). Scopes use hapi's own
 * `auth.access.scope` check, so a route states what it needs and hapi answers 403 otherwise.
 */
export function registerAuth(server: Server, verifier: TokenVerifier | undefined): void {
  server.auth.scheme('kredo-bearer', () => ({
    async authenticate(request, h) {
      const header = request.headers.authorization;
      if (!header) throw Boom.unauthorized('Missing bearer token', 'Bearer');
      const match = /^Bearer\s+(\S+)$/i.exec(String(header));
      if (!match?.[1]) throw Boom.unauthorized('Authorization must be "Bearer <token>"', 'Bearer');
      if (!verifier) throw Boom.unauthorized('No token verifier is configured', 'Bearer');
      try {
        const principal = await verifier.verify(match[1]);
        return h.authenticated({ credentials: { scope: principal.scopes, user: principal } });
      } catch (error) {
        if (error instanceof InvalidToken) {
          request.app.tokenRefusal = error.reason;
          throw Boom.unauthorized(error.message, 'Bearer');
        }
        throw error;
      }
    },
  }));
  server.auth.strategy('kredo', 'kredo-bearer');
  server.auth.default('kredo');
}
