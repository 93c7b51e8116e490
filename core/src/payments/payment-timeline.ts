import { debtorInvoiceIdsSql } from '../invoices/invoice-timeline.ts';
import { moneyText } from '../shared/money-text.ts';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';
import { newestBeforeSql, windowValues } from '../shared/timeline-sql.ts';

interface PaymentEvent {
  id: string;
  at: string | Date;
  amount: string | number;
  currency: string;
  value_date: string;
  method: string | null;
  reference: string | null;
  payer_name: string | null;
  reversed: boolean;
  allocations: { invoiceId: string; amount: number }[];
}

/**
 * The debtor's payments on its timeline, when they were recorded, with their allocations: a payment
 * of the debtor, or one allocated to its invoices though its payer was not matched to it.
 */
export const paymentTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<PaymentEvent[]>(
    newestBeforeSql(`select p.id, p.created_at as at, p.amount, p.currency, p.value_date::text as value_date, p.method, p.reference,
       p.payer_name, p.reversed_at is not null as reversed,
       coalesce((select jsonb_agg(jsonb_build_object('invoiceId', a.invoice_id, 'amount', a.amount) order by a.id)
                 from allocation a where a.payment_id = p.id), '[]'::jsonb) as allocations
     from payment p
     where (p.debtor_id = ?
            or p.id in (select a.payment_id from allocation a where a.invoice_id in ${debtorInvoiceIdsSql('?')}))`),
    [query.debtorId, query.debtorId, ...windowValues(query)],
  );
  return rows.map(paymentEntry);
};

function paymentEntry(row: PaymentEvent): TimelineEntry {
  const amount = moneyText(Number(row.amount), row.currency);
  const allocated = row.allocations.length;
  const to = row.reversed
    ? 'reversed since'
    : allocated === 0
      ? 'not allocated'
      : `allocated to ${allocated} document${allocated === 1 ? '' : 's'}`;
  return {
    id: row.id,
    type: 'payment',
    at: new Date(row.at).toISOString(),
    summary: `Payment of ${amount} (value date ${row.value_date}), ${to}`,
    actor: null,
    invoiceIds: row.allocations.map((a) => a.invoiceId),
    detail: {
      amount: { amount: Number(row.amount), currency: row.currency },
      valueDate: row.value_date,
      method: row.method,
      reference: row.reference,
      payerName: row.payer_name,
      allocations: row.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: Number(a.amount) })),
    },
  };
}
