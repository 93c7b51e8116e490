import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/index.ts';
import { debtorsWithEmail } from '../debtors/index.ts';
import {
  createPortalSession,
  PORTAL_SESSION_DEFAULT_SECONDS,
  type PortalSessionRow,
} from './portal-sessions.ts';
import { findSignInLink, useSignInLink } from './portal-sign-in-store.ts';

/**
 * Signs in with a mailed link, in the caller's transaction (so a failure leaves the link unused):
 * 1. the link must still work: else `gone`;
 * 2. the debtor chosen must be one with the link's address today: else `unchosen` (the page asks again);
 * 3. the link is used up, once;
 * 4. a portal session for that debtor, or for its group when it heads one.
 * Answers the session and the creditor's name the page shows.
 */
export async function signInWithLink(
  em: EntityManager,
  token: string,
  debtorId: unknown,
): Promise<'gone' | 'unchosen' | { session: PortalSessionRow; creditor: string }> {
  const link = await findSignInLink(em, token);
  if (!link) return 'gone';
  const chosen = (await debtorsWithEmail(em, link.email)).find((debtor) => debtor.id === debtorId);
  if (!chosen) return 'unchosen';
  if (!(await useSignInLink(em, token))) return 'gone';
  const session = await createPortalSession(em, {
    debtorId: chosen.id,
    scope: chosen.headsGroup ? 'group' : 'debtor',
    createdBy: `portal-sign-in:${link.id}`,
    ttlSeconds: PORTAL_SESSION_DEFAULT_SECONDS,
  });
  const administration = await getAdministration(em, chosen.administrationId);
  return { session, creditor: administration.senderName ?? administration.name };
}
