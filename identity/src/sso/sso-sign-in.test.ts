import { describe, expect, it } from 'vitest';
import { addMembership, createAccount, findAccountByEmail, setTenantPolicy } from '../accounts/accounts.ts';
import { listMembers } from '../accounts/members.ts';
import { enrolPasskey, passkeyRegistrationOptions, relyingPartyOf } from '../accounts/passkeys.ts';
import type { AuditEvent } from '../audit-event.ts';
import { Browser, type Browser as BrowserType, hiddenValue } from '../testing/browser.ts';
import { verifyAccessToken } from '../testing/get-token.ts';
import {
  CONSOLE_CLIENT,
  consoleRelyingParty,
  page,
  passkeyOptions,
  REDIRECT_URI,
  startSignIn,
  submit,
} from '../testing/sign-in-driver.ts';
import { SoftwareAuthenticator } from '../testing/software-authenticator.ts';
import { startSsoPair } from '../testing/sso-pair.ts';
import { TEST_PASSWORD } from '../testing/test-accounts.ts';
import { API_RESOURCE } from '../testing/test-identity.ts';
import { SSO_CALLBACK_PATH } from './sso-cookie.ts';

// Kredo's identity server and another as Acme's own provider (testing/sso-pair.ts): acme.test is
// verified through DNS, acme-labs.test is not.
const TENANT = 'ten_acme';
const audit: AuditEvent[] = [];
const { kredo, kredoDb, upstream, upstreamPerson } = await startSsoPair({
  tenantId: TENANT,
  clients: [CONSOLE_CLIENT],
  domains: ['acme.test', 'acme-labs.test'],
  unverified: ['acme-labs.test'],
  defaultRole: 'collector',
  onAudit: async (event) => void audit.push(event),
});

/** The href of a hop page's link, which its meta refresh also goes to. */
function hopLink(body: string): string {
  const href = /<a class="button" href="([^"]+)"/.exec(body)?.[1] ?? '';
  expect(body).toContain(`<meta http-equiv="refresh" content="0; url=${href}">`);
  return href.replaceAll('&amp;', '&');
}

/**
 * Kredo's sign-in up to Acme's provider's answer: the e-mail typed at Kredo, the hop page to the
 * provider, its own e-mail and password pages (as `upstreamEmail`); the page Kredo's callback gives.
 */
async function throughUpstream(
  browser: BrowserType,
  authorizationUrl: string,
  typed: string,
  upstreamEmail: string,
) {
  const first = await startSignIn(browser, authorizationUrl);
  const hop = await submit(browser, first.url, first.body, 'email', { email: typed });
  expect(hop.status).toBe(200);
  const atUpstream = await browser.follow(new URL(hopLink(hop.body), hop.url).href);
  expect(atUpstream.url.startsWith(`${upstream.issuer}/interaction/`)).toBe(true);
  const upstreamPage = await page(atUpstream.response);
  expect(upstreamPage).toContain(`value="${typed}"`); // the login_hint
  const password = await submit(browser, atUpstream.url, upstreamPage, 'email', { email: upstreamEmail });
  return submit(browser, password.url, password.body, 'password', { password: TEST_PASSWORD });
}

const SCOPE = 'openid email profile ledger:read';

