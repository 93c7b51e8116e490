import { createHash } from 'node:crypto';
import type { Queryable } from '../db/queryable.ts';

/** One sign-in sent to a tenant's provider, until its answer comes back (once). */
export interface SsoRequest {
  uid: string;
  tenantId: string;
  /** The address the person typed: the upstream's must be the same. */
  email: string;
  codeVerifier: string;
  nonce: string;
  authorizationUrl: string;
}

/** The state is a bearer value while the request is open: only its SHA-256 is kept. */
const sha256 = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');

export async function saveSsoRequest(
  db: Queryable,
  state: string,
  request: SsoRequest & { expiresAt: Date },
): Promise<void> {
  // A sign-in sent again (the page reloaded, another address) has one request open: the newest.
  await db.query('delete from identity.sso_request where uid = $1', [request.uid]);
  await db.query(
    `insert into identity.sso_request
       (state_sha256, uid, tenant_id, email, code_verifier, nonce, authorization_url, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      sha256(state),
      request.uid,
      request.tenantId,
      request.email,
      request.codeVerifier,
      request.nonce,
      request.authorizationUrl,
      request.expiresAt,
    ],
  );
}

/** Where the sign-in `uid` is sent: its open request's authorization URL. */
export async function openSsoRequestUrl(db: Queryable, uid: string, now: Date): Promise<string | undefined> {
  const { rows } = await db.query<{ authorization_url: string }>(
    'select authorization_url from identity.sso_request where uid = $1 and expires_at > $2',
    [uid, now],
  );
  return rows[0]?.authorization_url;
}

/** The request of this state, taken (deleted) so that an answer counts once; undefined when none is open. */
export async function takeSsoRequest(
  db: Queryable,
  state: string,
  now: Date,
): Promise<SsoRequest | undefined> {
  const { rows } = await db.query<{
    uid: string;
    tenant_id: string;
    email: string;
    code_verifier: string;
    nonce: string;
    authorization_url: string;
  }>(
    `delete from identity.sso_request where state_sha256 = $1 and expires_at > $2
     returning uid, tenant_id, email, code_verifier, nonce, authorization_url`,
    [sha256(state), now],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    uid: row.uid,
    tenantId: row.tenant_id,
    email: row.email,
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    authorizationUrl: row.authorization_url,
  };
}
