export { type CreditCheckRequest, runCreditCheck } from './credit-check.ts';
export { creditCheckRoutes } from './credit-check-routes.ts';