describe('upstream SSO: a tenant’s own OpenID provider signs its people in', () => {
  it('routes a verified domain to the provider, provisions the person just in time with the default role, and ends with a Kredo token for the tenant', async () => {
    await upstreamPerson('ann@acme.test');
    const rp = await consoleRelyingParty(kredo.issuer, SCOPE);
    const browser = new Browser();
    const back = await throughUpstream(browser, rp.url, 'Ann@ACME.test', 'ann@acme.test');
    expect(back.url.startsWith(`${kredo.issuer}${SSO_CALLBACK_PATH}?`)).toBe(true);
    expect(back.status).toBe(200);
    const done = await browser.follow(new URL(hopLink(back.body), back.url).href, REDIRECT_URI);
    expect(done.url.startsWith(REDIRECT_URI)).toBe(true);

    const tokens = await rp.exchange(done.url);
    const account = await findAccountByEmail(kredoDb.pool, 'ann@acme.test');
    expect(account).toMatchObject({ name: 'Ann Acme', disabled: false });
    const { payload } = await verifyAccessToken(kredo.issuer, API_RESOURCE, tokens.access_token);
    expect(payload).toMatchObject({ sub: account?.id, tenant: TENANT, roles: ['collector'] });
    // An account without a password, yet no invitee: it signed in.
    expect(await listMembers(kredoDb.pool, TENANT)).toContainEqual(
      expect.objectContaining({ id: account?.id, roles: ['collector'], status: 'active' }),
    );
    const types = audit.filter((e) => e.subjectId === account?.id).map((e) => e.type);
    expect(types).toEqual(['user.provisioned', 'sso.sign_in.ok', 'sign_in.ok']);
    expect(audit.find((e) => e.type === 'sign_in.ok' && e.subjectId === account?.id)?.details).toMatchObject({
      amr: ['ext'],
    });

    // The second time the account is found, not provisioned again, and its role kept.
    const again = await consoleRelyingParty(kredo.issuer, SCOPE);
    const second = await throughUpstream(new Browser(), again.url, 'ann@acme.test', 'ann@acme.test');
    expect(second.status).toBe(200);
    expect(audit.filter((e) => e.type === 'user.provisioned' && e.subjectId === account?.id)).toHaveLength(1);
  });

  it('signs an existing account of the domain in through the provider, not by password: its roles kept, its tenant chosen', async () => {
    const fay = await createAccount(kredoDb.pool, {
      email: 'fay@acme.test',
      name: 'Fay',
      language: 'en',
      password: TEST_PASSWORD,
    });
    await addMembership(kredoDb.pool, { accountId: fay.id, tenantId: TENANT, roles: ['admin'] });
    await addMembership(kredoDb.pool, { accountId: fay.id, tenantId: 'ten_other', roles: ['viewer'] });
    await upstreamPerson('fay@acme.test');
    const rp = await consoleRelyingParty(kredo.issuer, SCOPE);
    const browser = new Browser();
    const back = await throughUpstream(browser, rp.url, 'fay@acme.test', 'fay@acme.test');
    const choice = await browser.follow(new URL(hopLink(back.body), back.url).href, REDIRECT_URI);
    const body = await page(choice.response);
    expect(body).toContain('value="ten_acme"');
    expect(body).toContain('value="ten_other"');
    const done = await submit(browser, choice.url, body, 'tenant', { tenant: TENANT });
    const tokens = await rp.exchange(done.url);
    const { payload } = await verifyAccessToken(kredo.issuer, API_RESOURCE, tokens.access_token);
    expect(payload).toMatchObject({ sub: fay.id, tenant: TENANT, roles: ['admin'] });
    expect(audit.filter((e) => e.type === 'user.provisioned' && e.subjectId === fay.id)).toEqual([]);
  });

  it('sends a passkey of the domain’s account to the provider too: the provider decides', async () => {
    const gus = await createAccount(kredoDb.pool, { email: 'gus@acme.test', name: 'Gus', language: 'en' });
    await addMembership(kredoDb.pool, { accountId: gus.id, tenantId: TENANT, roles: ['viewer'] });
    const authenticator = new SoftwareAuthenticator(kredo.issuer);
    const rp = relyingPartyOf(kredo.issuer);
    const creation = await passkeyRegistrationOptions(kredoDb.pool, rp, { id: gus.id, email: gus.email });
    await enrolPasskey(kredoDb.pool, rp, {
      accountId: gus.id,
      response: authenticator.create(creation),
      expectedChallenge: creation.challenge,
      name: 'test',
    });
    const browser = new Browser();
    const first = await startSignIn(browser, (await consoleRelyingParty(kredo.issuer, SCOPE)).url);
    const passkey = JSON.stringify(authenticator.get(passkeyOptions(first.body, 'get')));
    const hop = await submit(browser, first.url, first.body, 'email', { passkey });
    expect(hopLink(hop.body).startsWith(`${upstream.issuer}/auth?`)).toBe(true);
    expect(new URL(hopLink(hop.body)).searchParams.get('login_hint')).toBe('gus@acme.test');
  });

  it('refuses an upstream e-mail outside the tenant’s verified domains, or another than the one typed', async () => {
    await upstreamPerson('bea@acme-labs.test');
    await upstreamPerson('cas@acme.test');
    for (const [typed, upstreamEmail, reason] of [
      ['bob@acme.test', 'bea@acme-labs.test', 'domain_not_verified'],
      ['bob@acme.test', 'cas@acme.test', 'other_email'],
    ] as const) {
      const rp = await consoleRelyingParty(kredo.issuer, SCOPE);
      const refused = await throughUpstream(new Browser(), rp.url, typed, upstreamEmail);
      expect(refused.status).toBe(403);
      expect(refused.body).toContain('role="alert"');
      expect(await findAccountByEmail(kredoDb.pool, upstreamEmail)).toBeUndefined();
      expect(audit.at(-1)).toMatchObject({
        type: 'sso.sign_in.failed',
        tenantId: TENANT,
        details: { reason, email: typed },
      });
    }
  });

  it('does not route a domain that is not verified: its people get the password step', async () => {
    const rp = await consoleRelyingParty(kredo.issuer, SCOPE);
    const browser = new Browser();
    const first = await startSignIn(browser, rp.url);
    const next = await submit(browser, first.url, first.body, 'email', { email: 'dora@acme-labs.test' });
    expect(next.body).toContain('autocomplete="current-password"');
  });

  it('refuses a callback with a wrong state, one brought in another browser, and an id token with a wrong nonce', async () => {
    const bogus = await new Browser().get(`${kredo.issuer}${SSO_CALLBACK_PATH}?code=x&state=not-a-state`);
    expect(bogus.status).toBe(400);
    await page(bogus);

    await upstreamPerson('eve@acme.test');
    // The answer brought in another browser (a code pushed on someone): no cookie, no sign-in.
    const rp = await consoleRelyingParty(kredo.issuer, SCOPE);
    const browser = new Browser();
    const first = await startSignIn(browser, rp.url);
    const hop = await submit(browser, first.url, first.body, 'email', { email: 'eve@acme.test' });
    const atUpstream = await browser.follow(new URL(hopLink(hop.body), hop.url).href);
    const emailStep = await submit(browser, atUpstream.url, await page(atUpstream.response), 'email', {
      email: 'eve@acme.test',
    });
    // Tamper with the nonce Kredo expects, then let the provider answer.
    await kredoDb.pool.query(
      `update identity.sso_request set nonce = 'tampered' where email = 'eve@acme.test'`,
    );
    const callback = await upstreamRedirect(browser, emailStep.url, emailStep.body);
    const elsewhere = await new Browser().get(callback);
    expect(elsewhere.status).toBe(400);
    // In its own browser the state is good but the id token's nonce is not the one expected.
    const refused = await browser.get(callback);
    expect(refused.status).toBe(403);
    expect(audit.at(-1)).toMatchObject({ type: 'sso.sign_in.failed', details: { email: 'eve@acme.test' } });
    expect(audit.at(-1)?.details.reason).toBe('OAUTH_JWT_CLAIM_COMPARISON_FAILED'); // the nonce
    expect(await findAccountByEmail(kredoDb.pool, 'eve@acme.test')).toBeUndefined();
    // Taken once: the same answer again is no good either.
    expect((await browser.get(callback)).status).toBe(400);
  });

  it('holds a person the provider signed in to the tenant’s 2FA policy, as after a password', async () => {
    await setTenantPolicy(kredoDb.pool, TENANT, { require2fa: true });
    await upstreamPerson('jan@acme.test');
    const rp = await consoleRelyingParty(kredo.issuer, SCOPE);
    const browser = new Browser();
    const back = await throughUpstream(browser, rp.url, 'jan@acme.test', 'jan@acme.test');
    const next = await browser.follow(new URL(hopLink(back.body), back.url).href, REDIRECT_URI);
    expect(await page(next.response)).toMatch(/<img class="qr" src="data:image\/png;base64,/);
    await setTenantPolicy(kredoDb.pool, TENANT, { require2fa: false });
  });
});

/** Posts the provider's password step and returns the URL it sends the browser to (Kredo's callback). */
async function upstreamRedirect(browser: BrowserType, url: string, body: string): Promise<string> {
  const posted = await browser.post(url, {
    csrf: hiddenValue(body, 'csrf'),
    step: 'password',
    password: TEST_PASSWORD,
  });
  let location = new URL(posted.headers.get('location') ?? '', url).href;
  while (!location.startsWith(`${kredo.issuer}${SSO_CALLBACK_PATH}`)) {
    const next = await browser.get(location);
    location = new URL(next.headers.get('location') ?? '', location).href;
  }
  return location;
}
