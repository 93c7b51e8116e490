import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The business date: today in an administration's time zone, what due dates, cover validity and
 * (soon) dunning steps are measured against. Business dates are `date`s in the administration's time
 * zone (DESIGN, Money and dates); only this file turns the clock into one. As SQL, for set-based work
 * in other modules, under the tenant's row-level security.
 */

/** A derived table `(administration_id, today)`, one row per administration: join it on `administration_id`. */
export const BUSINESS_DATES_SQL = `(select a.id as administration_id, (now() at time zone a.time_zone)::date as today
   from administration a)`;

/** The business date of one administration as a scalar SQL expression; `administrationId` is SQL (a column, a parameter). */
export function businessDateSql(administrationId: string): string {
  return `(select b.today from ${BUSINESS_DATES_SQL} b where b.administration_id = ${administrationId})`;
}

/** The business date of one administration, as `YYYY-MM-DD`, under the caller's tenant-scoped EntityManager. */
export async function businessDateOf(em: EntityManager, administrationId: string): Promise<string> {
  const [row] = await em.execute<{ today: string | null }[]>(
    `select to_char(${businessDateSql('?')}, 'YYYY-MM-DD') as today`,
    [administrationId],
  );
  if (!row?.today) throw new Error(`no business date for administration ${administrationId}`);
  return row.today;
}

/**
 * Each administration's business date and wall-clock time at `instant` (SQL: a timestamptz expression,
 * e.g. a parameter, so schedules can be tested with a fixed clock): a derived table
 * `(administration_id, today, local_time)`.
 */
export function localClocksSql(instant: string): string {
  return `(select a.id as administration_id, (${instant} at time zone a.time_zone)::date as today,
     (${instant} at time zone a.time_zone)::time as local_time
   from administration a)`;
}
