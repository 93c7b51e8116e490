export {
  type InvoiceRow,
  listInvoices,
  openInvoicesOf,
  presentInvoice,
} from './invoice-service.ts';
export { debtorInvoiceIdsSql, invoiceTimeline } from './invoice-timeline.ts';
export { invoicesModule } from './invoices-module.ts';
