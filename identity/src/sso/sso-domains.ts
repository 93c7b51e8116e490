/** What an admin puts in DNS to prove a domain: a TXT record with this prefix and the domain's token. */
export const TXT_PREFIX = 'kredo-domain-verification=';

/** The name beside the domain itself where the TXT record may be put instead. */
export const TXT_SUBDOMAIN = '_kredo';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** The domain as kept: lower-case, no trailing dot; undefined when it is not a DNS name of two labels or more. */
export function normaliseDomain(raw: string): string | undefined {
  const domain = raw.trim().toLowerCase().replace(/\.$/, '');
  return DOMAIN.test(domain) ? domain : undefined;
}

/** The domain of an e-mail address, lower-case: what routes it and what must be verified. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** The TXT record's whole text for a domain's token. */
export function txtRecord(token: string): string {
  return `${TXT_PREFIX}${token}`;
}
