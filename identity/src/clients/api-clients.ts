import { randomBytes } from 'node:crypto';
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

export interface NewApiClient {
  clientId: string;
  /** Shown once: only its hash is stored. */
  clientSecret: string;
}

/** Thrown for input that cannot make a client; the message names the field. */
export class ApiClientInputError extends Error {
  override name = 'ApiClientInputError';
}

const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/; // RFC 6749 scope-token: printable ASCII but space, " and \

/** A confidential client for an integration of `tenantId`, with client credentials and these scopes. */
export async function createApiClient(
  db: Queryable,
  input: { tenantId: string; name: string; scopes: string[] },
): Promise<NewApiClient> {
  const { name, scopes } = checkClientInput(input);
  const clientId = `cli_${randomBytes(12).toString('hex')}`;
  const { secret, sha256 } = newClientSecret();
  await db.query(
    `insert into identity.client (client_id, tenant_id, name, scopes, secret_sha256)
     values ($1, $2, $3, $4, $5)`,
    [clientId, input.tenantId, name, scopes, sha256],
  );
  return { clientId, clientSecret: secret };
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

/** The tenant's clients, revoked ones included (marked), oldest first. */
export async function listApiClients(db: Queryable, tenantId: string): Promise<ApiClient[]> {
  const { rows } = await db.query<ClientRow>(
    `select client_id, tenant_id, name, scopes, created_at, revoked_at from identity.client
     where tenant_id = $1 order by created_at, client_id`,
    [tenantId],
  );
  return rows.map(apiClientFromRow);
}

/** Revokes a client of the tenant: it gets no token from now on. False when the tenant has no such client. */
export async function revokeApiClient(db: Queryable, tenantId: string, clientId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `update identity.client set revoked_at = coalesce(revoked_at, now())
     where tenant_id = $1 and client_id = $2`,
    [tenantId, clientId],
  );
  return (rowCount ?? 0) > 0;
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
