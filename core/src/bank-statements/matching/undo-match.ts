import type { EntityManager } from '@mikro-orm/postgresql';
import { reversePayment } from '../../payments/index.ts';
import { activeMatches, markMatchesUndone } from './match-records.ts';

/**
 * Undoes what matching an entry did, exactly that: each payment the entry created is reversed (its
 * invoices reopen by what it allocated; a payment the entry only confirmed stays), and the matches
 * are marked undone with who did it. The caller sets the entry's new status.
 */
export async function undoMatches(
  em: EntityManager,
  tenantId: string,
  entryId: string,
  by: { actor: string | null; reason: string },
): Promise<string[]> {
  const matches = await activeMatches(em, entryId);
  const reversed: string[] = [];
  for (const match of matches) {
    if (!match.created_payment) continue;
    try {
      await reversePayment(em, tenantId, match.payment_id, by);
      reversed.push(match.payment_id);
    } catch (error) {
      // Reversed already by hand (POST /payments/{id}/reversal): nothing left to take back.
      if ((error as { code?: string }).code !== 'payment_reversed') throw error;
    }
  }
  await markMatchesUndone(em, entryId, by.actor);
  return reversed;
}
