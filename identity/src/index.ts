// @kredo/identity: Kredo's OpenID Connect server (oidc-provider on PostgreSQL). What core calls.

export { ACCOUNT_PATHS, invitationLink, passwordResetLink } from './accounts/account-links.ts';
export {
  ACCOUNT_TOKEN_TTL_SECONDS,
  type AccountTokenPurpose,
  consumeAccountToken,
  issueAccountToken,
  peekAccountToken,
} from './accounts/account-tokens.ts';
export {
  type Account,
  AccountInputError,
  addMembership,
  createAccount,
  findAccountByEmail,
  findAccountById,
  LANGUAGES,
  type Language,
  type Membership,
  membershipsOf,
  setAccountDisabled,
  setPassword,
  setTenantPolicy,
} from './accounts/accounts.ts';
export {
  changeMember,
  changeTenantPolicy,
  countMembers,
  findMember,
  inviteMember,
  isActiveMember,
  listMembers,
  MEMBER_AUDIT_TYPES,
  type Member,
  setMemberDisabled,
  tenantPolicy,
} from './accounts/members.ts';
export {
  addPartnerMembership,
  invitePartner,
  isPublisherId,
  listPartners,
  PARTNER_AUDIT_TYPES,
  type Partner,
  type PartnerInvitation,
  type PartnerMembership,
  partnerMembershipsOf,
} from './accounts/partners.ts';
export {
  enrolPasskey,
  hasPasskey,
  listPasskeys,
  type Passkey,
  type PasskeyAudit,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  type RelyingParty,
  relyingPartyOf,
  removePasskey,
  verifyPasskey,
} from './accounts/passkeys.ts';
export { type PasswordProblem, passwordProblem } from './accounts/password-rules.ts';
export { replaceRecoveryCodes } from './accounts/recovery-codes.ts';
export { type ResendRefusal, resendInvitation } from './accounts/resend-invitation.ts';
export { enrolTotp, hasTotp, removeTotp } from './accounts/second-factor.ts';
export { listSessions, revokeAllSessions, revokeSession, type SessionView } from './accounts/sessions.ts';
export { newTotpSecret, totpSecretFromBytes, totpUri } from './accounts/totp.ts';
export type { FirstPartyClient } from './adapter/client-adapter.ts';
export { sweepExpired } from './adapter/payload-adapter.ts';
export {
  AUDIT_TYPES,
  type AuditActor,
  AuditInputError,
  type AuditRecord,
  listAudit,
  recordAudit,
} from './audit/audit-log.ts';
export type { AuditEvent, AuditEventType, OnAudit } from './audit-event.ts';
export {
  type ApiClient,
  ApiClientInputError,
  createApiClient,
  listApiClients,
  type NewApiClient,
  putApiClient,
  revokeApiClient,
} from './clients/api-clients.ts';
export { type App, type AppInput, createApp, listApps, type NewApp, revokeApp } from './clients/apps.ts';
export {
  createPublisherClient,
  listPublisherClients,
  PUBLISHER_CLIENT_AUDIT_TYPES,
  type PublisherClient,
  revokePublisherClient,
} from './clients/publisher-clients.ts';
export { migrateIdentity } from './db/migrate.ts';
export type { Queryable } from './db/queryable.ts';
export { type Rotation, rotateKeys } from './keys/key-store.ts';
// Core's own pages for debtors (the portal's hosted sign-in) are written as identity's are.
export { type Html, html } from './pages/html.ts';
export { STYLESHEET } from './pages/stylesheet.ts';
export {
  createIdentityProvider,
  type IdentityOptions,
  type IdentityProvider,
} from './provider/create-identity-provider.ts';
export { type AccountClaims, type FindAccountClaims, ROLES, type Role } from './provider/token-claims.ts';
export { DEFAULT_TTL, type IdentityTtl, keyGrace } from './provider/ttl.ts';
export {
  clientAddress,
  type ProxyTrust,
  parseProxyTrust,
  type RequestOrigin,
} from './server/client-address.ts';
export {
  type IdentityServer,
  type IdentityServerOptions,
  startIdentityServer,
} from './server/start-identity-server.ts';
export type { AccountMail, SendAccountMail } from './sign-in/account-handler.ts';
export { type Consent, listConsents, revokeConsent } from './sign-in/app-consent.ts';
export type { RoleScopes } from './sign-in/first-party-grant.ts';
export { membershipClaims } from './sign-in/grant-membership.ts';
export type { TenantNames } from './sign-in/sign-in-context.ts';
export { THROTTLE } from './sign-in/throttle-policy.ts';
export { type DnsOptions, verifySsoDomain } from './sso/domain-verification.ts';
export { SSO_CALLBACK_PATH } from './sso/sso-cookie.ts';
export { TXT_PREFIX, TXT_SUBDOMAIN } from './sso/sso-domains.ts';
export { SsoInputError } from './sso/sso-input-error.ts';
export {
  configureSso,
  findSsoProvider,
  SSO_AUDIT_TYPES,
  type SsoDomain,
  type SsoProvider,
  type SsoProviderInput,
} from './sso/sso-provider.ts';
