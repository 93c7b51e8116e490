import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../shared/ids.ts';
import type { BankStatementEntryRow } from '../statement-rows.ts';

/**
 * Where an entry stands in matching (`bank_statement_entry.match_status`):
 * - `unmatched`: stored, not looked at yet (or pending at the bank);
 * - `queued`: looked at, no confident match: waits for a person in the reconciliation queue;
 * - `matched`: its payment(s) recorded (`statement_match`), or, for a debit, the credit it returned undone;
 * - `returned`: a credit whose money went back (a reversal or a returned direct debit): its payment reversed;
 * - `ignored`: a person said it needs no payment (with a reason).
 */
export type MatchStatus = 'unmatched' | 'queued' | 'matched' | 'returned' | 'ignored';

export type EntryRow = BankStatementEntryRow & {
  match_reason: string | null;
  match_proposal: unknown;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
};

/** The entry locked for the caller's transaction: two workers matching it take turns, the second sees it done. */
export async function lockEntry(em: EntityManager, entryId: string): Promise<EntryRow | null> {
  const [row] = await em.execute<EntryRow[]>(
    `select *, amount::text as amount, booking_date::text as booking_date, value_date::text as value_date
     from bank_statement_entry where id = ? for update`,
    [entryId],
  );
  return row ?? null;
}

export async function setMatchStatus(
  em: EntityManager,
  entryId: string,
  status: MatchStatus,
  reason: string | null,
  proposal: object | null = null,
  review: { by: string; note: string | null } | null = null,
): Promise<void> {
  await em.execute(
    `update bank_statement_entry set match_status = ?, match_reason = ?, match_proposal = ?::jsonb,
       reviewed_by = coalesce(?, reviewed_by), reviewed_at = case when ?::text is null then reviewed_at else now() end,
       review_note = case when ?::text is null then review_note else ? end
     where id = ?`,
    [
      status,
      reason?.slice(0, 500) ?? null,
      proposal === null ? null : JSON.stringify(proposal),
      review?.by ?? null,
      review?.by ?? null,
      review?.by ?? null,
      review?.note ?? null,
      entryId,
    ],
  );
}

export interface MatchRecord {
  tenantId: string;
  administrationId: string;
  entryId: string;
  paymentId: string;
  debtorId: string | null;
  rule: string;
  confidence: number;
  reason: string;
  createdBy: string | null;
  /** False when the entry only confirmed a payment recorded before (a pay link the provider reported). */
  createdPayment: boolean;
}

export async function insertMatch(em: EntityManager, match: MatchRecord): Promise<void> {
  await em.execute(
    `insert into statement_match (tenant_id, id, administration_id, entry_id, payment_id, debtor_id, rule, confidence,
       reason, created_by, created_payment)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      match.tenantId,
      newId('statementMatch'),
      match.administrationId,
      match.entryId,
      match.paymentId,
      match.debtorId,
      match.rule,
      match.confidence,
      match.reason.slice(0, 500),
      match.createdBy,
      match.createdPayment,
    ],
  );
}

/** The matches of an entry still standing, oldest first. */
export async function activeMatches(
  em: EntityManager,
  entryId: string,
): Promise<{ id: string; payment_id: string; created_payment: boolean }[]> {
  return em.execute(
    'select id, payment_id, created_payment from statement_match where entry_id = ? and undone_at is null order by id',
    [entryId],
  );
}

export async function markMatchesUndone(
  em: EntityManager,
  entryId: string,
  by: string | null,
): Promise<void> {
  await em.execute(
    'update statement_match set undone_at = now(), undone_by = ? where entry_id = ? and undone_at is null',
    [by, entryId],
  );
}

/** Queues several entries with one reason, in one statement. */
export async function queueEntries(
  em: EntityManager,
  entryIds: readonly string[],
  reason: string,
): Promise<void> {
  if (entryIds.length === 0) return;
  await em.execute(
    "update bank_statement_entry set match_status = 'queued', match_reason = ? where id in (?) and match_status = 'unmatched'",
    [reason, entryIds],
  );
}
