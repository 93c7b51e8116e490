import type { EntityManager } from '@mikro-orm/postgresql';
import { Joi } from '../../shared/joi.ts';
import { named } from '../../shared/schemas.ts';

/**
 * Where a statement's entries stand in matching, counted from their `match_status` (so right after a
 * crash too, and whoever matched them: the import, the job, a person).
 */
export interface MatchingCounts {
  matched: number;
  /** Waiting for a person in the reconciliation queue. */
  queued: number;
  returned: number;
  ignored: number;
  /** Booked, still unmatched: matching failed on them (retried by the sweep). */
  failed: number;
  /** Booked, not looked at yet: the matching job has them. */
  pending: number;
  /** Pending or information-only at the bank: not money on the account, never matched. */
  notBooked: number;
}

interface CountRow {
  statement_id: string;
  matched: string;
  queued: string;
  returned: string;
  ignored: string;
  failed: string;
  pending: string;
  not_booked: string;
}

export const NO_ENTRIES: MatchingCounts = {
  matched: 0,
  queued: 0,
  returned: 0,
  ignored: 0,
  failed: 0,
  pending: 0,
  notBooked: 0,
};

/** Each statement's counts, by id (a statement without entries counts zeros). */
export async function countMatching(
  em: EntityManager,
  statementIds: readonly string[],
): Promise<Map<string, MatchingCounts>> {
  const counts = new Map(statementIds.map((id) => [id, { ...NO_ENTRIES }]));
  if (statementIds.length === 0) return counts;
  const booked = `status = 'booked' and match_status = 'unmatched'`;
  const rows = await em.execute<CountRow[]>(
    `select statement_id,
       count(*) filter (where match_status = 'matched') as matched,
       count(*) filter (where match_status = 'queued') as queued,
       count(*) filter (where match_status = 'returned') as returned,
       count(*) filter (where match_status = 'ignored') as ignored,
       count(*) filter (where ${booked} and match_failed_at is not null) as failed,
       count(*) filter (where ${booked} and match_failed_at is null) as pending,
       count(*) filter (where status <> 'booked' and match_status = 'unmatched') as not_booked
     from bank_statement_entry where statement_id in (?) group by statement_id`,
    [statementIds],
  );
  for (const row of rows) {
    counts.set(row.statement_id, {
      matched: Number(row.matched),
      queued: Number(row.queued),
      returned: Number(row.returned),
      ignored: Number(row.ignored),
      failed: Number(row.failed),
      pending: Number(row.pending),
      notBooked: Number(row.not_booked),
    });
  }
  return counts;
}

const count = (description: string) => Joi.number().integer().min(0).required().description(description);

export const matchingCountsView = named(
  'BankStatementMatching',
  Joi.object({
    matched: count(
      'Entries matched: their payments recorded (or, for a debit, the credit it returned undone)',
    ),
    queued: count('Entries waiting in the reconciliation queue for a person'),
    returned: count('Credits whose money went back: their payments reversed'),
    ignored: count('Entries a person marked as needing no payment'),
    failed: count('Booked entries matching failed on: still unmatched, retried by the sweep'),
    pending: count('Booked entries not matched yet: the matching job has them'),
    notBooked: count('Entries pending or for information at the bank: never matched'),
  }),
).description('Where the statement’s entries stand in matching, counted from their status');
