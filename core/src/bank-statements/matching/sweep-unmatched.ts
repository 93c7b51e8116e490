import type { Orm } from '../../db/orm.ts';
import { forEachTenant } from '../../jobs/for-each-tenant.ts';
import { DUE_FOR_MATCHING } from './match-statement.ts';

/**
 * The sweep: every tenant with a booked entry still due for matching a minute after it was stored
 * gets its matching job (`wake`). That minute is what an import's own matching or the job woken by
 * its commit needs to start; an entry older than that was left by a process that stopped between
 * commit and matching (a crash, a lost wake-up, a worker that was down). Answers the tenants woken.
 */
export async function sweepUnmatched(
  orm: Orm,
  wake: (tenantId: string) => Promise<unknown>,
): Promise<string[]> {
  const woken = await forEachTenant(orm, async (turn) => {
    const stale = await turn.transaction(async (client) => {
      const { rows } = await client.query<{ stale: boolean }>(
        `select exists (select 1 from bank_statement_entry
           where ${DUE_FOR_MATCHING} and created_at < now() - interval '1 minute') as stale`,
      );
      return rows[0]?.stale === true;
    });
    if (stale) await wake(turn.tenantId);
    return stale ? turn.tenantId : null;
  });
  return woken.filter((tenantId): tenantId is string => tenantId !== null);
}
