/**
 * Each dispute's span, for insight's dispute count and age: a derived table
 * `(id, administration_id, debtor_id, opened_on, resolved_on)`; `resolved_on` is null while it is open,
 * else the date (UTC) it was resolved.
 */
export const DISPUTE_SPANS_SQL = `(select d.id, d.administration_id, d.debtor_id, d.opened_on,
     (d.resolved_at at time zone 'UTC')::date as resolved_on
   from dispute d)`;
