import type pg from 'pg';
import type { Queryable } from './queryable.ts';

/**
 * Runs `work` in one transaction: on a pool, on a client of its own (committed, or rolled back when
 * `work` throws); on a client the caller already holds, inside the caller's transaction.
 */
export async function inTransaction<T>(db: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T> {
  // A pool has counts; a client (already checked out, maybe in a transaction) has none.
  if (!('totalCount' in db)) return work(db);
  const client = await (db as pg.Pool).connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
