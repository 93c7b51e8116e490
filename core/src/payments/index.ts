export { INVOICE_PAYMENTS_SQL } from './invoice-payments.ts';
export { paymentTimeline } from './payment-timeline.ts';
export { paymentsModule } from './payments-module.ts';
