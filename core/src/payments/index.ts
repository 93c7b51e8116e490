export { paymentTimeline } from './payment-timeline.ts';
export { paymentsModule } from './payments-module.ts';
