import type { EntityManager } from '@mikro-orm/postgresql';
import type { GroupMember } from '../debtors/index.ts';
import { type InvoiceRow, listInvoices, openInvoicesOf } from '../invoices/index.ts';

/** How many paid invoices the portal shows, not the whole history. */
const PAID_SHOWN = 100;

/**
 * The invoices of the debtors a session reaches: the open ones oldest due first, or up to 100 paid
 * ones (in id order, as the invoice list gives them). A group is read debtor by debtor through the
 * invoices module and merged here; groups are a handful of debtors.
 */
export async function portalInvoiceRows(
  em: EntityManager,
  reach: readonly GroupMember[],
  status: 'open' | 'paid',
): Promise<InvoiceRow[]> {
  const rows: InvoiceRow[] = [];
  for (const { id: debtorId } of reach) {
    if (status === 'open') rows.push(...(await openInvoicesOf(em, debtorId)));
    else
      rows.push(
        ...(await listInvoices(em, { debtorId, status: 'paid', limit: PAID_SHOWN })).slice(0, PAID_SHOWN),
      );
  }
  if (status === 'open')
    return rows.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  return rows.sort((a, b) => a.id.localeCompare(b.id)).slice(0, PAID_SHOWN);
}
