import type { Orm } from '../../db/orm.ts';
import { readAsTenant, tenantEm } from '../../db/tenant-scope.ts';
import { textArrayLiteral } from '../../shared/text-array.ts';
import { type MatchFailure, matchEntries } from './match-imported.ts';
import { whileMatching } from './statement-lock.ts';

/**
 * What `matchEntries` answers (outcomes counted, failures named), and the entries of those failures
 * that matching has now given up on.
 */
export type MatchSummary = Awaited<ReturnType<typeof matchEntries>> & { givenUp: string[] };

/** Failures after which matching leaves an entry to a person (it waits in the queue as `failed`). */
export const MATCH_ATTEMPTS = 8;

/**
 * When matching tries an entry it failed on again (SQL on `bank_statement_entry`'s columns): after
 * its n-th failure 2^(n-1) hours later, at most a day (1, 2, 4, 8, 16, 24, 24 hours: about three days
 * in all); null when it has given up (`MATCH_ATTEMPTS` failures) or never failed.
 */
export const MATCH_RETRY_AT = `case when match_failures < ${MATCH_ATTEMPTS} then match_failed_at
  + least(interval '1 hour' * power(2, greatest(match_failures, 1) - 1), interval '1 day') end`;

/**
 * Entries matching still has to look at: booked (pending ones wait for the bank), `unmatched`, and
 * not failed, or failed and due for another try (`MATCH_RETRY_AT`).
 */
export const DUE_FOR_MATCHING = `match_status = 'unmatched' and status = 'booked'
  and (match_failed_at is null or ${MATCH_RETRY_AT} < now())`;

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
    const givenUp = await recordFailures(orm, tenantId, summary.failures);
    return { ...summary, givenUp };
  });
  if (locked.busy) {
    return {
      busy: true,
      outcomes: { matched: 0, queued: 0, returned: 0, skipped: 0 },
      failures: [],
      bookedInBulk: 0,
      givenUp: [],
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
    const ids = due.get(row.statement_id);
    if (ids) ids.push(row.id);
    else due.set(row.statement_id, [row.id]);
  }
  return due;
}

/**
 * Marks the entries matching failed on (still `unmatched`): counted as failed, their attempts and
 * what failed kept for the queue, tried again later (DUE_FOR_MATCHING). Answers those it has now
 * given up on.
 */
async function recordFailures(
  orm: Orm,
  tenantId: string,
  failures: readonly MatchFailure[],
): Promise<string[]> {
  if (failures.length === 0) return [];
  const rows = await tenantEm(orm, tenantId).execute<{ id: string; match_failures: number }[]>(
    `update bank_statement_entry e set match_failed_at = now(), match_failures = e.match_failures + 1,
       match_error = f.shown
     from unnest(?::text[], ?::text[]) as f(id, shown)
     where e.id = f.id and e.match_status = 'unmatched'
     returning e.id, e.match_failures`,
    [textArrayLiteral(failures.map((f) => f.entryId)), textArrayLiteral(failures.map((f) => f.shown))],
  );
  return rows.filter((row) => row.match_failures >= MATCH_ATTEMPTS).map((row) => row.id);
}
