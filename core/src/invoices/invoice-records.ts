import type { InvoiceRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';

/** An invoice as SQL building its SDK record; `i` is the invoice's alias. */
export const invoiceRecordSql = `json_build_object(
  'id', i.id, 'administrationId', i.administration_id, 'debtorId', i.debtor_id, 'number', i.number,
  'documentType', i.document_type, 'issueDate', to_char(i.issue_date, 'YYYY-MM-DD'),
  'dueDate', to_char(i.due_date, 'YYYY-MM-DD'),
  'amount', json_build_object('amount', i.amount, 'currency', i.currency),
  'openAmount', json_build_object('amount', i.open_amount, 'currency', i.currency),
  'status', i.status, 'paymentReference', i.payment_reference, 'description', i.description)`;

/** Invoices in the SDK's `InvoiceRecord` shape, by id, under the caller's tenant-scoped EntityManager. */
export async function readInvoiceRecords(
  em: EntityManager,
  ids: readonly string[],
): Promise<InvoiceRecord[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<{ record: InvoiceRecord }[]>(
    `select ${invoiceRecordSql} as record from invoice i where i.id in (?) order by i.due_date, i.id`,
    [ids],
  );
  return rows.map((row) => row.record);
}

/** A debtor's open invoices and credit notes (open amount not zero), oldest due first. */
export async function readOpenInvoiceRecords(
  em: EntityManager,
  debtorId: string,
  limit = 1000,
): Promise<InvoiceRecord[]> {
  const rows = await em.execute<{ record: InvoiceRecord }[]>(
    `select ${invoiceRecordSql} as record from invoice i
      where i.debtor_id = ? and i.status = 'open' and i.open_amount <> 0
      order by i.due_date, i.id limit ?`,
    [debtorId, limit],
  );
  return rows.map((row) => row.record);
}
