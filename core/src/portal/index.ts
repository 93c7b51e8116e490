export { portalModule } from './portal-module.ts';
export { portalSessionVerifier } from './portal-session-verifier.ts';
export { PORTAL_TOKEN_TYPE, portalTokenKey } from './portal-token.ts';
