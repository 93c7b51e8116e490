/**
 * Who is dunned for a debtor's invoices, and what dunning reads of a debtor: SQL fragments for
 * dunning's set-based runs (debtors/ owns the table; dunning never names it).
 */

/**
 * Each debtor of one administration with the party it is dunned as (`debtor_id`, `party_id`): the
 * nearest of itself and its ancestors whose `group_dunning` is on (a group dunned as one dossier at
 * that parent; groups can nest), else the debtor itself. `administrationId` is SQL (a parameter).
 */
export function dunnedPartiesSql(administrationId: string): string {
  // Only debtors with a parent climb the tree; the rest (most of a portfolio) are their own party.
  // `administrationId` appears once: callers may pass it as a positional `?`.
  return `(with recursive d as (
       select d.id, d.parent_id, d.group_dunning from debtor d where d.administration_id = ${administrationId}),
     up (debtor_id, at_id, parent_id, grouped, depth) as (
       select d.id, d.id, d.parent_id, d.group_dunning, 0 from d where d.parent_id is not null
       union all
       select up.debtor_id, p.id, p.parent_id, p.group_dunning, up.depth + 1
       from up join debtor p on p.id = up.parent_id
       where not up.grouped and up.depth < 20)
     select debtor_id, coalesce(max(at_id) filter (where grouped), debtor_id) as party_id
     from up group by debtor_id
     union all
     select d.id, d.id from d where d.parent_id is null)`;
}

/**
 * What segments, step conditions and reminders read of a debtor, one row per debtor of one
 * administration: `id, number, name, type, tags, credit_rating, credit_score, collector`, `country`
 * (the billing address's, else the first address's that has one) and `language` (the first contact's
 * that has one, else the debtor's). `administrationId` is SQL (a parameter).
 */
export function dunningDebtorsSql(administrationId: string): string {
  return `(select d.id, d.number, d.name, d.type, d.tags, d.credit_rating, d.credit_score, d.collector,
     (select a ->> 'country' from jsonb_array_elements(
        case jsonb_typeof(d.addresses) when 'array' then d.addresses else '[]' end) with ordinality as e(a, n)
      where a ->> 'country' is not null order by (a ->> 'type' = 'billing') desc, n limit 1) as country,
     coalesce((select c ->> 'language' from jsonb_array_elements(
        case jsonb_typeof(d.contacts) when 'array' then d.contacts else '[]' end) with ordinality as e(c, n)
      where c ->> 'language' is not null order by n limit 1), d.language) as language
   from debtor d where d.administration_id = ${administrationId})`;
}
