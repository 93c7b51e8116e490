import type { EventTransaction } from './record-event.ts';

/**
 * Runs one statement on either kind of open transaction, written with `?` placeholders (MikroORM's);
 * for a raw pg client they become `$1…$n`. Statements passed here must use `?` only as placeholders.
 */
export async function queryIn<T extends object>(
  tx: EventTransaction,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  if ('execute' in tx) return tx.execute<T[]>(sql, [...params]);
  let n = 0;
  const { rows } = await tx.query<T>(
    sql.replace(/\?/g, () => `$${++n}`),
    [...params],
  );
  return rows;
}
