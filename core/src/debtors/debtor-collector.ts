import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * What a list of work shows about a debtor beside each line (the action list): a derived table
 * `(debtor_id, administration_id, name, number, collector, credit_score)`; join it on `debtor_id`.
 * `credit_score` is the latest external credit check's, null when none was made.
 */
export const DEBTOR_SUMMARIES_SQL = `(select d.id as debtor_id, d.administration_id, d.name, d.number, d.collector,
     d.credit_score
   from debtor d)`;

/**
 * Hands every debtor that `from` is the collector of (in one administration, or all) to `to`, inside
 * the caller's transaction; answers how many changed. Bulk reassignment of a collector's work uses it
 * with the tasks' own reassignment, in one transaction.
 */
export async function reassignCollector(
  em: EntityManager,
  from: string,
  to: string,
  administrationId?: string,
): Promise<number> {
  const changed = await em.execute<{ id: string }[]>(
    `update debtor set collector = ?, updated_at = now()
      where collector = ? and (?::text is null or administration_id = ?)
      returning id`,
    [to, from, administrationId ?? null, administrationId ?? null],
  );
  return changed.length;
}
