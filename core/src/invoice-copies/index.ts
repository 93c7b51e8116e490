export { type FetchedCopy, fetchInvoiceCopy, type InvoiceCopyDeps } from './fetch-invoice-copy.ts';
export { invoiceCopyRoutes } from './invoice-copy-routes.ts';
