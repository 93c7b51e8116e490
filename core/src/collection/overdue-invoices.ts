import type { InvoiceRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { invoiceRecordSql } from '../invoices/invoice-records.ts';

/**
 * A debtor's overdue invoices: open, with an open amount, due before today in the administration's
 * time zone; oldest due first. Credit notes stay with the tenant.
 */
export async function readOverdueInvoiceRecords(
  em: EntityManager,
  debtorId: string,
  limit = 500,
): Promise<InvoiceRecord[]> {
  const rows = await em.execute<{ record: InvoiceRecord }[]>(
    `select ${invoiceRecordSql} as record from invoice i
       join administration a on a.id = i.administration_id
      where i.debtor_id = ? and i.status = 'open' and i.document_type = 'invoice' and i.open_amount > 0
        and i.due_date < (now() at time zone a.time_zone)::date
      order by i.due_date, i.id limit ?`,
    [debtorId, limit],
  );
  return rows.map((row) => row.record);
}
