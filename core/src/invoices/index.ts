export {
  invoicesById,
  invoicesByNumber,
  invoicesByPaymentReference,
  openInvoicesOfDebtors,
  type PayableInvoice,
} from './invoice-lookups.ts';
export {
  getInvoice,
  type InvoiceRow,
  listInvoices,
  openInvoicesOf,
  presentInvoice,
  updateInvoice,
} from './invoice-service.ts';
export { debtorInvoiceIdsSql, invoiceTimeline } from './invoice-timeline.ts';
export { invoicesModule } from './invoices-module.ts';
