import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { createApp, revokeApp } from '../clients/apps.ts';
import { Browser, hiddenValue } from '../testing/browser.ts';
import { oauthError, verifyAccessToken } from '../testing/get-token.ts';
import { page, REDIRECT_URI, relyingParty, signInWithPassword, submit } from '../testing/sign-in-driver.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, startTestIdentity } from '../testing/test-identity.ts';

const { pool } = await createTestDatabase();
const { issuer } = await startTestIdentity(pool, {
  roleScopes: TEST_ROLE_SCOPES,
  onError: (error) => console.error('SERVER ERROR', error),
});
const nobody = { actorId: null, ip: null };

/** A tenant's reporting app, confidential, allowed to ask for reading and writing the ledger. */
async function reportingApp(tenantId: string, confidential = true) {
  return createApp(
    pool,
    {
      tenantId,
      name: 'Acme Reports',
      scopes: ['ledger:read', 'ledger:write'],
      redirectUris: [REDIRECT_URI],
      confidential,
    },
    nobody,
  );
}

/** The app as its relying party (openid-client 6) on this file's identity server. */
const thirdParty = (app: { clientId: string; clientSecret: string | null }, scope: string, prompt?: string) =>
  relyingParty(issuer, app, scope, prompt ? { prompt } : {});

