import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../accounts/accounts.ts';
import { addPartnerMembership } from '../accounts/partners.ts';
import { enrolTotp } from '../accounts/second-factor.ts';
import { newTotpSecret } from '../accounts/totp.ts';
import { startCallbackServer } from '../testing/callback-server.ts';
import { launchChromium } from '../testing/chromium.ts';
import { verifyAccessToken } from '../testing/get-token.ts';
import {
  documentFacts,
  expectCleanPage,
  inlineCode,
  submitAndWait,
  type WatchedPage,
  watchPage,
} from '../testing/page-watch.ts';
import { CONSOLE_CLIENT, consoleRelyingParty, totpAt } from '../testing/sign-in-driver.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, startTestIdentity } from '../testing/test-identity.ts';
import { STYLESHEET_PATH } from './layout.ts';
import { MESSAGES } from './messages.ts';

// A real browser (Debian's Chromium through playwright-core) signs in through the real pages: what
// the HTTP-level flow test cannot see — the CSP as Chromium enforces it (form-action on the redirect
// back included), autofocus, what axe-core finds in the rendered pages.

const { pool } = await createTestDatabase();
const callback = await startCallbackServer();
const { issuer, masterKey } = await startTestIdentity(pool, {
  // The console client, its redirect URI this file's own callback server.
  firstPartyClients: [
    { ...CONSOLE_CLIENT, redirectUris: [callback.url], postLogoutRedirectUris: [`${callback.origin}/`] },
  ],
  roleScopes: TEST_ROLE_SCOPES,
  onError: (error) => console.error('SERVER ERROR', error),
});

const SCOPE = 'openid email profile ledger:read ledger:write';
const TENANT = 'ten_browser';
// A loaded 2-core machine: Chromium, argon2 and axe all compete for it.
const STEP_TIMEOUT = 60_000;

let chromium: Browser;
beforeAll(async () => {
  // Installs Debian's chromium first when it is missing: minutes on a fresh machine.
  chromium = await launchChromium();
}, 15 * 60_000);
afterAll(async () => chromium?.close());

async function newContext(language: Language): Promise<BrowserContext> {
  // The locale is the browser's Accept-Language: the first pages are in it.
  const locales = { en: 'en-GB', nl: 'nl-NL', de: 'de-DE', fr: 'fr-FR' } as const;
  const context = await chromium.newContext({ locale: locales[language] });
  context.setDefaultTimeout(STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT);
  return context;
}

/**
 * What every page of the flow must pass, as Chromium renders it: answered with the CSP, no inline
 * script or style, no violation reported so far, the page's language, and no axe-core violation.
 */
async function checkPage(
  watched: WatchedPage,
  language: Language,
  expected: { title: string; status: number },
) {
  await expectCleanPage(watched, { language, ...expected, stylesheet: STYLESHEET_PATH });
  const seen = watched.documents.at(-1);
  expect(seen?.url).toBe(watched.page.url());
  expect(seen?.csp).toContain(`form-action 'self' ${callback.origin}`);
}

/** The field's error: shown beside it, tied to it with aria-describedby, marked invalid, focused. */
async function expectFieldError(page: Page, fieldId: string, text: string) {
  const field = page.locator(`#${fieldId}`);
  expect(((await field.getAttribute('aria-describedby')) ?? '').split(' ')).toContain(`${fieldId}-error`);
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator(`#${fieldId}-error`).textContent()).toBe(text);
  expect(await page.getByRole('alert').textContent()).toContain(text);
  expect((await documentFacts(page)).focusedId).toBe(fieldId);
}

/** Every document of the flow from the identity server came with the CSP, and none broke it. */
function expectAllUnderCsp(watched: WatchedPage, pages: number) {
  const fromIssuer = watched.documents.filter((seen) => seen.url.startsWith(issuer));
  expect(fromIssuer).toHaveLength(pages);
  for (const seen of fromIssuer) expect(seen.csp, seen.url).toMatch(/^default-src 'none'; style-src 'self';/);
  expect(watched.violations).toEqual([]);
}

