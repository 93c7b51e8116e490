import type { EntityManager } from '@mikro-orm/postgresql';
import { queryIn } from '../../events/event-sql.ts';
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
  match_failed_at: Date | null;
  match_failures: number;
  match_error: string | null;
};

const ENTRY_COLUMNS =
  '*, amount::text as amount, booking_date::text as booking_date, value_date::text as value_date';

/** The entry locked for the caller's transaction: two workers matching it take turns, the second sees it done. */
export async function lockEntry(em: EntityManager, entryId: string): Promise<EntryRow | null> {
  const [row] = await em.execute<EntryRow[]>(
    `select ${ENTRY_COLUMNS} from bank_statement_entry where id = ? for update`,
    [entryId],
  );
  return row ?? null;
}

/**
 * Several entries in the order of `entryIds` (hidden or unknown ones left out); with `lock`, locked
 * in id order for the caller's transaction, as `lockEntry` locks one.
 */
export async function readEntries(
  em: EntityManager,
  entryIds: readonly string[],
  options: { lock?: boolean } = {},
): Promise<EntryRow[]> {
  if (entryIds.length === 0) return [];
  // One array parameter, not a list of thousands: a batch's statement is parsed and planned at once.
  const rows = await queryIn<EntryRow>(
    em,
    `select ${ENTRY_COLUMNS} from bank_statement_entry where id = any($1::text[]) order by id${options.lock ? ' for update' : ''}`,
    [entryIds],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return entryIds.flatMap((id) => (byId.has(id) ? [byId.get(id) as EntryRow] : []));
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

/**
 * The bulk form of `insertMatch` plus `setMatchStatus(…, 'matched', reason)` for entries that each
 * created one payment: the `statement_match` rows and the entries' status in two statements.
 */
export async function recordMatches(em: EntityManager, matches: readonly MatchRecord[]): Promise<void> {
  if (matches.length === 0) return;
  const column = <T>(pick: (m: MatchRecord) => T) => matches.map(pick);
  await queryIn(
    em,
    `insert into statement_match (tenant_id, id, administration_id, entry_id, payment_id, debtor_id, rule, confidence,
       reason, created_by, created_payment)
     select m.tenant_id, m.id, m.administration_id, m.entry_id, m.payment_id, m.debtor_id, m.rule, m.confidence,
       m.reason, m.created_by, m.created_payment
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[],
       $9::text[], $10::text[], $11::boolean[])
       as m (tenant_id, id, administration_id, entry_id, payment_id, debtor_id, rule, confidence, reason, created_by,
         created_payment)`,
    [
      column((m) => m.tenantId),
      column(() => newId('statementMatch')),
      column((m) => m.administrationId),
      column((m) => m.entryId),
      column((m) => m.paymentId),
      column((m) => m.debtorId),
      column((m) => m.rule),
      column((m) => m.confidence),
      column((m) => m.reason.slice(0, 500)),
      column((m) => m.createdBy),
      column((m) => m.createdPayment),
    ],
  );
  // `e.id = any(…)` besides the join: the entries are found by their key even when the planner, with a
  // statement just imported and not analysed yet, takes the table for small and would scan it whole.
  await queryIn(
    em,
    `update bank_statement_entry e set match_status = 'matched', match_reason = m.reason, match_proposal = null
     from unnest($1::text[], $2::text[]) as m (entry_id, reason) where e.id = m.entry_id and e.id = any($1::text[])`,
    [column((m) => m.entryId), column((m) => m.reason.slice(0, 500))],
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

/**
 * Queues several entries with one reason, in one statement: those still `unmatched` when it runs
 * (another hand may have matched or queued one meanwhile). Answers the ids it queued.
 */
export async function queueEntries(
  em: EntityManager,
  entryIds: readonly string[],
  reason: string,
): Promise<Set<string>> {
  if (entryIds.length === 0) return new Set();
  const rows = await queryIn<{ id: string }>(
    em,
    `update bank_statement_entry set match_status = 'queued', match_reason = $1
     where id = any($2::text[]) and match_status = 'unmatched' returning id`,
    [reason, entryIds],
  );
  return new Set(rows.map((row) => row.id));
}
