export { type InvoiceFilter, invoiceTotals, listInvoices } from './invoice-list.ts';
export {
  invoicesById,
  invoicesByNumber,
  invoicesByPaymentReference,
  invoicesByPaymentReferences,
  openInvoicesOfDebtors,
  type PayableInvoice,
} from './invoice-lookups.ts';
export {
  getInvoice,
  type InvoiceRow,
  openInvoicesOf,
  presentInvoice,
  updateInvoice,
} from './invoice-service.ts';
export { debtorInvoiceIdsSql, invoiceTimeline } from './invoice-timeline.ts';
export { invoicesModule } from './invoices-module.ts';
export { openBalancesSql } from './open-balances.ts';
export { paidInvoicesSql } from './paid-invoices.ts';
export { OPEN_ITEMS_SQL, RECEIVABLE_ITEMS_SQL } from './receivable-items.ts';
export { type PaidAmount, settlePaidAmounts } from './settle-paid-amounts.ts';
