export { INVOICE_PAYMENTS_SQL } from './invoice-payments.ts';
export { invoicePaidOnSql, receiptsByDaySql } from './paid-on.ts';
export { paymentTimeline } from './payment-timeline.ts';
export { paymentsModule } from './payments-module.ts';
