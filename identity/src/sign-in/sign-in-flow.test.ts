import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { addMembership, setAccountDisabled } from '../accounts/accounts.ts';
import type { AuditEvent } from '../audit-event.ts';
import { Browser } from '../testing/browser.ts';
import { oauthError, verifyAccessToken } from '../testing/get-token.ts';
import {
  CONSOLE_CLIENT,
  consoleRelyingParty,
  page,
  REDIRECT_URI,
  signInWithPassword,
  startSignIn,
  submit,
  totpAt,
} from '../testing/sign-in-driver.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, startTestIdentity } from '../testing/test-identity.ts';

const { pool } = await createTestDatabase();
const audit: AuditEvent[] = [];
const { issuer } = await startTestIdentity(pool, {
  firstPartyClients: [CONSOLE_CLIENT],
  roleScopes: TEST_ROLE_SCOPES,
  onAudit: async (event) => void audit.push(event),
  onError: (error) => console.error('SERVER ERROR', error),
});

const SCOPE = 'openid email profile offline_access ledger:read ledger:write';

describe('signing in to the console: authorization code + PKCE through the real pages', () => {
  it('enrols TOTP when the tenant requires it, chooses the tenant, and gives tokens core accepts; refresh tokens rotate', async () => {
    const person = await testPerson(
      pool,
      [
        { tenantId: 'ten_alpha', roles: ['admin'] },
        { tenantId: 'ten_beta', roles: ['viewer'] },
      ],
      { require2fa: ['ten_alpha'] },
    );
    const rp = await consoleRelyingParty(issuer, SCOPE);
    const browser = new Browser();

    let step = await startSignIn(browser, rp.url);
    expect(step.body).toContain('<html lang="en">');
    expect(step.body).toMatch(/<label for="email">E-mail address<\/label>/);
    step = await submit(browser, step.url, step.body, 'email', { email: person.email.toUpperCase() });
    expect(step.body).toContain('autocomplete="current-password"');
    step = await submit(browser, step.url, step.body, 'password', { password: person.password });

    // Enrolment is forced: a QR code as a data: URL, the secret as text.
    expect(step.body).toMatch(/<img class="qr" src="data:image\/png;base64,[^"]+" alt="QR code/);
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(step.body)?.[1]?.replace(/ /g, '') ?? '';
    expect(secret).toHaveLength(32);
    const wrong = await submit(browser, step.url, step.body, 'enrol_totp', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('aria-describedby="code-error"');
    expect(wrong.body).toContain('aria-invalid="true"');
    step = await submit(browser, step.url, wrong.body, 'enrol_totp', { code: await totpAt(secret) });
    const codes = [...step.body.matchAll(/<li><code>([a-z2-9-]{19})<\/code><\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    step = await submit(browser, step.url, step.body, 'recovery_codes', {});

    // Two memberships: the person chooses.
    expect(step.body).toContain('value="ten_alpha"');
    expect(step.body).toContain('value="ten_beta"');
    step = await submit(browser, step.url, step.body, 'tenant', { tenant: 'ten_alpha' });
    expect(step.url.startsWith(REDIRECT_URI)).toBe(true);

    const tokens = await rp.exchange(step.url);
    expect(tokens.claims()).toMatchObject({
      sub: person.id,
      email: person.email,
      aud: CONSOLE_CLIENT.clientId,
    });
    const { payload } = await verifyAccessToken(issuer, API_RESOURCE, tokens.access_token);
    expect(payload).toMatchObject({
      sub: person.id,
      client_id: 'kredo-console',
      aud: API_RESOURCE,
      tenant: 'ten_alpha',
      roles: ['admin'],
      scope: 'ledger:read ledger:write',
    });

    // Refresh: a new refresh token each time, and the old one is refused once used.
    const first = tokens.refresh_token as string;
    expect(first).toBeTruthy();
    const refreshed = await client.refreshTokenGrant(rp.config, first);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(first);
    expect((await verifyAccessToken(issuer, API_RESOURCE, refreshed.access_token)).payload.tenant).toBe(
      'ten_alpha',
    );
    expect(await oauthError(client.refreshTokenGrant(rp.config, first))).toBe('invalid_grant');

    const types = audit
      .filter((event) => event.subjectId === person.id)
      .map((event) => `${event.type} ${event.tenantId}`);
    // Enrolling concerns the person, not one tenant: each of its tenants' logs has it.
    expect(types).toEqual(['totp.enrolled ten_alpha', 'totp.enrolled ten_beta', 'sign_in.ok ten_alpha']);
    expect(audit.find((event) => event.type === 'sign_in.ok' && event.subjectId === person.id)).toMatchObject(
      {
        tenantId: 'ten_alpha',
        actorId: person.id,
        ip: expect.any(String),
      },
    );

    // The next sign-in asks for a code; a recovery code works once.
    const again = await consoleRelyingParty(issuer, SCOPE);
    const other = new Browser();
    step = await signInWithPassword(other, again.url, person.email, person.password);
    expect(step.body).toContain('autocomplete="one-time-code"');
    step = await submit(other, step.url, step.body, 'second_factor', {
      code: (codes[0] as string).toUpperCase(),
    });
    step = await submit(other, step.url, step.body, 'tenant', { tenant: 'ten_beta' });
    const viewer = await again.exchange(step.url);
    // The viewer membership: ledger:write was asked for and is not given.
    expect((await verifyAccessToken(issuer, API_RESOURCE, viewer.access_token)).payload).toMatchObject({
      tenant: 'ten_beta',
      roles: ['viewer'],
      scope: 'ledger:read',
    });
    expect(audit.some((event) => event.type === 'recovery_code.used' && event.subjectId === person.id)).toBe(
      true,
    );
  });

  it('asks nothing more of a person with one membership and no 2FA, in their language', async () => {
    const person = await testPerson(pool, [{ tenantId: 'ten_gamma', roles: ['collector'] }], {
      language: 'de',
    });
    const rp = await consoleRelyingParty(issuer, 'openid ledger:read');
    const browser = new Browser({ 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' });
    let step = await startSignIn(browser, rp.url);
    expect(step.body).toContain('<html lang="fr">');
    step = await submit(browser, step.url, step.body, 'email', { email: person.email });
    // The e-mail is not looked up before the password: still the browser's language.
    expect(step.body).toContain('<html lang="fr">');
    // The switch wins.
    const switched = await browser.get(`${step.url}?lang=nl`);
    expect(await page(switched)).toContain('<html lang="nl">');
    step = await submit(browser, step.url, step.body, 'password', { password: person.password });
    expect(step.url.startsWith(REDIRECT_URI)).toBe(true);
    const tokens = await rp.exchange(step.url);
    expect(tokens.refresh_token).toBeUndefined();
    const { payload } = await verifyAccessToken(issuer, API_RESOURCE, tokens.access_token);
    expect(payload).toMatchObject({ tenant: 'ten_gamma', roles: ['collector'], scope: 'ledger:read' });
  });

  it('reads roles afresh at each refresh, and a disabled account gets no more tokens nor a sign-in', async () => {
    const person = await testPerson(pool, [{ tenantId: 'ten_delta', roles: ['viewer'] }]);
    const rp = await consoleRelyingParty(issuer, 'openid offline_access ledger:read ledger:write');
    const browser = new Browser();
    let step = await signInWithPassword(browser, rp.url, person.email, person.password);
    const tokens = await rp.exchange(step.url);

    await addMembership(pool, { accountId: person.id, tenantId: 'ten_delta', roles: ['credit_manager'] });
    const refreshed = await client.refreshTokenGrant(rp.config, tokens.refresh_token as string);
    const { payload } = await verifyAccessToken(issuer, API_RESOURCE, refreshed.access_token);
    // The roles follow the membership; the scopes stay those granted at sign-in (a new sign-in widens them).
    expect(payload).toMatchObject({ roles: ['credit_manager'], scope: 'ledger:read' });

    await setAccountDisabled(pool, person.id, true);
    expect(await oauthError(client.refreshTokenGrant(rp.config, refreshed.refresh_token as string))).toBe(
      'invalid_grant',
    );
    const again = await consoleRelyingParty(issuer, 'openid');
    const other = new Browser();
    step = await signInWithPassword(other, again.url, person.email, person.password);
    expect(step.body).toContain('The e-mail address or the password is wrong.');
  });

  it("refuses a post without the CSRF token, and an interaction whose cookie is not this browser's", async () => {
    const rp = await consoleRelyingParty(issuer, 'openid ledger:read');
    const browser = new Browser();
    const step = await startSignIn(browser, rp.url);
    const forged = await browser.post(step.url, { csrf: 'x', step: 'email', email: 'a@example.com' });
    expect(forged.status).toBe(403);
    await page(forged);
    const stranger = await new Browser().get(step.url);
    expect(stranger.status).toBe(400);
    expect(await page(stranger)).toContain('expired');
  });

  it("signs out through its own page; without a session, oidc-provider's auto-submit runs by its hash only", async () => {
    const person = await testPerson(pool, [{ tenantId: 'ten_gamma', roles: ['viewer'] }]);
    const rp = await consoleRelyingParty(issuer, 'openid');
    const browser = new Browser();
    const step = await signInWithPassword(browser, rp.url, person.email, person.password);
    await rp.exchange(step.url);

    const endSession = `${issuer}/session/end?client_id=kredo-console&post_logout_redirect_uri=${encodeURIComponent('http://127.0.0.1:5173/')}`;
    const question = await browser.get(endSession);
    expect(question.status).toBe(200);
    const body = await page(question);
    expect(body).toContain('form="op.logoutForm"');
    expect(question.headers.get('content-security-policy')).toContain(
      "form-action 'self' http://127.0.0.1:5173;",
    );
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(body)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
    const done = await browser.post(action, { xsrf, logout: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('http://127.0.0.1:5173/');

    // Signed out: no session, so oidc-provider posts the confirmation by itself, a hashed script.
    const auto = await browser.get(endSession);
    const csp = auto.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');

    const stylesheet = await fetch(`${issuer}/assets/sign-in.css`);
    expect(stylesheet.headers.get('content-type')).toMatch(/^text\/css/);
  });
});
