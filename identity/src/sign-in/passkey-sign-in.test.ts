import { describe, expect, it } from 'vitest';
import { setAccountDisabled } from '../accounts/accounts.ts';
import { listPasskeys } from '../accounts/passkeys.ts';
import type { AuditEvent } from '../audit-event.ts';
import { PASSKEY_MESSAGES } from '../pages/passkey-messages.ts';
import { PASSKEY_SCRIPT, PASSKEY_SCRIPT_PATH } from '../pages/passkey-script.ts';
import { Browser } from '../testing/browser.ts';
import { verifyAccessToken } from '../testing/get-token.ts';
import {
  CONSOLE_CLIENT,
  consoleRelyingParty,
  passkeyOptions,
  REDIRECT_URI,
  signInWithPassword,
  startSignIn,
  submit,
  totpAt,
} from '../testing/sign-in-driver.ts';
import { SoftwareAuthenticator } from '../testing/software-authenticator.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, startTestIdentity } from '../testing/test-identity.ts';

// The passkey paths over HTTP, through the real pages and the real verification: what the page's
// script would post is made by a software authenticator (real keys, real signatures, node:crypto).

const { pool } = await createTestDatabase();
const audit: AuditEvent[] = [];
const { issuer } = await startTestIdentity(pool, {
  firstPartyClients: [CONSOLE_CLIENT],
  roleScopes: TEST_ROLE_SCOPES,
  onAudit: async (event) => void audit.push(event),
  onError: (error) => console.error('SERVER ERROR', error),
});
const SCOPE = 'openid email profile ledger:read';
const p = PASSKEY_MESSAGES.en;

/** A person with TOTP enrolled (forced) and, on the recovery codes page, a passkey added. */
async function personWithPasskey() {
  const person = await testPerson(pool, [{ tenantId: 'ten_pk', roles: ['viewer'] }], {
    require2fa: ['ten_pk'],
  });
  const authenticator = new SoftwareAuthenticator(issuer);
  const rp = await consoleRelyingParty(issuer, SCOPE);
  const browser = new Browser();
  let step = await signInWithPassword(browser, rp.url, person.email, person.password);
  const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(step.body)?.[1]?.replace(/ /g, '') ?? '';
  step = await submit(browser, step.url, step.body, 'enrol_totp', { code: await totpAt(secret) });
  expect(step.body).toContain(`<h2>${p.addTitle}</h2>`);
  const creation = passkeyOptions(step.body, 'create');
  expect(creation.rp.id).toBe(new URL(issuer).hostname);
  const passkey = JSON.stringify(authenticator.create(creation));
  step = await submit(browser, step.url, step.body, 'recovery_codes', { passkey });
  expect(step.url.startsWith(REDIRECT_URI)).toBe(true);
  return { person, authenticator };
}

