import { BEHAVIOUR } from '../risk/index.ts';

/**
 * The bench baselines' plain SQL for days beyond terms (risk.md): two CTEs, `paid_on` (each invoice's
 * latest value date of a positive allocation, in one grouped join) and `late` (per paid invoice of the
 * administration, paid in the look-back window: `debtor_id`, `late` in days, `age` of the payment in
 * days, `weight` = 0.5^(age / half-life)). The administration is $1, the as-of date $2. The window's
 * start is a condition on the payments, as in risk/payment-delays.ts (on the paid dates PostgreSQL
 * guesses too few rows).
 */
export function lateInvoicesCtes(): string {
  const { lookbackDays, halfLifeDays } = BEHAVIOUR;
  return `paid_on as (
       select a.invoice_id, max(p.value_date) as paid_on
       from allocation a join payment p on p.id = a.payment_id
       where p.administration_id = $1 and a.amount > 0 and p.value_date > $2::date - ${lookbackDays}
       group by a.invoice_id),
     late as (
       select i.debtor_id, (o.paid_on - i.due_date)::float8 as late, ($2::date - o.paid_on) as age,
         power(0.5::float8, ($2::date - o.paid_on) / ${halfLifeDays}.0::float8) as weight
       from invoice i join paid_on o on o.invoice_id = i.id
       where i.administration_id = $1 and i.status = 'paid' and i.document_type = 'invoice'
         and o.paid_on <= $2::date)`;
}