describe.each(['en', 'nl'] as const)(
  'a browser signs in to the console through the pages (%s)',
  (language) => {
    const m = MESSAGES[language];

    it(
      'enrols TOTP when forced, lands on the redirect URI with a code; the next sign-in asks for a fresh code',
      async () => {
        const person = await testPerson(pool, [{ tenantId: TENANT, roles: ['credit_manager'] }], {
          require2fa: [TENANT],
          language,
        });

        // First sign-in: e-mail, password, forced enrolment, recovery codes, back to the console.
        const rp = await consoleRelyingParty(issuer, SCOPE, callback.url);
        const context = await newContext(language);
        const first = await watchPage(context);
        const { page } = first;
        await page.goto(rp.url);
        await checkPage(first, language, { title: m.signInTitle, status: 200 });
        expect((await documentFacts(page)).focusedId).toBe('email');

        await page.getByLabel(m.emailLabel, { exact: true }).fill(person.email);
        await submitAndWait(first, page.getByRole('button', { name: m.continue, exact: true }));
        await checkPage(first, language, { title: m.signInTitle, status: 200 });
        expect((await documentFacts(page)).focusedId).toBe('password');

        await page.getByLabel(m.passwordLabel, { exact: true }).fill(person.password);
        await submitAndWait(first, page.getByRole('button', { name: m.signIn, exact: true }));
        await checkPage(first, language, { title: m.enrolTitle, status: 200 });
        expect(await page.getByRole('img', { name: m.qrAlt }).getAttribute('src')).toMatch(
          /^data:image\/png;base64,/,
        );
        // The QR code did render (a data: image the CSP allows).
        expect(
          await page
            .locator('img.qr')
            .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        ).toBeGreaterThan(0);
        const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
        expect(secret).toMatch(/^[A-Z2-7]{32}$/);

        const enrolCode = await totpAt(secret);
        await page.getByLabel(m.confirmCodeLabel, { exact: true }).fill(enrolCode);
        await submitAndWait(first, page.getByRole('button', { name: m.continue, exact: true }));
        await checkPage(first, language, { title: m.recoveryTitle, status: 200 });
        const codes = await page.locator('ul.codes li code').allTextContents();
        expect(codes).toHaveLength(10);
        for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

        // Continue: the interaction ends and Chromium follows the redirects (form-action allowing the
        // console's origin) to the local callback server.
        await submitAndWait(first, page.getByRole('button', { name: m.continue, exact: true }));
        expect(page.url().startsWith(`${callback.url}?`)).toBe(true);
        expect(callback.hits).toContain(page.url().slice(callback.origin.length));
        expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
        expectAllUnderCsp(first, 4);

        const tokens = await rp.exchange(page.url());
        expect(tokens.claims()?.sub).toBe(person.id);
        const { payload } = await verifyAccessToken(issuer, API_RESOURCE, tokens.access_token);
        expect(payload).toMatchObject({
          sub: person.id,
          tenant: TENANT,
          roles: ['credit_manager'],
          scope: 'ledger:read ledger:write',
        });
        await context.close();

        // Second sign-in, a fresh browser profile: a wrong password first, then the second factor.
        const again = await consoleRelyingParty(issuer, SCOPE, callback.url);
        const otherContext = await newContext(language);
        const second = await watchPage(otherContext);
        const other = second.page;
        await other.goto(again.url);
        await other.getByLabel(m.emailLabel, { exact: true }).fill(person.email);
        await submitAndWait(second, other.getByRole('button', { name: m.continue, exact: true }));
        await other.getByLabel(m.passwordLabel, { exact: true }).fill(`${person.password}!`);
        await submitAndWait(second, other.getByRole('button', { name: m.signIn, exact: true }));
        await checkPage(second, language, { title: m.signInTitle, status: 400 });
        await expectFieldError(other, 'password', m.wrongCredentials);

        await other.getByLabel(m.passwordLabel, { exact: true }).fill(person.password);
        await submitAndWait(second, other.getByRole('button', { name: m.signIn, exact: true }));
        await checkPage(second, language, { title: m.secondFactorTitle, status: 200 });
        expect((await documentFacts(other)).focusedId).toBe('code');

        // The enrolment's code again: refused, whether its 30 seconds are over or not.
        await other.getByLabel(m.codeLabel, { exact: true }).fill(enrolCode);
        await submitAndWait(second, other.getByRole('button', { name: m.continue, exact: true }));
        await checkPage(second, language, { title: m.secondFactorTitle, status: 400 });
        await expectFieldError(other, 'code', m.wrongCode);

        // The next step's code (accepted one step either side of now) signs in.
        await other.getByLabel(m.codeLabel, { exact: true }).fill(await totpAt(secret, 1));
        await submitAndWait(second, other.getByRole('button', { name: m.continue, exact: true }));
        expect(other.url().startsWith(`${callback.url}?`)).toBe(true);
        // e-mail, password, the wrong password, second factor, the refused code.
        expectAllUnderCsp(second, 5);

        const tokensAgain = await again.exchange(other.url());
        const access = await verifyAccessToken(issuer, API_RESOURCE, tokensAgain.access_token);
        expect(access.payload).toMatchObject({ sub: person.id, tenant: TENANT, roles: ['credit_manager'] });
        await otherContext.close();
      },
      5 * 60_000,
    );
  },
);