describe('passkeys at sign-in', () => {
  it('serves the script as a script, and the pages with it get script-src self and nothing inline', async () => {
    const response = await fetch(`${issuer}${PASSKEY_SCRIPT_PATH}`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe(PASSKEY_SCRIPT);
    const rp = await consoleRelyingParty(issuer, SCOPE);
    // startSignIn's page() checks the CSP against the script tag (sign-in-driver.ts).
    const first = await startSignIn(new Browser(), rp.url);
    expect(first.body).toContain(`<script type="module" src="${PASSKEY_SCRIPT_PATH}"></script>`);
    expect(passkeyOptions(first.body, 'get')).toMatchObject({
      userVerification: 'required',
      allowCredentials: [],
    });
  });

  it('adds a passkey after TOTP enrolment (audited), then signs in with it alone: no password, no code', async () => {
    const { person, authenticator } = await personWithPasskey();
    expect((await listPasskeys(pool, person.id)).map((k) => k.name)).toEqual([p.defaultName]);
    expect(audit.filter((e) => e.subjectId === person.id && e.type === 'passkey.enrolled')).toMatchObject([
      { tenantId: 'ten_pk', actorId: person.id },
    ]);

    const rp = await consoleRelyingParty(issuer, SCOPE);
    const browser = new Browser();
    const first = await startSignIn(browser, rp.url);
    const assertion = JSON.stringify(authenticator.get(passkeyOptions(first.body, 'get')));
    const done = await submit(browser, first.url, first.body, 'email', { passkey: assertion });
    expect(done.url.startsWith(REDIRECT_URI)).toBe(true);
    const tokens = await rp.exchange(done.url);
    expect(tokens.claims()).toMatchObject({ sub: person.id, email: person.email });
    const { payload } = await verifyAccessToken(issuer, API_RESOURCE, tokens.access_token);
    expect(payload).toMatchObject({ sub: person.id, tenant: 'ten_pk' });
    const ok = audit.filter((e) => e.subjectId === person.id && e.type === 'sign_in.ok').at(-1);
    expect(ok?.details).toMatchObject({ amr: ['hwk', 'user'] });

    // The same assertion again, in a new sign-in: another challenge, and its counter is spent.
    const again = await startSignIn(new Browser(), rp.url);
    const replayed = await submit(new Browser(), again.url, again.body, 'email', { passkey: assertion });
    expect(replayed.status).not.toBe(303);
  });

  it('refuses a replay on the same page (the challenge is single use) and a cloned authenticator', async () => {
    const { authenticator } = await personWithPasskey();
    const clone = authenticator.clone();
    const rp = await consoleRelyingParty(issuer, SCOPE);
    const browser = new Browser();
    const first = await startSignIn(browser, rp.url);
    const options = passkeyOptions(first.body, 'get');
    const assertion = JSON.stringify(authenticator.get(options));
    const wrong = await submit(browser, first.url, first.body, 'email', { passkey: '{"id":"nope"}' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain(p.refused);
    // The failed attempt took the challenge the assertion was made for: it no longer passes.
    const late = await submit(browser, first.url, wrong.body, 'email', { passkey: assertion });
    expect(late.status).toBe(400);
    // The original signs in; the clone, behind on the counter, is refused.
    const fresh = passkeyOptions(late.body, 'get');
    const good = await submit(browser, first.url, late.body, 'email', {
      passkey: JSON.stringify(authenticator.get(fresh)),
    });
    expect(good.url.startsWith(REDIRECT_URI)).toBe(true);
    const other = new Browser();
    const second = await startSignIn(other, rp.url);
    const cloned = JSON.stringify(clone.get(passkeyOptions(second.body, 'get')));
    expect((await submit(other, second.url, second.body, 'email', { passkey: cloned })).status).toBe(400);
  });

  it('offers the passkey first as the second factor after the password', async () => {
    const { person, authenticator } = await personWithPasskey();
    const rp = await consoleRelyingParty(issuer, SCOPE);
    const browser = new Browser();
    const step = await signInWithPassword(browser, rp.url, person.email, person.password);
    const passkeyAt = step.body.indexOf('data-passkey="get"');
    expect(passkeyAt).toBeGreaterThan(0);
    expect(passkeyAt).toBeLessThan(step.body.indexOf('id="code"'));
    const options = passkeyOptions(step.body, 'get');
    expect(options.allowCredentials.map((c: { id: string }) => c.id)).toHaveLength(1);
    const passkey = JSON.stringify(authenticator.get(options));
    const done = await submit(browser, step.url, step.body, 'second_factor', { passkey });
    expect(done.url.startsWith(REDIRECT_URI)).toBe(true);
    const ok = audit.filter((e) => e.subjectId === person.id && e.type === 'sign_in.ok').at(-1);
    expect(ok?.details).toMatchObject({ amr: ['pwd', 'hwk'] });
  });

  it('refuses the passkey of a disabled account', async () => {
    const { person, authenticator } = await personWithPasskey();
    await setAccountDisabled(pool, person.id, true);
    const rp = await consoleRelyingParty(issuer, SCOPE);
    const browser = new Browser();
    const first = await startSignIn(browser, rp.url);
    const passkey = JSON.stringify(authenticator.get(passkeyOptions(first.body, 'get')));
    const refused = await submit(browser, first.url, first.body, 'email', { passkey });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain(p.refused);
  });
});
