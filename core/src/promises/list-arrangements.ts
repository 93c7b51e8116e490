import type { EntityManager } from '@mikro-orm/postgresql';

export interface ArrangementFilter<S extends string> {
  debtorId?: string;
  status?: S;
  after?: string;
  limit: number;
}

/** One page (`limit + 1` rows, id order) of promises or plans, by debtor and status. */
export function listArrangements<R, S extends string>(
  em: EntityManager,
  from: { table: 'payment_promise' | 'payment_plan'; columns: string },
  filter: ArrangementFilter<S>,
): Promise<R[]> {
  const debtorId = filter.debtorId ?? null;
  const status = filter.status ?? null;
  const after = filter.after ?? null;
  return em.execute<R[]>(
    `select ${from.columns} from ${from.table}
     where (?::text is null or debtor_id = ?) and (?::text is null or status = ?) and (?::text is null or id > ?)
     order by id limit ?`,
    [debtorId, debtorId, status, status, after, after, filter.limit + 1],
  );
}