describe('third-party applications: consent, remembered and revocable', () => {
  it('denying sends access_denied back to the application; nothing is remembered', async () => {
    const person = await testPerson(pool, [{ tenantId: 'ten_deny', roles: ['viewer'] }]);
    const app = await reportingApp('ten_deny');
    const rp = await thirdParty(app, 'openid ledger:read');
    const browser = new Browser();
    const consent = await signInWithPassword(browser, rp.url, person.email, person.password);
    expect(consent.body).toContain('Acme Reports asks to:');
    const back = await submit(browser, consent.url, consent.body, 'consent', { decision: 'deny' });
    expect(back.url.startsWith(REDIRECT_URI)).toBe(true);
    expect(new URL(back.url).searchParams.get('error')).toBe('access_denied');
    expect(await oauthError(rp.exchange(back.url))).toBe('access_denied');

    // Asked again next time: a denial is not remembered.
    const again = await thirdParty(app, 'openid ledger:read');
    const page2 = await signInWithPassword(new Browser(), again.url, person.email, person.password);
    expect(page2.body).toContain('Acme Reports asks to:');
  });

  it('offers only what the roles allow, gives tokens for the app’s tenant once allowed, remembers it, and the person takes it back', async () => {
    const person = await testPerson(pool, [
      { tenantId: 'ten_other', roles: ['admin'] },
      { tenantId: 'ten_apps', roles: ['viewer'] },
    ]);
    const app = await reportingApp('ten_apps');
    const rp = await thirdParty(app, 'openid email offline_access ledger:read ledger:write', 'consent');
    const browser = new Browser();
    const consent = await signInWithPassword(browser, rp.url, person.email, person.password);

    // No tenant choice (the app's tenant is its own); the scopes in words, ledger:write left out
    // (a viewer may not write the ledger).
    expect(consent.body).toContain('<h1>Allow access?</h1>');
    expect(consent.body).toContain(`You are signed in as ${person.email}.`);
    for (const words of [
      'Know who you are',
      'See your e-mail address',
      'Keep this access while you are away',
      'See debtors, invoices and payments',
    ])
      expect(consent.body).toContain(words);
    expect(consent.body).not.toContain('Create and change debtors');
    // Forms are CSRF-bound: a post without the sign-in's token is refused.
    const forged = await browser.post(consent.url, {
      csrf: 'x'.repeat(43),
      step: 'consent',
      decision: 'allow',
    });
    expect(forged.status).toBe(403);
    // In Dutch when asked.
    const dutch = await page(await browser.get(`${consent.url}?lang=nl`));
    expect(dutch).toContain('Acme Reports vraagt om:');
    expect(dutch).toContain('Debiteuren, facturen en betalingen zien');

    const back = await submit(browser, consent.url, dutch, 'consent', { decision: 'allow' });
    expect(back.url.startsWith(REDIRECT_URI)).toBe(true);
    const tokens = await rp.exchange(back.url);
    expect(tokens.claims()).toMatchObject({ sub: person.id, email: person.email, aud: app.clientId });
    const { payload } = await verifyAccessToken(issuer, API_RESOURCE, tokens.access_token);
    expect(payload).toMatchObject({
      sub: person.id,
      client_id: app.clientId,
      tenant: 'ten_apps',
      roles: ['viewer'],
      scope: 'ledger:read',
    });
    const refreshed = await client.refreshTokenGrant(rp.config, tokens.refresh_token as string);

    // Remembered: the next request (no prompt=consent) goes straight back with a code.
    const quiet = await thirdParty(app, 'openid ledger:read');
    const direct = await browser.follow(quiet.url, REDIRECT_URI);
    expect(direct.url.startsWith(REDIRECT_URI)).toBe(true);
    expect((await quiet.exchange(direct.url)).access_token).toBeTruthy();

    // The person's applications page lists it; taking it back revokes the refresh token at once.
    const stranger = await new Browser().get(`${issuer}/account/applications`);
    expect(stranger.status).toBe(401);
    expect(await page(stranger)).toContain('You are not signed in.');
    const apps = await page(await browser.get(`${issuer}/account/applications`));
    expect(apps).toContain('<h2>Acme Reports</h2>');
    expect(apps).toContain('See debtors, invoices and payments');
    const forgedRevoke = await browser.post(`${issuer}/account/applications`, {
      csrf: 'x'.repeat(32),
      client: app.clientId,
    });
    expect(forgedRevoke.status).toBe(403);
    const revoked = await page(
      await browser.post(`${issuer}/account/applications`, {
        csrf: hiddenValue(apps, 'csrf'),
        client: app.clientId,
      }),
    );
    expect(revoked).toContain('Acme Reports no longer has access.');
    expect(revoked).toContain('You have not allowed any application.');
    expect(await oauthError(client.refreshTokenGrant(rp.config, refreshed.refresh_token as string))).toBe(
      'invalid_grant',
    );
    // And the next request asks again.
    const asked = await browser.follow((await thirdParty(app, 'openid ledger:read')).url, REDIRECT_URI);
    expect(asked.url).toMatch(/\/interaction\//);
    expect(await asked.response.text()).toContain('Acme Reports asks to:');
  });

  it('a public app (PKCE alone) works too; a person of another tenant gets no access; revoking the app ends its grants', async () => {
    const person = await testPerson(pool, [{ tenantId: 'ten_public', roles: ['admin'] }]);
    const app = await reportingApp('ten_public', false);
    expect(app.clientSecret).toBeNull();
    const rp = await thirdParty(app, 'openid offline_access ledger:read ledger:write', 'consent');
    const browser = new Browser();
    const consent = await signInWithPassword(browser, rp.url, person.email, person.password);
    expect(consent.body).toContain('Create and change debtors');
    const back = await submit(browser, consent.url, consent.body, 'consent', { decision: 'allow' });
    const tokens = await rp.exchange(back.url);
    expect((await verifyAccessToken(issuer, API_RESOURCE, tokens.access_token)).payload.scope).toBe(
      'ledger:read ledger:write',
    );

    const outsider = await testPerson(pool, [{ tenantId: 'ten_elsewhere', roles: ['admin'] }]);
    const denied = await signInWithPassword(
      new Browser(),
      (await thirdParty(app, 'openid')).url,
      outsider.email,
      outsider.password,
    );
    expect(denied.status).toBe(403);
    expect(denied.body).toContain('no access to any organisation');

    expect(await revokeApp(pool, 'ten_other_tenant', app.clientId, nobody)).toBe(false);
    expect(await revokeApp(pool, 'ten_public', app.clientId, nobody)).toBe(true);
    expect(await oauthError(client.refreshTokenGrant(rp.config, tokens.refresh_token as string))).toBe(
      'invalid_client',
    );
  });
});
