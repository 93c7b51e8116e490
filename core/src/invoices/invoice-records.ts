import type { InvoiceRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { invalid } from '../shared/errors.ts';
import { OVERDUE_INVOICES_SQL } from './overdue-rule.ts';

/**
 * The SDK's InvoiceRecord (sdk/src/records.ts) built in SQL from invoice row `i`: what `ctx.core`
 * reads and what `invoice.created` and `invoice.overdue` carry.
 */
export const invoiceRecordSql = (i: string) => `json_build_object(
  'id', ${i}.id, 'administrationId', ${i}.administration_id, 'debtorId', ${i}.debtor_id, 'number', ${i}.number,
  'documentType', ${i}.document_type, 'issueDate', to_char(${i}.issue_date, 'YYYY-MM-DD'),
  'dueDate', to_char(${i}.due_date, 'YYYY-MM-DD'),
  'amount', json_build_object('amount', ${i}.amount, 'currency', ${i}.currency),
  'openAmount', json_build_object('amount', ${i}.open_amount, 'currency', ${i}.currency),
  'status', ${i}.status, 'paymentReference', ${i}.payment_reference, 'description', ${i}.description)`;

/** Invoices in the SDK's `InvoiceRecord` shape, by id, under the caller's tenant-scoped EntityManager. */
export function readInvoiceRecords(em: EntityManager, ids: readonly string[]): Promise<InvoiceRecord[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectRecords(em, 'invoice i where i.id in (?) order by i.due_date, i.id', [ids]);
}

/** A debtor's open invoices and credit notes (open amount not zero), oldest due first. */
export function readOpenInvoiceRecords(em: EntityManager, debtorId: string, limit = 1000) {
  return selectRecords(
    em,
    `invoice i where i.debtor_id = ? and i.status = 'open' and i.open_amount <> 0
     order by i.due_date, i.id limit ?`,
    [debtorId, limit],
  );
}

/** A debtor's overdue invoices (OVERDUE_INVOICES_SQL), oldest due first: what collection hands off. */
export function readOverdueInvoiceRecords(em: EntityManager, debtorId: string, limit = 500) {
  return selectRecords(
    em,
    `${OVERDUE_INVOICES_SQL} i where i.debtor_id = ? order by i.due_date, i.id limit ?`,
    [debtorId, limit],
  );
}

/** The records of the invoices `from` (a FROM clause naming the invoice `i`, with `?` parameters) yields. */
async function selectRecords(em: EntityManager, from: string, params: unknown[]): Promise<InvoiceRecord[]> {
  const rows = await em.execute<{ record: InvoiceRecord }[]>(
    `select ${invoiceRecordSql('i')} as record from ${from}`,
    params,
  );
  return rows.map((row) => row.record);
}

/**
 * The records of `ids`, each an open invoice (not a credit note) of debtor `debtorId`, oldest due first:
 * what a dispute, a promise or a plan may cover. Any other id (unknown, another debtor's, paid, a credit
 * note) is refused with a 400 naming `field`.
 */
export async function readOpenInvoicesOfDebtor(
  em: EntityManager,
  debtorId: string,
  ids: readonly string[],
  field = 'invoiceIds',
): Promise<InvoiceRecord[]> {
  const invoices = await readInvoiceRecords(em, ids);
  for (const id of ids) {
    const invoice = invoices.find((i) => i.id === id);
    const coverable =
      invoice?.debtorId === debtorId && invoice.documentType === 'invoice' && invoice.status === 'open';
    if (!coverable) throw invalid(field, `${id} is not an open invoice of debtor ${debtorId}`);
  }
  return invoices;
}