describe('a partner who is also staff, in German', () => {
  it(
    'chooses the publisher on an accessible choice page and gets its token',
    async () => {
      const m = MESSAGES.de;
      const person = await testPerson(pool, [{ tenantId: TENANT, roles: ['viewer'] }], { language: 'de' });
      await addPartnerMembership(pool, {
        accountId: person.id,
        publisherId: 'de.example',
        publisherName: 'Beispiel GmbH',
      });
      const secret = newTotpSecret();
      await enrolTotp(pool, masterKey, person.id, secret);

      const rp = await consoleRelyingParty(issuer, SCOPE, callback.url);
      const context = await newContext('de');
      const watched = await watchPage(context);
      const { page } = watched;
      await page.goto(rp.url);
      await page.getByLabel(m.emailLabel, { exact: true }).fill(person.email);
      await submitAndWait(watched, page.getByRole('button', { name: m.continue, exact: true }));
      await page.getByLabel(m.passwordLabel, { exact: true }).fill(person.password);
      await submitAndWait(watched, page.getByRole('button', { name: m.signIn, exact: true }));
      await page.getByLabel(m.codeLabel, { exact: true }).fill(await totpAt(secret));
      await submitAndWait(watched, page.getByRole('button', { name: m.continue, exact: true }));

      await checkPage(watched, 'de', { title: m.tenantTitle, status: 200 });
      await page.getByLabel('Beispiel GmbH (Plugin-Herausgeber)', { exact: true }).check();
      await submitAndWait(watched, page.getByRole('button', { name: m.continue, exact: true }));
      expect(page.url().startsWith(`${callback.url}?`)).toBe(true);
      // e-mail, password, second factor, the choice.
      expectAllUnderCsp(watched, 4);
      const { payload } = await verifyAccessToken(
        issuer,
        API_RESOURCE,
        (await rp.exchange(page.url())).access_token,
      );
      expect(payload).toMatchObject({ sub: person.id, publisher: 'de.example', roles: ['partner'] });
      expect(payload.tenant).toBeUndefined();
      await context.close();
    },
    5 * 60_000,
  );
});

describe('the violation watcher', () => {
  it('sees a violation when there is one (so its silence above means something)', async () => {
    const rp = await consoleRelyingParty(issuer, SCOPE, callback.url);
    const context = await newContext('en');
    const watched = await watchPage(context);
    await watched.page.goto(rp.url);
    expect(watched.violations).toEqual([]);
    // An inline style, as a page defect would add it: the CSP blocks it and the watcher hears of it.
    await watched.page.evaluate(
      "document.head.append(Object.assign(document.createElement('style'), { textContent: 'body { color: red }' }))",
    );
    // Both ways in: the page's event, and Chromium's console message.
    await expect.poll(() => watched.violations.length, { timeout: 30_000 }).toBe(2);
    expect(watched.violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^style-src-elem blocked inline on http:\/\/127\.0\.0\.1:\d+\/interaction\//),
        expect.stringMatching(/violates the following Content Security Policy directive 'style-src 'self''/),
      ]),
    );
    expect(await inlineCode(watched.page)).toMatchObject({ styleElements: 1 });
    await context.close();
  }, 120_000);
});
