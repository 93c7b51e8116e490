import { randomBytes } from 'node:crypto';
import { AUDIT_TYPES, type AuditActor } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { newClientSecret, sha256Of } from './client-secret.ts';

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

/**
 * The tenant's clients, revoked ones included (marked), oldest first: all of them, or a page of
 * `limit` listed after the client `after` (a caller paging asks for one more than it shows).
 */
export async function listApiClients(
  db: Queryable,
  tenantId: string,
  page: { after?: string; limit?: number } = {},
): Promise<ApiClient[]> {
  const { rows } = await db.query<ClientRow>(
    `select client_id, tenant_id, name, scopes, created_at, revoked_at from identity.client
     where tenant_id = $1
       and ($2::text is null or (created_at, client_id) >
            (select created_at, client_id from identity.client where tenant_id = $1 and client_id = $2))
     order by created_at, client_id limit $3`,
    [tenantId, page.after ?? null, page.limit ?? null],
  );
  return rows.map(apiClientFromRow);
}

/**
 * Revokes a client of the tenant: it gets no token from now on. Recorded in the audit log as done
 * `by` someone, in the same statement, the first time only (revoking again changes nothing). False
 * when the tenant has no such client.
 */
export async function revokeApiClient(
  db: Queryable,
  tenantId: string,
  clientId: string,
  by: AuditActor,
): Promise<boolean> {
  const { rows } = await db.query<{ found: number }>(
    `with target as (
       select client_id, revoked_at from identity.client where tenant_id = $1 and client_id = $2 for update
     ), revoked as (
       update identity.client c set revoked_at = now() from target
       where c.client_id = target.client_id and target.revoked_at is null
       returning c.client_id, c.name
     ), audited as (
       insert into identity.audit_event (type, tenant_id, actor_id, subject_id, ip, details)
       select $3, $1, $4, client_id, $5, jsonb_build_object('name', name) from revoked
     )
     select count(*)::int as found from target`,
    [tenantId, clientId, AUDIT_TYPES.apiClientRevoked, by.actorId, by.ip],
  );
  return (rows[0]?.found ?? 0) > 0;
}

export interface ClientRow {
  client_id: string;
  tenant_id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
}

function apiClientFromRow(row: ClientRow): ApiClient {
  return {
    clientId: row.client_id,
    tenantId: row.tenant_id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

function checkClientInput(input: { tenantId: string; name: string; scopes: string[] }) {
  const name = input.name.trim();
  if (!input.tenantId) throw new ApiClientInputError('tenantId: required');
  if (!name || name.length > 200) throw new ApiClientInputError('name: 1 to 200 characters');
  const bad = input.scopes.find((scope) => !SCOPE.test(scope));
  if (bad !== undefined) throw new ApiClientInputError(`scopes: "${bad}" is not a scope`);
  if (input.scopes.length === 0) throw new ApiClientInputError('scopes: at least one');
  return { name, scopes: [...new Set(input.scopes)] };
}
