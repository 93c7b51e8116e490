import type { EntityManager } from '@mikro-orm/postgresql';
import { matchCredit } from './match-credit.ts';
import { matchDebit } from './match-debit.ts';
import { lockEntry, setMatchStatus } from './match-records.ts';

export type MatchOutcome = 'matched' | 'queued' | 'returned' | 'skipped';

/**
 * Matches one stored entry in the caller's transaction, the steps in order:
 * 1. lock the entry; one already looked at (or still pending at the bank) is left alone, so a retried
 *    job or a second worker never books it twice;
 * 2. a debit returns the credit it reverses, or waits in the queue;
 * 3. a credit flagged as a reversal (of an earlier debit) waits in the queue;
 * 4. any other credit goes through the matching rules (match-credit.ts).
 */
export async function matchEntry(
  em: EntityManager,
  tenantId: string,
  entryId: string,
): Promise<MatchOutcome> {
  const entry = await lockEntry(em, entryId);
  if (entry?.match_status !== 'unmatched' || entry.status !== 'booked') return 'skipped';
  if (entry.credit_debit === 'debit') return (await matchDebit(em, tenantId, entry)) ? 'returned' : 'queued';
  if (entry.reversal) {
    await setMatchStatus(em, entry.id, 'queued', 'a credit reversing an earlier debit: no debtor’s payment');
    return 'queued';
  }
  return (await matchCredit(em, tenantId, entry)) ? 'matched' : 'queued';
}
