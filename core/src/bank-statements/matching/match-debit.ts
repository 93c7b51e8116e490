import type { EntityManager } from '@mikro-orm/postgresql';
import { type EntryRow, setMatchStatus } from './match-records.ts';
import { undoMatches } from './undo-match.ts';

/**
 * A debit on the account: when it returns an earlier matched credit (the bank's reversal, a returned
 * direct debit or a chargeback, carrying the credit's end-to-end id, for the same amount), that
 * credit's payment is reversed and its invoices reopen; the credit becomes `returned`. Any other debit
 * is money going out that is no debtor's payment: it waits in the queue (kind `debit`) for a person.
 */
export async function matchDebit(em: EntityManager, tenantId: string, debit: EntryRow): Promise<boolean> {
  const credit = await returnedCredit(em, debit);
  if (!credit) {
    const what = debit.reversal ? 'a reversal' : 'a debit';
    await setMatchStatus(em, debit.id, 'queued', `${what} that returns no matched credit of this account`);
    return false;
  }
  const reason = `returned by bank entry ${debit.id}${debit.reversal ? ' (reversal)' : ''}`;
  const reversed = await undoMatches(em, tenantId, credit.id, { actor: null, reason });
  await setMatchStatus(em, credit.id, 'returned', reason);
  await setMatchStatus(
    em,
    debit.id,
    'matched',
    `returns bank entry ${credit.id}; payment ${reversed.join(', ') || 'none'} reversed`,
    {
      returns: credit.id,
      reversedPayments: reversed,
    },
  );
  return true;
}

/**
 * The matched credit of the same account and amount that the debit returns, locked: the one whose
 * end-to-end id it carries, or, for a debit the bank flags as a reversal without one (`NOTPROVIDED`),
 * the one from the same IBAN with the same remittance text.
 */
async function returnedCredit(em: EntityManager, debit: EntryRow): Promise<{ id: string } | null> {
  const endToEnd = debit.end_to_end_id && debit.end_to_end_id !== 'NOTPROVIDED' ? debit.end_to_end_id : null;
  if (!endToEnd && !(debit.reversal && debit.counterparty_iban)) return null;
  const [row] = await em.execute<{ id: string }[]>(
    `select id from bank_statement_entry
     where administration_id = ? and account = ? and credit_debit = 'credit' and match_status = 'matched'
       and amount = ? and currency = ?
       and (end_to_end_id = ?::text
            or (?::text is null and counterparty_iban = ? and remittance_text is not distinct from ?))
     order by booking_date desc nulls last, id desc limit 1 for update`,
    [
      debit.administration_id,
      debit.account,
      debit.amount,
      debit.currency,
      endToEnd,
      endToEnd,
      debit.counterparty_iban,
      debit.remittance_text,
    ],
  );
  return row ?? null;
}
