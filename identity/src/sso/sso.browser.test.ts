import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../pages/messages.ts';
import { SSO_MESSAGES } from '../pages/sso-messages.ts';
import { startCallbackServer } from '../testing/callback-server.ts';
import { chromiumForFile } from '../testing/chromium.ts';
import { verifyAccessToken } from '../testing/get-token.ts';
import { axeViolations, submitAndWait, watchPage } from '../testing/page-watch.ts';
import { CONSOLE_CLIENT, consoleRelyingParty } from '../testing/sign-in-driver.ts';
import { startSsoPair } from '../testing/sso-pair.ts';
import { TEST_PASSWORD } from '../testing/test-accounts.ts';
import { API_RESOURCE } from '../testing/test-identity.ts';
import { SSO_CALLBACK_PATH } from './sso-cookie.ts';

// Upstream SSO in a real browser (Debian's Chromium): what the HTTP-level test cannot see — the hops
// to and from the tenant's provider under each page's CSP (form-action applies to the redirects after
// a post: the hop pages exist for it), the meta refresh they move on with, the refusal page's
// accessibility. The provider is another identity server on an address of its own (127.0.0.2),
// so the browser keeps the two servers' cookies apart as it would two hosts.

const callback = await startCallbackServer();
const TENANT = 'ten_acme_browser';
const { kredo, upstream, upstreamPerson } = await startSsoPair({
  tenantId: TENANT,
  clients: [{ ...CONSOLE_CLIENT, redirectUris: [callback.url], postLogoutRedirectUris: [] }],
  domains: ['acme.test'],
  defaultRole: 'viewer',
  upstreamHost: '127.0.0.2',
});
await upstreamPerson('hal@acme.test');
await upstreamPerson('ivy@acme.test');

const m = MESSAGES.en;
const newContext = chromiumForFile();

/** Signs in at Kredo as `typed`, and at the provider (whose pages are Kredo's too) as `atUpstream`. */
async function signInThroughProvider(typed: string, atUpstream: string) {
  const rp = await consoleRelyingParty(kredo.issuer, 'openid email profile ledger:read', callback.url);
  const context = await newContext('en-GB');
  const watched = await watchPage(context);
  const { page } = watched;
  await page.goto(rp.url);
  await page.getByLabel(m.emailLabel, { exact: true }).fill(typed);
  // The post, then the hop page, whose meta refresh goes on to the provider's sign-in.
  await submitAndWait(watched, page.getByRole('button', { name: m.continue, exact: true }));
  await page.waitForURL(`${upstream.issuer}/interaction/**`);
  expect(await page.getByLabel(m.emailLabel, { exact: true }).inputValue()).toBe(typed); // login_hint
  await page.getByLabel(m.emailLabel, { exact: true }).fill(atUpstream);
  await submitAndWait(watched, page.getByRole('button', { name: m.continue, exact: true }));
  await page.getByLabel(m.passwordLabel, { exact: true }).fill(TEST_PASSWORD);
  // The provider's redirects back end on Kredo's callback page (no CSP violation on the way).
  await submitAndWait(watched, page.getByRole('button', { name: m.signIn, exact: true }));
  return { rp, context, watched };
}

describe('upstream SSO in a browser', () => {
  it('goes to the provider and back under the pages’ CSP, and lands on the console with a token for the tenant', async () => {
    const { rp, context, watched } = await signInThroughProvider('hal@acme.test', 'hal@acme.test');
    const { page } = watched;
    await page.waitForURL(`${callback.url}?**`);
    await watched.settled();
    expect(watched.violations).toEqual([]);
    const hops = watched.documents.filter((seen) =>
      seen.url.startsWith(`${kredo.issuer}${SSO_CALLBACK_PATH}`),
    );
    expect(hops).toHaveLength(1);
    for (const seen of watched.documents.filter((d) => !d.url.startsWith(callback.origin)))
      expect(seen.csp, seen.url).toMatch(/^default-src 'none'; style-src 'self';/);
    const tokens = await rp.exchange(page.url());
    const { payload } = await verifyAccessToken(kredo.issuer, API_RESOURCE, tokens.access_token);
    expect(payload).toMatchObject({ tenant: TENANT, roles: ['viewer'] });
    await context.close();
  });

  it('shows the refusal as an accessible page with a way back', async () => {
    const { context, watched } = await signInThroughProvider('hal@acme.test', 'ivy@acme.test');
    const { page } = watched;
    await watched.settled();
    expect(watched.documents.at(-1)?.status).toBe(403);
    expect(await page.locator('h1').textContent()).toBe(SSO_MESSAGES.en.title);
    expect(await page.getByRole('alert').textContent()).toBe(SSO_MESSAGES.en.refused);
    expect(await axeViolations(page)).toEqual([]);
    expect(watched.violations).toEqual([]);
    // The way back starts the sign-in over at Kredo's e-mail step.
    await page.getByRole('link', { name: SSO_MESSAGES.en.restart }).click();
    await page.waitForURL(`${kredo.issuer}/interaction/**`);
    expect(await page.getByLabel(m.emailLabel, { exact: true }).isVisible()).toBe(true);
    await context.close();
  });
});
