export { INVOICE_PAYMENTS_SQL, paidAfterSql } from './paid-after.ts';
export { paymentTimeline } from './payment-timeline.ts';
export { paymentsModule } from './payments-module.ts';
