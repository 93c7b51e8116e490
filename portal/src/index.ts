// The widget's bundle: <kredo-portal> and the components it uses. The staff console will have an
// entry of its own, sharing the components and formats without adding to this bundle.
export { KredoDialog } from './dialog/dialog.ts';
export { KredoInvoiceTable } from './invoice-table/invoice-table.ts';
export { KredoPortal } from './kredo-portal/kredo-portal.ts';
