import type { EntityManager } from '@mikro-orm/postgresql';
import { planState } from './arrangement-verdict.ts';
import type { Instalment } from './plan-schedule.ts';

/** What is still to come of an open promise or an active plan: the amounts due on their dates. */
export interface OutstandingArrangement {
  kind: 'promise' | 'plan';
  id: string;
  debtorId: string;
  invoiceIds: string[];
  /** Each date with what is still to be paid on it (minor units, the arrangement's currency), oldest first. */
  dues: { on: string; amount: number }[];
}

/**
 * The open promises and active plans of one administration in one currency, each with what is still
 * due and when, as of the monitoring job's last check (`paid`): a promise's amount less what was paid on
 * its promised date; a plan's instalments as payments fill them in order (arrangement-verdict.ts), the
 * unpaid rest of each on its due date. What the cash-flow forecast places instead of the invoices they cover.
 */
export async function outstandingArrangements(
  em: EntityManager,
  administrationId: string,
  currency: string,
  today: string,
): Promise<OutstandingArrangement[]> {
  const promises = await em.execute<
    { id: string; debtor_id: string; invoice_ids: string[]; promised_on: string; left: string }[]
  >(
    `select id, debtor_id, invoice_ids, to_char(promised_on, 'YYYY-MM-DD') as promised_on, amount - paid as left
     from payment_promise where administration_id = ? and currency = ? and status = 'open' and amount > paid
     order by id`,
    [administrationId, currency],
  );
  const plans = await em.execute<
    {
      id: string;
      debtor_id: string;
      invoice_ids: string[];
      schedule: Instalment[];
      grace_days: number;
      paid: string;
    }[]
  >(
    `select id, debtor_id, invoice_ids, schedule, grace_days, paid from payment_plan
     where administration_id = ? and currency = ? and status = 'active' order by id`,
    [administrationId, currency],
  );
  return [
    ...promises.map((p) => ({
      kind: 'promise' as const,
      id: p.id,
      debtorId: p.debtor_id,
      invoiceIds: p.invoice_ids,
      dues: [{ on: p.promised_on, amount: Number(p.left) }],
    })),
    ...plans.map((p) => ({
      kind: 'plan' as const,
      id: p.id,
      debtorId: p.debtor_id,
      invoiceIds: p.invoice_ids,
      dues: planState({ schedule: p.schedule, graceDays: p.grace_days }, Number(p.paid), today)
        .instalments.filter((i) => i.paid < i.amount)
        .map((i) => ({ on: i.dueOn, amount: i.amount - i.paid })),
    })),
  ];
}

/**
 * Per debtor of one administration, the promises broken and the plans defaulted (an instalment
 * missed past its grace days: the plan defaults at the first) in `(from, to]`: a derived table
 * `(debtor_id, broken_promises, missed_instalments)`. A promise counts on its promised date, a plan on
 * the day it defaulted. Arguments are SQL (parameters).
 */
export function brokenArrangementsSql(administrationId: string, from: string, to: string): string {
  return `(select debtor_id, sum(promises)::int as broken_promises, sum(plans)::int as missed_instalments from (
       select debtor_id, 1 as promises, 0 as plans from payment_promise
        where administration_id = ${administrationId} and status = 'broken'
          and promised_on > ${from} and promised_on <= ${to}
       union all
       select debtor_id, 0, 1 from payment_plan
        where administration_id = ${administrationId} and status = 'defaulted'
          and closed_on > ${from} and closed_on <= ${to}) b
     group by debtor_id)`;
}
