import type { EntityManager } from '@mikro-orm/postgresql';
import { Joi } from '../../shared/joi.ts';
import { instant, isoDate, likeEscape, money, named, prefixedId } from '../../shared/schemas.ts';
import type { EntryRow, MatchStatus } from './match-records.ts';
import { MATCH_RETRY_AT } from './match-statement.ts';

export const MATCH_STATUSES: readonly MatchStatus[] = [
  'unmatched',
  'queued',
  'matched',
  'returned',
  'ignored',
];

/** A bank statement entry's id (`bse_…`, given by the statements' importer). */
export const entryId = prefixedId('bse');

const matchView = named(
  'StatementMatch',
  Joi.object({
    paymentId: prefixedId('pay').required(),
    debtorId: prefixedId('dbt').allow(null).required(),
    rule: Joi.string()
      .valid('structured_reference', 'invoice_number', 'iban_amount', 'pay_link', 'manual')
      .required(),
    confidence: Joi.number().integer().min(0).max(100).required(),
    reason: Joi.string().required(),
    createdBy: Joi.string().allow(null).required().description('Null when the matcher booked it'),
    createdAt: instant.required(),
    undoneAt: instant.allow(null).required(),
    undoneBy: Joi.string().allow(null).required(),
  }),
);

/** An entry as the reconciliation queue shows it: what the bank said, where matching stands, why. */
export const queueEntryView = named(
  'ReconciliationEntry',
  Joi.object({
    id: entryId.required(),
    administrationId: prefixedId('adm').required(),
    statementId: Joi.string().required(),
    kind: Joi.string().valid('credit', 'debit').required(),
    reversal: Joi.boolean().required(),
    amount: money.required(),
    bookingDate: isoDate.allow(null).required(),
    valueDate: isoDate.allow(null).required(),
    counterpartyName: Joi.string().allow(null).required(),
    counterpartyIban: Joi.string().allow(null).required(),
    remittanceText: Joi.string().allow(null).required(),
    creditorReference: Joi.string().allow(null).required(),
    endToEndId: Joi.string().allow(null).required(),
    matchStatus: Joi.string()
      .valid(...MATCH_STATUSES)
      .required(),
    matchReason: Joi.string().allow(null).required().description('Why it was matched, or why it waits'),
    proposal: Joi.object()
      .unknown(true)
      .allow(null)
      .required()
      .description('The matcher’s best guess when not sure enough: rule, confidence, debtor, allocations'),
    reviewedBy: Joi.string().allow(null).required(),
    reviewedAt: instant.allow(null).required(),
    reviewNote: Joi.string().allow(null).required().description('An ignored entry’s reason'),
    matchFailure: Joi.object({
      attempts: Joi.number().integer().min(1).required(),
      lastAt: instant.required(),
      error: Joi.string().allow(null).required().description('What the last attempt said'),
      retryAt: instant
        .allow(null)
        .required()
        .description('When matching tries again by itself; null: it has given up, a person must'),
    })
      .allow(null)
      .required()
      .description('An unmatched entry matching failed on; null when it never did'),
    matches: Joi.array().items(matchView).required(),
  }),
);

interface MatchColumns {
  payment_id: string;
  debtor_id: string | null;
  rule: string;
  confidence: number;
  reason: string;
  created_by: string | null;
  created_at: Date;
  undone_at: Date | null;
  undone_by: string | null;
}

type QueueRow = EntryRow & { matches: MatchColumns[]; match_retry_at: Date | null };

