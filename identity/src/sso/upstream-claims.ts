import { domainOf } from './sso-domains.ts';

/** Why an upstream's answer does not sign anyone in (audited as the reason). */
export type ClaimsProblem = 'no_email' | 'email_not_verified' | 'domain_not_verified' | 'other_email';

export type ClaimsCheck = { ok: true; email: string } | { ok: false; problem: ClaimsProblem };

/**
 * The upstream's claims about the person, checked (the tokens themselves were checked by
 * openid-client): an e-mail is required; one the upstream says is not verified is refused (absent:
 * the provider vouches for its own users); its domain must be one of the tenant's verified domains,
 * and it must be the address the person typed, case aside (no arriving as someone else).
 */
export function checkUpstreamClaims(
  claims: Record<string, unknown>,
  expected: { typedEmail: string; verifiedDomains: readonly string[] },
): ClaimsCheck {
  const email = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (!email.includes('@')) return { ok: false, problem: 'no_email' };
  if (claims.email_verified === false || claims.email_verified === 'false')
    return { ok: false, problem: 'email_not_verified' };
  if (!expected.verifiedDomains.includes(domainOf(email)))
    return { ok: false, problem: 'domain_not_verified' };
  if (email.toLowerCase() !== expected.typedEmail.trim().toLowerCase())
    return { ok: false, problem: 'other_email' };
  return { ok: true, email };
}
