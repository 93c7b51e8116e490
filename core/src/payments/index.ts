export { invoicePaidOnSql, receiptsByDaySql } from './paid-on.ts';
export { paymentTimeline } from './payment-timeline.ts';
export { paymentsModule } from './payments-module.ts';
