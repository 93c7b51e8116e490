import type { EntityManager } from '@mikro-orm/postgresql';
import { debtorGroupMembers, readDebtor } from '../debtors/index.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';

/** How long a portal session lasts unless the minting call says otherwise, and at most. */
export const PORTAL_SESSION_DEFAULT_SECONDS = 30 * 60;
export const PORTAL_SESSION_MAX_SECONDS = 8 * 60 * 60;

/** What a session reaches: its debtor alone, or the debtor and every debtor below it (its group). */
export const PORTAL_SCOPES = ['debtor', 'group'] as const;
export type PortalScope = (typeof PORTAL_SCOPES)[number];

export interface PortalSessionRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  scope: PortalScope;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

const RETURNED = 'id, administration_id, debtor_id, scope, created_by, created_at, expires_at, revoked_at';

/**
 * A new session for one debtor of the tenant, or for the group it heads (the caller's transaction,
 * under row-level security: a debtor of another tenant is not found). A group session needs a
 * debtor with children at the time it is minted; who is in the group is read again at each request.
 * The token that carries it is signed by the caller.
 */
export async function createPortalSession(
  em: EntityManager,
  input: { debtorId: string; scope: PortalScope; createdBy: string; ttlSeconds: number },
): Promise<PortalSessionRow> {
  const debtor = await readDebtor(em, input.debtorId);
  if (input.scope === 'group' && (await debtorGroupMembers(em, debtor.id)).length < 2)
    throw invalid('scope', `${debtor.id} heads no group: no debtor has it as parent`);
  const [row] = await em.execute<PortalSessionRow[]>(
    `insert into portal_session (tenant_id, id, administration_id, debtor_id, scope, created_by, expires_at)
     values (current_setting('kredo.tenant_id'), ?, ?, ?, ?, ?, now() + make_interval(secs => ?))
     returning ${RETURNED}`,
    [
      newId('portalSession'),
      debtor.administrationId,
      debtor.id,
      input.scope,
      input.createdBy,
      input.ttlSeconds,
    ],
  );
  return row as PortalSessionRow;
}

/** Ends a session at once; ending it again answers the same row. */
export async function revokePortalSession(em: EntityManager, id: string): Promise<PortalSessionRow> {
  const [row] = await em.execute<PortalSessionRow[]>(
    `update portal_session set revoked_at = coalesce(revoked_at, now()) where id = ? returning ${RETURNED}`,
    [id],
  );
  if (!row) throw notFound('Portal session', id);
  return row;
}

/**
 * The scope of the session if it is still there, unrevoked and unexpired (the token's own expiry
 * aside); null otherwise.
 */
export async function activePortalSessionScope(em: EntityManager, id: string): Promise<PortalScope | null> {
  const [row] = await em.execute<{ scope: PortalScope }[]>(
    'select scope from portal_session where id = ? and revoked_at is null and expires_at > now()',
    [id],
  );
  return row?.scope ?? null;
}
