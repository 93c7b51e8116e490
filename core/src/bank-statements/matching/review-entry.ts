import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../../shared/errors.ts';
import { openEntry } from './manual-match.ts';
import { lockEntry, setMatchStatus } from './match-records.ts';
import { undoMatches } from './undo-match.ts';

/** A person says a queued entry needs no payment (bank costs, a transfer between own accounts …). */
export async function ignoreEntry(
  em: EntityManager,
  entryId: string,
  reason: string,
  actor: string,
): Promise<void> {
  await openEntry(em, entryId);
  await setMatchStatus(em, entryId, 'ignored', `ignored: ${reason}`, null, { by: actor, note: reason });
}

/**
 * Puts an entry back in the queue: a matched credit's payments (those it created) are reversed, so
 * its invoices reopen by exactly what the match allocated; an ignored entry simply returns. A debit
 * that returned a credit stays as it is: the money did go back.
 */
export async function unmatchEntry(
  em: EntityManager,
  tenantId: string,
  entryId: string,
  reason: string | undefined,
  actor: string,
): Promise<void> {
  const entry = await lockEntry(em, entryId);
  if (!entry) throw notFound('Statement entry', entryId);
  const undoable =
    entry.match_status === 'ignored' || (entry.match_status === 'matched' && entry.credit_debit === 'credit');
  if (!undoable) {
    throw conflict('entry_not_open', `Entry ${entryId} is ${entry.match_status}: nothing to unmatch`, {
      matchStatus: entry.match_status,
    });
  }
  const why = reason ?? 'unmatched by hand';
  if (entry.match_status === 'matched') {
    await undoMatches(em, tenantId, entryId, { actor, reason: `bank entry unmatched: ${why}` });
  }
  await setMatchStatus(em, entryId, 'queued', `unmatched: ${why}`, null, { by: actor, note: reason ?? null });
}
