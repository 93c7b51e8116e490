import type { Request } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal.ts';
import type { Orm } from '../db/orm.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';

declare module '@hapi/hapi' {
  interface ServerApplicationState {
    orm: Orm;
  }
}

/** The request's EntityManager: scoped to the authenticated tenant under row-level security. */
export function requestEm(request: Request): EntityManager {
  return tenantEm(request.server.app.orm, principal(request).tenantId);
}

/**
 * Runs a read-only route's reads in one read-only transaction as the authenticated tenant: the tenant
 * is set once for all of them, rather than once per query as with `requestEm`.
 */
export function readForRequest<T>(request: Request, read: (em: EntityManager) => Promise<T>): Promise<T> {
  return readAsTenant(request.server.app.orm, principal(request).tenantId, read);
}

/** The authenticated caller, as the token verifier established it. */
export function principal(request: Request): Principal {
  return request.auth.credentials.user as Principal;
}

/** Validated route input: joi has checked it, this only names its type. */
export function input<T>(value: unknown): T {
  return value as T;
}
