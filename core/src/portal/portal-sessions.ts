import type { EntityManager } from '@mikro-orm/postgresql';
import { readDebtor } from '../debtors/index.ts';
import { notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';

/** How long a portal session lasts unless the minting call says otherwise, and at most. */
export const PORTAL_SESSION_DEFAULT_SECONDS = 30 * 60;
export const PORTAL_SESSION_MAX_SECONDS = 8 * 60 * 60;

export interface PortalSessionRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

/**
 * A new session for one debtor of the tenant (the caller's transaction, under row-level security:
 * a debtor of another tenant is not found). The token that carries it is signed by the caller.
 */
export async function createPortalSession(
  em: EntityManager,
  input: { debtorId: string; createdBy: string; ttlSeconds: number },
): Promise<PortalSessionRow> {
  const debtor = await readDebtor(em, input.debtorId);
  const [row] = await em.execute<PortalSessionRow[]>(
    `insert into portal_session (tenant_id, id, administration_id, debtor_id, created_by, expires_at)
     values (current_setting('kredo.tenant_id'), ?, ?, ?, ?, now() + make_interval(secs => ?))
     returning id, administration_id, debtor_id, created_by, created_at, expires_at, revoked_at`,
    [newId('portalSession'), debtor.administrationId, debtor.id, input.createdBy, input.ttlSeconds],
  );
  return row as PortalSessionRow;
}

/** Ends a session at once; ending it again answers the same row. */
export async function revokePortalSession(em: EntityManager, id: string): Promise<PortalSessionRow> {
  const [row] = await em.execute<PortalSessionRow[]>(
    `update portal_session set revoked_at = coalesce(revoked_at, now()) where id = ?
     returning id, administration_id, debtor_id, created_by, created_at, expires_at, revoked_at`,
    [id],
  );
  if (!row) throw notFound('Portal session', id);
  return row;
}

/** Whether the session is still there, unrevoked and unexpired (the token's own expiry aside). */
export async function portalSessionActive(em: EntityManager, id: string): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    'select id from portal_session where id = ? and revoked_at is null and expires_at > now()',
    [id],
  );
  return rows.length > 0;
}
