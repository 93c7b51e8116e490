import { randomBytes } from 'node:crypto';
import { AUDIT_TYPES, type AuditActor } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { revokeGrants } from '../sign-in/revoke-grants.ts';
import { apiClientFromRow, type ClientRow, checkClientInput } from './api-clients.ts';
import { newClientSecret } from './client-secret.ts';
import { listTenantClients, revokeTenantClient } from './client-table.ts';
import { checkRedirectUris } from './redirect-uris.ts';

/**
 * A third-party application of a tenant: it signs the tenant's people in with authorization code +
 * PKCE and acts for them within what they allow on the consent page. Public (a browser or mobile
 * app: no secret) or confidential (a server: a secret, shown once).
 */
export interface App {
  clientId: string;
  tenantId: string;
  name: string;
  /** The API scopes it may ask people for. */
  scopes: string[];
  redirectUris: string[];
  /** `none` for a public app; `client_secret_basic` for a confidential one. */
  tokenEndpointAuthMethod: 'none' | 'client_secret_basic';
  createdAt: Date;
  revokedAt: Date | null;
}

export interface NewApp extends App {
  /** A confidential app's secret, shown once (only its hash is stored); null for a public app. */
  clientSecret: string | null;
}

export interface AppInput {
  tenantId: string;
  name: string;
  scopes: string[];
  redirectUris: string[];
  confidential: boolean;
}

/** Registers an application of `tenantId`, audited `app.created` in the same statement. */
export async function createApp(db: Queryable, input: AppInput, by: AuditActor): Promise<NewApp> {
  const { name, scopes, redirectUris } = checkAppInput(input);
  const clientId = `app_${randomBytes(12).toString('hex')}`;
  const secret = input.confidential ? newClientSecret() : null;
  const { rows } = await db.query<AppRow>(
    `with created as (
       insert into identity.app (client_id, tenant_id, name, scopes, redirect_uris, secret_sha256)
       values ($1, $2, $3, $4, $5, $6) returning *
     ), audited as (
       insert into identity.audit_event (type, tenant_id, actor_id, subject_id, ip, details)
       select $7, tenant_id, $8, client_id, $9,
         jsonb_build_object('name', name, 'scopes', to_jsonb(scopes), 'redirectUris', to_jsonb(redirect_uris),
           'confidential', secret_sha256 is not null)
       from created
     )
     select * from created`,
    [
      clientId,
      input.tenantId,
      name,
      scopes,
      redirectUris,
      secret?.sha256 ?? null,
      AUDIT_TYPES.appCreated,
      by.actorId,
      by.ip,
    ],
  );
  return { ...appFromRow(rows[0] as AppRow), clientSecret: secret?.secret ?? null };
}

/** The tenant's applications, revoked ones included, oldest first, optionally a page after `after`. */
export async function listApps(
  db: Queryable,
  tenantId: string,
  page: { after?: string; limit?: number } = {},
): Promise<App[]> {
  return (await listTenantClients<AppRow>(db, 'identity.app', tenantId, page)).map(appFromRow);
}

/**
 * Revokes an application of the tenant: it signs nobody in from now on (the client adapter finds
 * no revoked one), and every grant people gave it is revoked with its refresh tokens (its access
 * tokens run out at their `exp`). Audited `app.revoked` the first time. False when the tenant has no
 * such application.
 */
export async function revokeApp(
  db: Queryable,
  tenantId: string,
  clientId: string,
  by: AuditActor,
): Promise<boolean> {
  const found = await revokeTenantClient(
    db,
    'identity.app',
    { tenantId, clientId, auditType: AUDIT_TYPES.appRevoked },
    by,
  );
  if (found) await revokeGrants(db, { clientId });
  return found;
}

/** An application as oidc-provider's client adapter needs it (revoked ones are not found). */
export async function findActiveApp(
  db: Queryable,
  clientId: string,
): Promise<(App & { secretSha256: string | null }) | undefined> {
  const { rows } = await db.query<AppRow>(
    'select * from identity.app where client_id = $1 and revoked_at is null',
    [clientId],
  );
  const row = rows[0];
  return row ? { ...appFromRow(row), secretSha256: row.secret_sha256 } : undefined;
}

interface AppRow extends ClientRow {
  redirect_uris: string[];
  secret_sha256: string | null;
}

function appFromRow(row: AppRow): App {
  const { clientId, tenantId, name, scopes, createdAt, revokedAt } = apiClientFromRow(row);
  const tokenEndpointAuthMethod = row.secret_sha256 ? 'client_secret_basic' : 'none';
  return {
    clientId,
    tenantId,
    name,
    scopes,
    redirectUris: row.redirect_uris,
    tokenEndpointAuthMethod,
    createdAt,
    revokedAt,
  };
}

function checkAppInput(input: AppInput) {
  return { ...checkClientInput(input), redirectUris: checkRedirectUris(input.redirectUris) };
}
