export { markPayLinkPaid, payLinksByReference, type ReferencedPayLink } from './pay-link-lookups.ts';
export { payLinkPaymentRecorder } from './pay-link-payment-recorder.ts';
export { payLinkRoutes } from './pay-link-routes.ts';
export { payLinksModule } from './pay-links-module.ts';
export { portalPayLinkRoute } from './portal-pay-link-route.ts';
