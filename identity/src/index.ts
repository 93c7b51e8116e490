// @kredo/identity: Kredo's OpenID Connect server (oidc-provider on PostgreSQL). What core calls.
export { sweepExpired } from './adapter/payload-adapter.ts';
export {
  AUDIT_TYPES,
  type AuditActor,
  type AuditEvent,
  AuditInputError,
  type AuditRecord,
  listAudit,
  recordAudit,
} from './audit/audit-log.ts';
export {
  type ApiClient,
  ApiClientInputError,
  createApiClient,
  listApiClients,
  type NewApiClient,
  putApiClient,
  revokeApiClient,
} from './clients/api-clients.ts';
export { migrateIdentity } from './db/migrate.ts';
export type { Queryable } from './db/queryable.ts';
export { type Rotation, rotateKeys } from './keys/key-store.ts';
export {
  createIdentityProvider,
  type IdentityOptions,
  type IdentityProvider,
} from './provider/create-identity-provider.ts';
export { type AccountClaims, type FindAccountClaims, ROLES, type Role } from './provider/token-claims.ts';
export { DEFAULT_TTL, type IdentityTtl, keyGrace } from './provider/ttl.ts';
export {
  type IdentityServer,
  type IdentityServerOptions,
  startIdentityServer,
} from './server/start-identity-server.ts';
