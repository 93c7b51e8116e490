import { moneyText } from '../shared/money-text.ts';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';
import { newestBeforeSql, windowValues } from '../shared/timeline-sql.ts';

/** The ids of a debtor's documents (SQL: `debtorId` a parameter or column), as a subquery for `in (…)`. */
export function debtorInvoiceIdsSql(debtorId: string): string {
  return `(select i.id from invoice i where i.debtor_id = ${debtorId})`;
}

interface InvoiceEvent {
  id: string;
  event: 'created' | 'paid';
  at: string | Date;
  number: string;
  document_type: 'invoice' | 'credit_note';
  issue_date: string;
  due_date: string;
  amount: string | number;
  currency: string;
}

/**
 * The debtor's documents on its timeline: when each entered Kredo (`invoice.created`, id `inv_…`)
 * and, for a paid invoice, when it became paid (`invoice.paid`, id `inv_…:paid`). An invoice keeps no
 * separate moment of payment: its last change stands for it, which for a paid invoice is the change
 * that paid it unless it was edited afterwards.
 */
export const invoiceTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<InvoiceEvent[]>(
    newestBeforeSql(`select i.id, 'created' as event, i.created_at as at, i.number, i.document_type,
         i.issue_date::text as issue_date, i.due_date::text as due_date, i.amount, i.currency
       from invoice i where i.debtor_id = ?
       union all
       select i.id, 'paid', i.updated_at, i.number, i.document_type, i.issue_date::text, i.due_date::text,
         i.amount, i.currency
       from invoice i where i.debtor_id = ? and i.status = 'paid'`),
    [query.debtorId, query.debtorId, ...windowValues(query)],
  );
  return rows.map(invoiceEntry);
};

function invoiceEntry(row: InvoiceEvent): TimelineEntry {
  const document = row.document_type === 'credit_note' ? 'Credit note' : 'Invoice';
  const amount = moneyText(Number(row.amount), row.currency);
  const detail = {
    number: row.number,
    documentType: row.document_type,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    amount: { amount: Number(row.amount), currency: row.currency },
  };
  const base = { at: new Date(row.at).toISOString(), actor: null, invoiceIds: [row.id], detail };
  if (row.event === 'paid') {
    return {
      ...base,
      id: `${row.id}:paid`,
      type: 'invoice.paid',
      summary: `${document} ${row.number} paid (${amount})`,
    };
  }
  const summary = `${document} ${row.number} of ${row.issue_date}: ${amount}, due ${row.due_date}`;
  return { ...base, id: row.id, type: 'invoice.created', summary };
}
