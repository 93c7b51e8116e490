export {
  type CreatedPayLink,
  createPayLink,
  type PayLinkDeps,
  type PayLinkRequest,
  storePayLink,
} from './create-pay-link.ts';
export { payLinkPaymentRecorder } from './pay-link-payment-recorder.ts';
export { payLinkRoutes } from './pay-link-routes.ts';
