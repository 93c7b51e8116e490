import { moneyText } from '../shared/money-text.ts';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';
import { newestBeforeSql, windowValues } from '../shared/timeline-sql.ts';
import { debtorChargesSql } from './charge-view.ts';

interface ChargeEvent {
  id: string;
  type: 'charge.claimed' | 'charge.waived' | 'charge.paid';
  at: string | Date;
  actor: string | null;
  amount: string | number;
  currency: string;
  part: string | null;
  invoice_ids: string[];
  detail: Record<string, unknown>;
}

/**
 * The debtor's late-payment charges on its timeline: each charge when a reminder claiming it was sent
 * (`charge.claimed`, id `chg_…`, with what is claimed now), each waiver (`charge.waived`, `cwv_…`) and,
 * per payment, what it settled of the charges (`charge.paid`, `pay_…:charges`).
 */
export const chargeTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<ChargeEvent[]>(
    newestBeforeSql(`
      select c.id, 'charge.claimed' as type, c.created_at as at, null as actor, c.claimed as amount,
        c.currency::text as currency, c.part,
        case when c.invoice_id is null then c.covers else array[c.invoice_id] end as invoice_ids,
        jsonb_build_object('episode', c.episode, 'actionId', c.action_id, 'invoiceId', c.invoice_id,
          'paid', c.paid, 'waived', c.waived) as detail
      from claimed_charge c where ${debtorChargesSql('?')}
      union all
      select w.id, 'charge.waived', w.created_at, w.waived_by, w.amount, c.currency::text, c.part,
        case when c.invoice_id is null then c.covers else array[c.invoice_id] end,
        jsonb_build_object('chargeId', c.id, 'reason', w.reason, 'invoiceId', c.invoice_id)
      from charge_waiver w join claimed_charge c on c.id = w.claimed_charge_id where ${debtorChargesSql('?')}
      union all
      select a.payment_id || ':charges', 'charge.paid', min(a.created_at), null, sum(a.amount), min(c.currency::text),
        null, array_agg(distinct coalesce(c.invoice_id, '')),
        jsonb_build_object('paymentId', a.payment_id, 'charges',
          jsonb_agg(jsonb_build_object('chargeId', c.id, 'part', c.part, 'invoiceId', c.invoice_id, 'amount', a.amount)
            order by a.id))
      from charge_allocation a join claimed_charge c on c.id = a.claimed_charge_id where ${debtorChargesSql('?')}
      group by a.payment_id`),
    [...Array(6).fill(query.debtorId), ...windowValues(query)],
  );
  return rows.map(chargeEntry);
};

function chargeEntry(row: ChargeEvent): TimelineEntry {
  const amount = moneyText(Number(row.amount), row.currency.trim());
  const what = row.part === 'interest' ? 'interest' : 'collection costs';
  const summary =
    row.type === 'charge.claimed'
      ? `Late-payment charge claimed: ${what} of ${amount}`
      : row.type === 'charge.waived'
        ? `Waived ${amount} of ${what}: ${String(row.detail.reason)}`
        : `Payment settled ${amount} of late-payment charges (costs and interest before principal)`;
  return {
    id: row.id,
    type: row.type,
    at: new Date(row.at).toISOString(),
    summary,
    actor: row.actor,
    invoiceIds: row.invoice_ids.filter((id) => id !== ''),
    detail: {
      ...row.detail,
      amount: { amount: Number(row.amount), currency: row.currency.trim() },
      ...(row.part ? { part: row.part } : {}),
    },
  };
}
