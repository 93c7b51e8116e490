import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccountToken } from '../accounts/account-tokens.ts';
import { findAccountById, type Language } from '../accounts/accounts.ts';
import { createApp } from '../clients/apps.ts';
import type { Role } from '../provider/token-claims.ts';
import { startCallbackServer } from '../testing/callback-server.ts';
import { launchChromium } from '../testing/chromium.ts';
import { verifyAccessToken } from '../testing/get-token.ts';
import { documentFacts, expectCleanPage, submitAndWait, watchPage } from '../testing/page-watch.ts';
import { relyingParty } from '../testing/sign-in-driver.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, startTestIdentity } from '../testing/test-identity.ts';
import { CONSENT_MESSAGES } from './consent-messages.ts';
import { STYLESHEET_PATH } from './layout.ts';
import { MESSAGES } from './messages.ts';
import { VERIFY_MESSAGES } from './verify-messages.ts';

// The consent page and the applications page as Chromium renders them: the CSP enforced (the
// redirect back to the application after the post included), no inline code, axe-core clean.

const { pool } = await createTestDatabase();
const callback = await startCallbackServer();
const { issuer } = await startTestIdentity(pool, {
  roleScopes: TEST_ROLE_SCOPES,
  onError: (error) => console.error('SERVER ERROR', error),
});
const TENANT = 'ten_consent_browser';
const app = await createApp(
  pool,
  {
    tenantId: TENANT,
    name: 'Acme Reports',
    scopes: ['ledger:read', 'ledger:write'],
    redirectUris: [callback.url],
    confidential: true,
  },
  { actorId: null, ip: null },
);

let chromium: Browser;
beforeAll(async () => {
  chromium = await launchChromium();
}, 15 * 60_000);
afterAll(async () => chromium?.close());

/**
 * A person of the tenant with `roles`, in a fresh browser profile in `language`, opens the app's
 * authorization request and signs in with e-mail and password: the consent page is checked and open.
 */
async function consentPageFor(language: Language, roles: Role[], scope: string) {
  const person = await testPerson(pool, [{ tenantId: TENANT, roles }], { language });
  const rp = await relyingParty(issuer, app, scope, { redirectUri: callback.url });
  const locale = { en: 'en-GB', nl: 'nl-NL', de: 'de-DE', fr: 'fr-FR' }[language];
  const context = await chromium.newContext({ locale });
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  const watched = await watchPage(context);
  const { page } = watched;
  const m = MESSAGES[language];
  await page.goto(rp.url);
  await page.getByLabel(m.emailLabel, { exact: true }).fill(person.email);
  await submitAndWait(watched, page.getByRole('button', { name: m.continue, exact: true }));
  await page.getByLabel(m.passwordLabel, { exact: true }).fill(person.password);
  await submitAndWait(watched, page.getByRole('button', { name: m.signIn, exact: true }));
  const t = CONSENT_MESSAGES[language];
  await expectCleanPage(watched, { language, title: t.title, stylesheet: STYLESHEET_PATH });
  expect(watched.documents.at(-1)?.csp).toContain(`form-action 'self' ${callback.origin}`);
  expect((await documentFacts(page)).focusedId).toBe('allow');
  return { rp, context, watched, page, t };
}

describe('the consent page in a browser', () => {
  it(
    'allowing (French): only what the roles allow, back with a code; the applications page takes it back',
    async () => {
      const { rp, context, watched, page, t } = await consentPageFor(
        'fr',
        ['viewer'],
        'openid ledger:read ledger:write',
      );
      expect(await page.locator('ul.scopes li').allTextContents()).toEqual([
        t.scopes.openid,
        t.scopes['ledger:read'],
      ]);
      await submitAndWait(watched, page.getByRole('button', { name: t.allow, exact: true }));
      expect(page.url().startsWith(`${callback.url}?`)).toBe(true);
      const tokens = await rp.exchange(page.url());
      expect((await verifyAccessToken(issuer, API_RESOURCE, tokens.access_token)).payload).toMatchObject({
        client_id: app.clientId,
        tenant: TENANT,
        scope: 'ledger:read',
      });

      await page.goto(`${issuer}/account/applications`);
      const clean = { language: 'fr', title: t.appsTitle, stylesheet: STYLESHEET_PATH };
      await expectCleanPage(watched, clean);
      await submitAndWait(watched, page.getByRole('button', { name: t.revoke('Acme Reports'), exact: true }));
      await expectCleanPage(watched, clean);
      expect(await page.getByRole('status').textContent()).toBe(t.revoked('Acme Reports'));
      await context.close();
    },
    5 * 60_000,
  );

  it(
    'denying (German) sends the browser back to the application with access_denied',
    async () => {
      const { context, watched, page, t } = await consentPageFor(
        'de',
        ['admin'],
        'openid email ledger:read ledger:write',
      );
      expect(await page.locator('ul.scopes li').allTextContents()).toEqual([
        t.scopes.openid,
        t.scopes.email,
        t.scopes['ledger:read'],
        t.scopes['ledger:write'],
      ]);
      await submitAndWait(watched, page.getByRole('button', { name: t.deny, exact: true }));
      expect(page.url().startsWith(`${callback.url}?`)).toBe(true);
      expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
      await context.close();
    },
    5 * 60_000,
  );
});

describe('the account pages a mailed link opens, in a browser', () => {
  it(
    'the e-mail verification page (Dutch): one button, CSP and axe clean before and after',
    async () => {
      const person = await testPerson(pool, [{ tenantId: TENANT, roles: ['viewer'] }], { language: 'nl' });
      const { token } = await issueAccountToken(pool, {
        purpose: 'email_verification',
        accountId: person.id,
      });
      const v = VERIFY_MESSAGES.nl;
      const context = await chromium.newContext({ locale: 'nl-NL' });
      const watched = await watchPage(context);
      const { page } = watched;
      await page.goto(`${issuer}/account/verify-email/${token}`);
      const clean = { language: 'nl', title: v.title, stylesheet: STYLESHEET_PATH };
      await expectCleanPage(watched, clean);
      expect(await page.locator('main p').nth(1).textContent()).toBe(v.intro(person.email));
      await submitAndWait(watched, page.getByRole('button', { name: v.confirm, exact: true }));
      await expectCleanPage(watched, clean);
      expect(await page.getByRole('status').textContent()).toBe(v.verified);
      expect((await findAccountById(pool, person.id))?.emailVerified).toBe(true);
      await context.close();
    },
    5 * 60_000,
  );
});
