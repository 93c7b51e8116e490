import { createServer } from 'node:net';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listPasskeys } from '../accounts/passkeys.ts';
import { startCallbackServer } from '../testing/callback-server.ts';
import { launchChromium } from '../testing/chromium.ts';
import { verifyAccessToken } from '../testing/get-token.ts';
import {
  axeViolations,
  inlineCode,
  submitAndWait,
  type WatchedPage,
  watchPage,
} from '../testing/page-watch.ts';
import { CONSOLE_CLIENT, consoleRelyingParty, totpAt } from '../testing/sign-in-driver.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, startTestIdentity } from '../testing/test-identity.ts';
import { MESSAGES } from './messages.ts';
import { PASSKEY_MESSAGES } from './passkey-messages.ts';
import { PASSKEY_SCRIPT_PATH } from './passkey-script.ts';

// Chromium's own WebAuthn, with its virtual authenticator (CDP WebAuthn domain): the page's script
// asks navigator.credentials, the authenticator makes and signs as a platform one would, the server
// verifies. The issuer is http://localhost:PORT: an IP address cannot be an RP id, and localhost is
// a secure context over plain HTTP.

const { pool } = await createTestDatabase();
const callback = await startCallbackServer();
const port = await freePort();
const { issuer } = await startTestIdentity(pool, {
  port,
  issuer: `http://localhost:${port}`,
  firstPartyClients: [
    { ...CONSOLE_CLIENT, redirectUris: [callback.url], postLogoutRedirectUris: [`${callback.origin}/`] },
  ],
  roleScopes: TEST_ROLE_SCOPES,
  onError: (error) => console.error('SERVER ERROR', error),
});
const SCOPE = 'openid email profile ledger:read';
const TENANT = 'ten_passkey';
const m = MESSAGES.en;
const p = PASSKEY_MESSAGES.en;

let chromium: Awaited<ReturnType<typeof launchChromium>>;
beforeAll(async () => {
  chromium = await launchChromium();
}, 15 * 60_000);
afterAll(async () => chromium?.close());

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

async function newContext(): Promise<BrowserContext> {
  const context = await chromium.newContext({ locale: 'en-GB' });
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  return context;
}

/** A platform authenticator with user verification (a fingerprint always accepted) on the page. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** The page as answered: the passkey script allowed by script-src 'self', nothing inline, axe clean. */
async function checkPage(watched: WatchedPage, title: string) {
  await watched.settled();
  const seen = watched.documents.at(-1);
  expect(seen?.status).toBe(200);
  expect(seen?.csp).toMatch(/^default-src 'none'; style-src 'self';.*; script-src 'self'$/);
  expect(seen?.csp).not.toContain('unsafe-inline');
  expect(await watched.page.locator('h1').textContent()).toBe(title);
  expect(await watched.page.locator(`script[src="${PASSKEY_SCRIPT_PATH}"]`).count()).toBe(1);
  expect(await inlineCode(watched.page)).toEqual({
    inlineScripts: 0,
    styleElements: 0,
    styleAttributes: 0,
    handlerAttributes: [],
  });
  expect(await axeViolations(watched.page)).toEqual([]);
  expect(watched.violations).toEqual([]);
}

it(
  'adds a passkey after TOTP enrolment with the virtual authenticator, then signs in with it alone',
  async () => {
    const person = await testPerson(pool, [{ tenantId: TENANT, roles: ['viewer'] }], {
      require2fa: [TENANT],
    });

    // First sign-in: e-mail, password, forced TOTP, then the passkey offered beside the recovery codes.
    const rp = await consoleRelyingParty(issuer, SCOPE, callback.url);
    const context = await newContext();
    const first = await watchPage(context);
    const { page } = first;
    const { cdp, authenticatorId } = await virtualAuthenticator(page);
    await page.goto(rp.url);
    await checkPage(first, m.signInTitle);
    await page.getByLabel(m.emailLabel, { exact: true }).fill(person.email);
    await submitAndWait(first, page.getByRole('button', { name: m.continue, exact: true }));
    await page.getByLabel(m.passwordLabel, { exact: true }).fill(person.password);
    await submitAndWait(first, page.getByRole('button', { name: m.signIn, exact: true }));
    const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByLabel(m.confirmCodeLabel, { exact: true }).fill(await totpAt(secret));
    await submitAndWait(first, page.getByRole('button', { name: m.continue, exact: true }));
    await checkPage(first, m.recoveryTitle);
    await submitAndWait(first, page.getByRole('button', { name: p.add, exact: true }));
    expect(page.url().startsWith(`${callback.url}?`)).toBe(true);
    expect(first.violations).toEqual([]);
    expect(await listPasskeys(pool, person.id)).toHaveLength(1);

    // The credential as Chromium's authenticator stores it: discoverable, for the issuer's host.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
    await context.close();

    // A new browser profile holding the same authenticator: "sign in with a passkey", nothing else.
    const again = await consoleRelyingParty(issuer, SCOPE, callback.url);
    const otherContext = await newContext();
    const second = await watchPage(otherContext);
    const other = await virtualAuthenticator(second.page);
    await other.cdp.send('WebAuthn.addCredential', {
      authenticatorId: other.authenticatorId,
      credential: credentials[0] as NonNullable<(typeof credentials)[0]>,
    });
    await second.page.goto(again.url);
    await checkPage(second, m.signInTitle);
    await submitAndWait(second, second.page.getByRole('button', { name: p.signInWithPasskey, exact: true }));
    expect(second.page.url().startsWith(`${callback.url}?`)).toBe(true);
    expect(second.violations).toEqual([]);
    const tokens = await again.exchange(second.page.url());
    expect(tokens.claims()?.sub).toBe(person.id);
    const { payload } = await verifyAccessToken(issuer, API_RESOURCE, tokens.access_token);
    expect(payload).toMatchObject({ sub: person.id, tenant: TENANT, roles: ['viewer'] });
    expect((await listPasskeys(pool, person.id))[0]?.lastUsedAt).not.toBeNull();
    await otherContext.close();
  },
  5 * 60_000,
);
