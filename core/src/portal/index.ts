export { confirmationTimeline } from './confirmation-timeline.ts';
export { withPortalCors } from './portal-cors.ts';
export { portalModule } from './portal-module.ts';
export { portalWriteDebtor, reachableInvoice } from './portal-reach.ts';
export { created, portalDebtorId } from './portal-request-context.ts';
export { portalSessionVerifier } from './portal-session-verifier.ts';
export { PORTAL_TOKEN_TYPE, portalTokenKey } from './portal-token.ts';
