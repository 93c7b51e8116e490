import { describe, expect, it } from 'vitest';
import { addPartnerMembership } from '../accounts/partners.ts';
import type { AuditEvent } from '../audit-event.ts';
import { Browser } from '../testing/browser.ts';
import { verifyAccessToken } from '../testing/get-token.ts';
import {
  CONSOLE_CLIENT,
  consoleRelyingParty,
  REDIRECT_URI,
  signInWithPassword,
  submit,
  totpAt,
} from '../testing/sign-in-driver.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, API_SCOPES, startTestIdentity } from '../testing/test-identity.ts';

// A person who is a tenant's staff and a publisher's partner: the partner membership forces a second
// factor, the choice page offers both, and the token carries the tenant or the publisher, never both.

const { pool } = await createTestDatabase();
const audit: AuditEvent[] = [];
const { issuer } = await startTestIdentity(pool, {
  firstPartyClients: [CONSOLE_CLIENT],
  apiScopes: [...API_SCOPES, 'marketplace:publish'],
  roleScopes: { ...TEST_ROLE_SCOPES, partner: ['marketplace:publish'] },
  onAudit: async (event) => void audit.push(event),
});
const SCOPE = 'openid ledger:read marketplace:publish';

async function staffAndPartner() {
  const person = await testPerson(pool, [{ tenantId: 'ten_alpha', roles: ['viewer'] }]);
  await addPartnerMembership(pool, {
    accountId: person.id,
    publisherId: 'com.example',
    publisherName: 'Example B.V.',
  });
  return person;
}

describe('a partner signing in', () => {
  it('must enrol a second factor, chooses the publisher, and gets a token with `publisher` and no tenant', async () => {
    const person = await staffAndPartner();
    const rp = await consoleRelyingParty(issuer, SCOPE);
    const browser = new Browser();
    let step = await signInWithPassword(browser, rp.url, person.email, person.password);
    // ten_alpha does not require 2FA; being a partner does.
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(step.body)?.[1]?.replace(/ /g, '') ?? '';
    expect(secret).toHaveLength(32);
    step = await submit(browser, step.url, step.body, 'enrol_totp', { code: await totpAt(secret) });
    step = await submit(browser, step.url, step.body, 'recovery_codes', {});

    expect(step.body).toContain('value="ten_alpha"');
    expect(step.body).toMatch(
      /value="publisher:com\.example"[^>]*><label for="tenant-1">Example B\.V\. \(plugin publisher\)</,
    );
    step = await submit(browser, step.url, step.body, 'tenant', { tenant: 'publisher:com.example' });
    expect(step.url.startsWith(REDIRECT_URI)).toBe(true);
    const { payload } = await verifyAccessToken(
      issuer,
      API_RESOURCE,
      (await rp.exchange(step.url)).access_token,
    );
    expect(payload).toMatchObject({
      sub: person.id,
      publisher: 'com.example',
      roles: ['partner'],
      scope: 'marketplace:publish',
    });
    expect(payload.tenant).toBeUndefined();
    expect(audit.filter((e) => e.type === 'sign_in.ok' && e.subjectId === person.id)).toEqual([
      expect.objectContaining({
        tenantId: null,
        details: expect.objectContaining({ publisherId: 'com.example' }),
      }),
    ]);

    // The same person as the tenant's viewer: the tenant, no publisher, no publishing.
    const again = await consoleRelyingParty(issuer, SCOPE);
    const other = new Browser();
    step = await signInWithPassword(other, again.url, person.email, person.password);
    step = await submit(other, step.url, step.body, 'second_factor', { code: await totpAt(secret, 1) });
    step = await submit(other, step.url, step.body, 'tenant', { tenant: 'ten_alpha' });
    const staff = await verifyAccessToken(
      issuer,
      API_RESOURCE,
      (await again.exchange(step.url)).access_token,
    );
    expect(staff.payload).toMatchObject({ tenant: 'ten_alpha', roles: ['viewer'], scope: 'ledger:read' });
    expect(staff.payload.publisher).toBeUndefined();
  });

  it('gives a partner-only account its publisher without a choice, and no token once the membership is disabled', async () => {
    const person = await testPerson(pool, []);
    await addPartnerMembership(pool, {
      accountId: person.id,
      publisherId: 'org.solo',
      publisherName: 'Solo',
    });
    const rp = await consoleRelyingParty(issuer, 'openid offline_access marketplace:publish');
    const browser = new Browser();
    let step = await signInWithPassword(browser, rp.url, person.email, person.password);
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(step.body)?.[1]?.replace(/ /g, '') ?? '';
    step = await submit(browser, step.url, step.body, 'enrol_totp', { code: await totpAt(secret) });
    step = await submit(browser, step.url, step.body, 'recovery_codes', {});
    expect(step.url.startsWith(REDIRECT_URI)).toBe(true);
    const tokens = await rp.exchange(step.url);
    expect((await verifyAccessToken(issuer, API_RESOURCE, tokens.access_token)).payload).toMatchObject({
      publisher: 'org.solo',
      roles: ['partner'],
    });

    await pool.query('update identity.partner_membership set disabled_at = now() where account_id = $1', [
      person.id,
    ]);
    const { refreshTokenGrant } = await import('openid-client');
    await expect(refreshTokenGrant(rp.config, tokens.refresh_token as string)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });
});
