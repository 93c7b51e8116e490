export { payLinkPaymentRecorder } from './pay-link-payment-recorder.ts';
export { payLinkRoutes } from './pay-link-routes.ts';
export { payLinksModule } from './pay-links-module.ts';