export function presentQueueEntry(row: QueueRow) {
  return {
    id: row.id,
    administrationId: row.administration_id,
    statementId: row.statement_id,
    kind: row.credit_debit,
    reversal: row.reversal,
    amount: { amount: Number(row.amount), currency: row.currency },
    bookingDate: row.booking_date,
    valueDate: row.value_date,
    counterpartyName: row.counterparty_name,
    counterpartyIban: row.counterparty_iban,
    remittanceText: row.remittance_text,
    creditorReference: row.creditor_reference,
    endToEndId: row.end_to_end_id,
    matchStatus: row.match_status as MatchStatus,
    matchReason: row.match_reason,
    proposal: (row.match_proposal as object | null) ?? null,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    reviewNote: row.review_note,
    matchFailure:
      row.match_status === 'unmatched' && row.match_failed_at
        ? {
            attempts: Math.max(row.match_failures, 1),
            lastAt: new Date(row.match_failed_at),
            error: row.match_error,
            retryAt: row.match_retry_at && new Date(row.match_retry_at),
          }
        : null,
    matches: row.matches.map((m) => ({
      paymentId: m.payment_id,
      debtorId: m.debtor_id,
      rule: m.rule,
      confidence: m.confidence,
      reason: m.reason,
      createdBy: m.created_by,
      createdAt: new Date(m.created_at),
      undoneAt: m.undone_at && new Date(m.undone_at),
      undoneBy: m.undone_by,
    })),
  };
}

export interface QueueFilter {
  administrationId?: string;
  kind?: 'credit' | 'debit';
  /** Default: the queue, `queued` and `unmatched`. */
  status?: MatchStatus;
  statementId?: string;
  /** Words of the counterparty's name or account, the remittance text, the structured reference or end-to-end id. */
  q?: string;
  /** Amount in minor units, at least / at most. */
  amountFrom?: number;
  amountTo?: number;
  /** Booking date, on or after / on or before. */
  bookedFrom?: string;
  bookedTo?: string;
  after?: string;
  limit: number;
}

/** What `q` looks in: everything of an entry a person would recognise a payment by. */
const SEARCHED = [
  'e.counterparty_name',
  'e.counterparty_iban',
  'e.counterparty_account',
  'e.remittance_text',
  'e.creditor_reference',
  'e.end_to_end_id',
];

const SELECT = `select e.*, e.amount::text as amount, e.booking_date::text as booking_date, e.value_date::text as value_date,
    ${MATCH_RETRY_AT} as match_retry_at,
    coalesce((select jsonb_agg(to_jsonb(m) order by m.id) from statement_match m where m.entry_id = e.id), '[]') as matches
  from bank_statement_entry e`;

/** Entries by id order (`limit + 1` for the page), the queue by default. */
export async function listQueue(em: EntityManager, filter: QueueFilter): Promise<QueueRow[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    values.push(value);
  };
  if (filter.status) add('e.match_status = ?', filter.status);
  else where.push("e.match_status in ('queued', 'unmatched')");
  if (filter.administrationId) add('e.administration_id = ?', filter.administrationId);
  if (filter.kind) add('e.credit_debit = ?', filter.kind);
  if (filter.statementId) add('e.statement_id = ?', filter.statementId);
  // Each word of `q` somewhere in the entry (`jansen 2026-0042` finds Jansen's payment of that invoice),
  // compared without the entry's spaces: an IBAN or reference is found typed with or without them.
  for (const word of (filter.q ?? '').split(/\s+/).filter((w) => w !== '')) {
    where.push(`(${SEARCHED.map((column) => `replace(${column}, ' ', '') ilike ?`).join(' or ')})`);
    values.push(...SEARCHED.map(() => `%${likeEscape(word)}%`));
  }
  if (filter.amountFrom !== undefined) add('e.amount >= ?', filter.amountFrom);
  if (filter.amountTo !== undefined) add('e.amount <= ?', filter.amountTo);
  if (filter.bookedFrom) add('e.booking_date >= ?', filter.bookedFrom);
  if (filter.bookedTo) add('e.booking_date <= ?', filter.bookedTo);
  if (filter.after) add('e.id > ?', filter.after);
  return em.execute<QueueRow[]>(`${SELECT} where ${where.join(' and ')} order by e.id limit ?`, [
    ...values,
    filter.limit + 1,
  ]);
}

export async function getQueueEntry(em: EntityManager, id: string): Promise<QueueRow | null> {
  const [row] = await em.execute<QueueRow[]>(`${SELECT} where e.id = ?`, [id]);
  return row ?? null;
}
