export { debtorInvoiceIdsSql, invoiceTimeline } from './invoice-timeline.ts';
export { invoicesModule } from './invoices-module.ts';
