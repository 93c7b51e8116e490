/** Where the identity server's pages for mailed links live (pages/account-pages.ts serves them). */
export const ACCOUNT_PATHS = {
  invitation: '/account/invitation/',
  passwordReset: '/account/password-reset',
  /** A signed-in person's applications (third-party apps they allowed), to take access back. */
  applications: '/account/applications',
  /** A mailed link that proves the account's e-mail address. */
  emailVerification: '/account/verify-email/',
} as const;

/** The link an invitation mail carries: the page to set a first password, on the identity server's public URL. */
export function invitationLink(issuer: string, token: string): string {
  return `${issuer.replace(/\/$/, '')}${ACCOUNT_PATHS.invitation}${encodeURIComponent(token)}`;
}

/** The link a password-reset mail carries. */
export function passwordResetLink(issuer: string, token: string): string {
  return `${issuer.replace(/\/$/, '')}${ACCOUNT_PATHS.passwordReset}/${encodeURIComponent(token)}`;
}

/** The link an e-mail verification mail carries. */
export function emailVerificationLink(issuer: string, token: string): string {
  return `${issuer.replace(/\/$/, '')}${ACCOUNT_PATHS.emailVerification}${encodeURIComponent(token)}`;
}
