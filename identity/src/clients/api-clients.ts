import { randomBytes } from 'node:crypto';
import { AUDIT_TYPES, type AuditActor } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { newClientSecret, sha256Of } from './client-secret.ts';
import { listTenantClients, revokeTenantClient } from './client-table.ts';

export interface ApiClient {
  clientId: string;
  tenantId: string;
  name: string;
  /** The API scopes it may ask for; a token carries those it asked for among them. */
  scopes: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

export interface NewApiClient extends ApiClient {
  /** Shown once: only its hash is stored. */
  clientSecret: string;
}

/** Thrown for input that cannot make a client; the message names the field. */
export class ApiClientInputError extends Error {
  override name = 'ApiClientInputError';
}

const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/; // RFC 6749 scope-token: printable ASCII but space, " and \

/**
 * A confidential client for an integration of `tenantId`, with client credentials and these scopes,
 * recorded in the audit log as done `by` someone in the same statement (both or neither).
 */
export async function createApiClient(
  db: Queryable,
  input: { tenantId: string; name: string; scopes: string[] },
  by: AuditActor,
): Promise<NewApiClient> {
  const { name, scopes } = checkClientInput(input);
  const clientId = `cli_${randomBytes(12).toString('hex')}`;
  const { secret, sha256 } = newClientSecret();
  const { rows } = await db.query<ClientRow>(
    `with created as (
       insert into identity.client (client_id, tenant_id, name, scopes, secret_sha256)
       values ($1, $2, $3, $4, $5) returning client_id, tenant_id, name, scopes, created_at, revoked_at
     ), audited as (
       insert into identity.audit_event (type, tenant_id, actor_id, subject_id, ip, details)
       select $6, tenant_id, $7, client_id, $8, jsonb_build_object('name', name, 'scopes', to_jsonb(scopes))
       from created
     )
     select * from created`,
    [clientId, input.tenantId, name, scopes, sha256, AUDIT_TYPES.apiClientCreated, by.actorId, by.ip],
  );
  return { ...apiClientFromRow(rows[0] as ClientRow), clientSecret: secret };
}

/**
 * A client with an id and secret the caller chose, created or put back as given (un-revoked):
 * for a fixed client such as the demo's ERP, whose secret the caller can print on every start.
 */
export async function putApiClient(
  db: Queryable,
  input: { clientId: string; clientSecret: string; tenantId: string; name: string; scopes: string[] },
): Promise<void> {
  const { name, scopes } = checkClientInput(input);
  if (!/^cli_[\w-]{4,60}$/.test(input.clientId))
    throw new ApiClientInputError('clientId: cli_ and 4 to 60 letters');
  if (input.clientSecret.length < 32) throw new ApiClientInputError('clientSecret: at least 32 characters');
  await db.query(
    `insert into identity.client (client_id, tenant_id, name, scopes, secret_sha256)
     values ($1, $2, $3, $4, $5)
     on conflict (client_id) do update set tenant_id = excluded.tenant_id, name = excluded.name,
       scopes = excluded.scopes, secret_sha256 = excluded.secret_sha256, revoked_at = null`,
    [input.clientId, input.tenantId, name, scopes, sha256Of(input.clientSecret)],
  );
}

/** The tenant's clients, revoked ones included (marked), oldest first, optionally a page after `after`. */
export async function listApiClients(
  db: Queryable,
  tenantId: string,
  page: { after?: string; limit?: number } = {},
): Promise<ApiClient[]> {
  return (await listTenantClients<ClientRow>(db, 'identity.client', tenantId, page)).map(apiClientFromRow);
}

/**
 * Revokes a client of the tenant: it gets no token from now on. Audited `api_client.revoked` in the
 * same statement, the first time only. False when the tenant has no such client.
 */
export function revokeApiClient(
  db: Queryable,
  tenantId: string,
  clientId: string,
  by: AuditActor,
): Promise<boolean> {
  return revokeTenantClient(
    db,
    'identity.client',
    { tenantId, clientId, auditType: AUDIT_TYPES.apiClientRevoked },
    by,
  );
}

export interface ClientRow {
  client_id: string;
  tenant_id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
}

export function apiClientFromRow(row: ClientRow): ApiClient {
  return {
    clientId: row.client_id,
    tenantId: row.tenant_id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** The tenant, name and scopes every client of a tenant needs, checked; the message names the field. */
export function checkClientInput(input: { tenantId: string; name: string; scopes: string[] }) {
  const name = input.name.trim();
  if (!input.tenantId) throw new ApiClientInputError('tenantId: required');
  if (!name || name.length > 200) throw new ApiClientInputError('name: 1 to 200 characters');
  const bad = input.scopes.find((scope) => !SCOPE.test(scope));
  if (bad !== undefined) throw new ApiClientInputError(`scopes: "${bad}" is not a scope`);
  if (input.scopes.length === 0) throw new ApiClientInputError('scopes: at least one');
  return { name, scopes: [...new Set(input.scopes)] };
}
