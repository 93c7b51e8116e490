import pg from 'pg';
import type { Orm } from '../../db/orm.ts';

/** What `whileMatching` answers: the work's result, or `busy` when another process holds the statement. */
export type Locked<T> = { busy: false; value: T } | { busy: true };

/** The advisory lock's key (`hashtextextended` of it): one per tenant and statement. */
export function matchingLockKey(tenantId: string, statementId: string): string {
  return `kredo_bank_matching:${tenantId}:${statementId}`;
}

/**
 * Runs `work` holding the statement's matching lock: a session advisory lock on a connection of its
 * own, taken without waiting. Whoever matches a statement (the import that stored it, the
 * job, the CLI) holds it, so the sweep's job leaves a statement alone while a live process works
 * through it rather than racing it entry by entry. The lock lives as long as the connection: a
 * process that dies (killed, crashed) lets it go with its connection, and the next sweep takes over.
 * The connection is outside the ORM's pool, which `work` needs whole (the CLI's pool is 2
 * connections; concurrent imports holding pooled ones could starve their own matching), and is
 * closed afterwards, so no lock outlives the work.
 */
export async function whileMatching<T>(
  orm: Orm,
  tenantId: string,
  statementId: string,
  work: () => Promise<T>,
): Promise<Locked<T>> {
  const client = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  // A connection the server ends mid-work (a restart) only loses the lock: matching is idempotent.
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
      [matchingLockKey(tenantId, statementId)],
    );
    if (!rows[0]?.locked) return { busy: true };
    return { busy: false, value: await work() };
  } finally {
    await client.end().catch(() => {});
  }
}
