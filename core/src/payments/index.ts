export { type PaymentChangeBy, reallocatePayment, reversePayment } from './change-payment.ts';
export type { AllocationInput } from './check-allocations.ts';
export { type BulkPaymentInput, createPayments } from './create-payments.ts';
export { INVOICE_PAYMENTS_SQL } from './invoice-payments.ts';
export { invoicesPaidOnSql, receiptsByDaySql } from './paid-on.ts';
export { debtorsPayingFrom, knownPayerIbans } from './payer-debtors.ts';
export { paymentChangeTimeline } from './payment-change-timeline.ts';
export {
  createPayment,
  type PaymentInput,
  type PaymentWithAllocations,
} from './payment-service.ts';
export { paymentTimeline } from './payment-timeline.ts';
export { paymentsModule } from './payments-module.ts';
