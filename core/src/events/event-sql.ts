import { CompiledQuery } from 'kysely';
import type { EventTransaction } from './record-event.ts';

/**
 * Runs one statement on either kind of open transaction. The statement is written with PostgreSQL's
 * own numbered placeholders (`$1…$n`), and the text and the parameters reach the server as they are,
 * bound by the driver on both paths: nothing rewrites the text, so jsonb's `?`, `?|` and `?&` are
 * operators, and an array parameter is a PostgreSQL array whichever the transaction.
 *
 * An EntityManager must be inside `transactional`: the statement then runs on the transaction's own
 * connection (MikroORM's Kysely), where the tenant and role were set when it began. Outside one there
 * is no tenant to run under, so it is refused rather than run unscoped.
 */
export async function queryIn<T extends object>(
  tx: EventTransaction,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  if (!('execute' in tx)) return (await tx.query<T>(sql, [...params])).rows;
  if (!tx.isInTransaction()) {
    throw new Error(
      'queryIn needs an EntityManager inside transactional(): the event would not share its change',
    );
  }
  const result = await tx.getKysely().executeQuery<T>(CompiledQuery.raw(sql, [...params]));
  return [...result.rows];
}
