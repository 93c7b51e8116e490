import { describe, expect, it } from 'vitest';
import { checkUpstreamClaims } from './upstream-claims.ts';

const expected = { typedEmail: 'Ann@Acme.example', verifiedDomains: ['acme.example'] };

describe('the upstream’s claims about the person', () => {
  it('accepts the typed address, case aside, of a verified domain, verified or not said', () => {
    expect(checkUpstreamClaims({ email: 'ann@acme.example' }, expected)).toEqual({
      ok: true,
      email: 'ann@acme.example',
    });
    expect(checkUpstreamClaims({ email: 'ANN@ACME.EXAMPLE', email_verified: true }, expected)).toMatchObject({
      ok: true,
    });
  });

  it.each([
    [{}, 'no_email'],
    [{ email: 'not an address' }, 'no_email'],
    [{ email: 'ann@acme.example', email_verified: false }, 'email_not_verified'],
    [{ email: 'ann@acme.example', email_verified: 'false' }, 'email_not_verified'],
    [{ email: 'ann@acme.example.evil' }, 'domain_not_verified'],
    [{ email: 'ann@sub.acme.example' }, 'domain_not_verified'],
    [{ email: 'bob@acme.example', email_verified: true }, 'other_email'],
  ])('refuses %j: %s', (claims, problem) => {
    expect(checkUpstreamClaims(claims, expected)).toEqual({ ok: false, problem });
  });
});
