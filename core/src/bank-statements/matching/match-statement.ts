import type { Orm } from '../../db/orm.ts';
import { readAsTenant, tenantEm } from '../../db/tenant-scope.ts';
import { matchEntries } from './match-imported.ts';
import { whileMatching } from './statement-lock.ts';

/** What `matchEntries` answers: outcomes counted, failures named. */
export type MatchSummary = Awaited<ReturnType<typeof matchEntries>>;

/**
 * Entries matching still has to look at: booked (pending ones wait for the bank) and `unmatched`,
 * and not failed within the hour (an entry that failed is retried, but not every minute).
 */
export const DUE_FOR_MATCHING = `match_status = 'unmatched' and status = 'booked'
  and (match_failed_at is null or match_failed_at < now() - interval '1 hour')`;

/**
 * Matches a statement's entries holding its matching lock (statement-lock.ts): the given ones (an
 * import's new entries), else every one still due, in statement order. An entry that fails stays
 * `unmatched` with `match_failed_at` set, so the summary counts it failed and the sweep retries it
 * later. `busy`: another live process is matching the statement; nothing was done here.
 */
export async function matchStatement(
  orm: Orm,
  tenantId: string,
  statementId: string,
  options: { entryIds?: readonly string[]; onProgress?: (done: number, total: number) => void } = {},
): Promise<MatchSummary & { busy: boolean }> {
  const locked = await whileMatching(orm, tenantId, statementId, async () => {
    const entryIds = options.entryIds ?? (await dueEntries(orm, tenantId, statementId));
    const summary = await matchEntries(orm, tenantId, entryIds, { onProgress: options.onProgress });
    await recordFailures(orm, tenantId, summary.failures);
    return summary;
  });
  if (locked.busy) {
    return {
      busy: true,
      outcomes: { matched: 0, queued: 0, returned: 0, skipped: 0 },
      failures: [],
      bookedInBulk: 0,
    };
  }
  return { busy: false, ...locked.value };
}

async function dueEntries(orm: Orm, tenantId: string, statementId: string): Promise<string[]> {
  return (await entriesDueForMatching(orm, tenantId, [statementId])).get(statementId) ?? [];
}

/**
 * The entries of these statements still due for matching, in statement order, by statement: an
 * import's new ones and those an earlier import stored but did not get to match (it was killed).
 */
export async function entriesDueForMatching(
  orm: Orm,
  tenantId: string,
  statementIds: readonly string[],
): Promise<Map<string, string[]>> {
  const due = new Map<string, string[]>();
  if (statementIds.length === 0) return due;
  const rows = await readAsTenant(orm, tenantId, (em) =>
    em.execute<{ id: string; statement_id: string }[]>(
      `select id, statement_id from bank_statement_entry
       where statement_id in (?) and ${DUE_FOR_MATCHING} order by statement_id, position, id`,
      [statementIds],
    ),
  );
  for (const row of rows) {
    const ids = due.get(row.statement_id) ?? [];
    if (ids.length === 0) due.set(row.statement_id, ids);
    ids.push(row.id);
  }
  return due;
}

/** Marks the entries matching failed on (still `unmatched`): counted as failed, retried an hour later. */
async function recordFailures(
  orm: Orm,
  tenantId: string,
  failures: readonly { entryId: string }[],
): Promise<void> {
  if (failures.length === 0) return;
  await tenantEm(orm, tenantId).execute(
    `update bank_statement_entry set match_failed_at = now() where id in (?) and match_status = 'unmatched'`,
    [failures.map((failure) => failure.entryId)],
  );
}
