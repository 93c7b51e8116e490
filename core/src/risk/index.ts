export { BEHAVIOUR, type PaymentDelay, type PaymentDelays, paymentDelays } from './payment-delays.ts';
export { riskModule } from './risk-module.ts';
