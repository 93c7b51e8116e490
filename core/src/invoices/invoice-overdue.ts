import type { PoolClient } from 'pg';
import { hasSubscriber } from '../events/has-subscriber.ts';
import { recordEventsFrom } from '../events/record-events-from.ts';
import { invoiceRecordSql } from './invoice-records.ts';
import { OVERDUE_INVOICES_SQL } from './overdue-rule.ts';

/**
 * Announces the tenant's invoices that have become overdue, in the caller's tenant transaction:
 * 1. find the overdue invoices (OVERDUE_INVOICES_SQL) that have no notice for their due date yet;
 * 2. write an `invoice_overdue_notice` per invoice and due date (`on conflict do nothing`: two runs
 *    at once, or a run repeated, announce nothing twice);
 * 3. when an installation subscribes, record `invoice.overdue` for exactly the notices step 2 wrote,
 *    with its `daysOverdue`.
 * Notices are written whether anyone listens or not, so that a plugin installed later hears about
 * invoices that become overdue from then on, not about the whole backlog at once. Works in batches of
 * `batchSize`; returns how many notices it wrote.
 */
export async function recordOverdueInvoices(client: PoolClient, batchSize = 10_000): Promise<number> {
  const subscribed = await hasSubscriber(client, 'invoice.overdue');
  let total = 0;
  for (;;) {
    const { rows } = await client.query<{ invoice_id: string; days_overdue: number }>(
      `with due as (
         select o.id, o.due_date, o.days_overdue as days from ${OVERDUE_INVOICES_SQL} o
         where not exists (select 1 from invoice_overdue_notice n
                           where n.tenant_id = o.tenant_id and n.invoice_id = o.id and n.due_date = o.due_date)
         order by o.id limit $1
       )
       insert into invoice_overdue_notice (tenant_id, invoice_id, due_date, days_overdue)
       select current_setting('kredo.tenant_id'), id, due_date, days from due
       on conflict do nothing
       returning invoice_id, days_overdue`,
      [batchSize],
    );
    if (subscribed && rows.length > 0) {
      await recordEventsFrom(
        client,
        'invoice.overdue',
        `select jsonb_build_object('invoice', ${invoiceRecordSql('i')}, 'daysOverdue', o.days) as payload
         from unnest($1::text[], $2::int[]) as o (id, days) join invoice i on i.id = o.id`,
        [rows.map((r) => r.invoice_id), rows.map((r) => r.days_overdue)],
      );
    }
    total += rows.length;
    if (rows.length < batchSize) return total;
  }
}
