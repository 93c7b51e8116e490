import type { InvoiceRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DebtorRow } from '../debtors/debtor-service.ts';
import {
  readInvoiceRecords,
  readOpenInvoicesOfDebtor,
  readOverdueInvoiceRecords,
} from '../invoices/invoice-records.ts';
import { DomainError } from '../shared/errors.ts';

export interface Covered {
  invoices: InvoiceRecord[];
  currency: string;
  /** Sum of their open amounts, minor units. */
  openTotal: number;
}

/**
 * The invoices a promise or plan covers: the given ones (each an open invoice of the debtor, refused
 * naming `invoiceIds` otherwise) or, with none given, all the debtor's overdue invoices (422
 * `nothing_overdue` when it has none). All in one currency (422 `mixed_currencies`).
 */
export async function coveredInvoices(
  em: EntityManager,
  debtor: DebtorRow,
  ids: readonly string[] | undefined,
): Promise<Covered> {
  const invoices = ids?.length
    ? await readOpenInvoicesOfDebtor(em, debtor.id, ids)
    : await readOverdueInvoiceRecords(em, debtor.id);
  if (invoices.length === 0) {
    throw new DomainError('nothing_overdue', 422, `Debtor ${debtor.id} has no overdue invoice`);
  }
  const currencies = [...new Set(invoices.map((i) => i.openAmount.currency))];
  if (currencies.length > 1) {
    throw new DomainError('mixed_currencies', 422, `The invoices are in ${currencies.join(', ')}`, {
      currencies,
    });
  }
  return {
    invoices,
    currency: currencies[0] as string,
    openTotal: invoices.reduce((sum, i) => sum + i.openAmount.amount, 0),
  };
}

/** The open total of some invoices now: a paid, cancelled or written-off one counts 0. */
export async function openTotalNow(em: EntityManager, ids: readonly string[]): Promise<number> {
  const invoices = await readInvoiceRecords(em, ids);
  return invoices.reduce((sum, i) => sum + (i.status === 'open' ? i.openAmount.amount : 0), 0);
}
