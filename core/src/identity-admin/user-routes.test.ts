import { Browser, consoleRelyingParty, hiddenValue, page, signInWithPassword } from '@kredo/identity/testing';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { apiResource, startKredoIdentity } from '../app/identity.ts';
import { createTestApi } from '../app/test-api.ts';
import { identityTokenVerifier } from '../auth/identity-token.ts';
import { ROLE_SCOPES } from '../auth/roles.ts';
import { loadConfig } from '../config/load-config.ts';
import { startTestSmtp } from '../dunning/deliver-test-fixtures.ts';
import { freePort } from '../shared/free-port.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';

// The whole round on one database: a tenant admin invites through core's API, the invitation comes
// over real SMTP, the person sets a password on the identity server's page and signs in through the
// sign-in pages; roles, deactivation and the reset flow are checked in the tokens people get.
const smtp = await startTestSmtp();
afterAll(() => smtp.close());
const port = await freePort();
const issuer = `http://127.0.0.1:${port}`;
const settings = {
  identityPort: port,
  identityPublicUrl: issuer,
  publicUrl: 'http://127.0.0.1:3000',
  consoleRedirectUris: ['http://127.0.0.1:5173/callback'],
  smtpUrl: smtp.url,
  mailFrom: 'Kredo <kredo@example.com>',
};
const config = loadConfig({}, settings);
const { db, newTenant, caller } = await createTestApi({
  config: settings,
  identity: identityTokenVerifier({ issuer, audience: apiResource(config) }),
});
const identity = await startKredoIdentity(config, db.url, kredoLogger('silent'));
afterAll(() => identity.close());

const acme = await newTenant('Acme BV');
const globex = await newTenant('Globex BV');
const acmeAdmin = await caller(acme.tenantId, [...ROLE_SCOPES.admin], 'usr_acme_admin');
const globexAdmin = await caller(globex.tenantId, [...ROLE_SCOPES.admin], 'usr_globex_admin');
const PASSWORD = 'a long and unusual phrase';

async function mailTo(address: string, after = 0) {
  for (let i = 0; i < 100; i++) {
    const mail = smtp.received.slice(after).find((m) => m.to && JSON.stringify(m.to).includes(address));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${address}`);
}
const linkIn = (text: string | undefined) => /(http:\/\/\S+\/account\/\S+)/.exec(text ?? '')?.[1] as string;

/** Signs in through the pages as the console; the access token's claims, or the page that stopped it. */
async function signIn(email: string, password: string) {
  const rp = await consoleRelyingParty(issuer, 'openid offline_access ledger:read');
  const step = await signInWithPassword(new Browser(), rp.url, email, password);
  if (!step.url.startsWith('http://127.0.0.1:5173/callback'))
    return { page: step.body, claims: undefined, refresh: undefined };
  const tokens = await rp.exchange(step.url);
  // The console is a public client: its refresh is a plain POST to the token endpoint.
  // Refresh tokens rotate: each call uses the one the previous answer gave.
  let refreshToken = tokens.refresh_token as string;
  const refresh = async () => {
    const answer = await fetch(`${issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'kredo-console',
        refresh_token: refreshToken,
      }),
    });
    const body = (await answer.json()) as { access_token?: string; refresh_token?: string; error?: string };
    if (body.refresh_token) refreshToken = body.refresh_token;
    return { status: answer.status, body };
  };
  return { page: '', claims: decodeJwt(tokens.access_token), refresh };
}

/** Opens a mailed link and posts the new password with the page's CSRF token. */
async function setPasswordAt(link: string, password: string) {
  const browser = new Browser();
  const form = await browser.get(link);
  expect(form.status).toBe(200);
  const body = await page(form);
  expect(body).toContain('autocomplete="new-password"');
  expect(body).toContain('aria-describedby="password-hint"');
  const saved = await browser.post(link, { csrf: hiddenValue(body, 'csrf'), password });
  return { status: saved.status, body: await page(saved) };
}

async function invite(email: string, roles: string[], key: string) {
  return acmeAdmin(
    'POST',
    '/api/v1/users',
    { email, name: 'Carla Collector', language: 'en', roles },
    { 'idempotency-key': key },
  );
}

describe('users through the API', () => {
  it('invites: the mail carries a single-use link, the password set there signs in, with the roles given', async () => {
    const invited = await invite('carla@acme.example', ['collector'], 'inv-carla');
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      email: 'carla@acme.example',
      roles: ['collector'],
      administrations: null,
      status: 'invited',
      disabled: false,
      totpEnrolled: false,
      invitation: { mailed: true, problem: null },
    });
    const mail = await mailTo('carla@acme.example');
    expect(mail.subject).toBe('Your invitation to Kredo');
    const link = linkIn(mail.text);
    expect(link.startsWith(`${issuer}/account/invitation/`)).toBe(true);
    // Only the hash is kept: the token appears nowhere in identity's tables.
    const token = link.split('/').at(-1) as string;
    const { rows } = await identity.identity.pool.query(
      'select count(*)::int as n from identity.account_token where token_sha256 = $1',
      [token],
    );
    expect(rows[0].n).toBe(0);

    const weak = await setPasswordAt(link, 'short');
    expect(weak.status).toBe(400);
    expect(weak.body).toContain('too short');
    const saved = await setPasswordAt(link, PASSWORD);
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('Your password is saved');
    expect((await new Browser().get(link)).status).toBe(410);

    const { claims } = await signIn('carla@acme.example', PASSWORD);
    expect(claims).toMatchObject({ tenant: acme.tenantId, roles: ['collector'] });
    const listed = await acmeAdmin('GET', '/api/v1/users');
    expect(listed.body.data).toEqual([
      expect.objectContaining({ email: 'carla@acme.example', status: 'active', id: invited.body.id }),
    ]);
    const audit = await acmeAdmin('GET', '/api/v1/audit-events?type=invitation.accepted');
    expect(audit.body.data).toEqual([expect.objectContaining({ subjectId: invited.body.id })]);
    expect((await invite('CARLA@acme.example', ['viewer'], 'inv-carla-2')).body.code).toBe('user_exists');
  });

  it("changes roles (the next token carries them, audited 'role.changed'); deactivation refuses the tenant at sign-in", async () => {
    await invite('dirk@acme.example', ['viewer'], 'inv-dirk');
    const link = linkIn((await mailTo('dirk@acme.example')).text);
    await setPasswordAt(link, PASSWORD);
    const id = (await acmeAdmin('GET', '/api/v1/users')).body.data.find(
      (u: { email: string }) => u.email === 'dirk@acme.example',
    ).id;

    const patched = await acmeAdmin('PATCH', `/api/v1/users/${id}`, { roles: ['credit_manager'] });
    expect(patched.status).toBe(200);
    expect(patched.body.roles).toEqual(['credit_manager']);
    expect((await signIn('dirk@acme.example', PASSWORD)).claims).toMatchObject({ roles: ['credit_manager'] });
    const audit = await acmeAdmin('GET', '/api/v1/audit-events?type=role.changed');
    expect(audit.body.data[0]).toMatchObject({
      subjectId: id,
      actorId: 'usr_acme_admin',
      details: { before: { roles: ['viewer'] }, after: { roles: ['credit_manager'] } },
    });

    const before = await signIn('dirk@acme.example', PASSWORD);
    const refresh = before.refresh as NonNullable<typeof before.refresh>;
    expect(decodeJwt((await refresh()).body.access_token as string)).toMatchObject({
      roles: ['credit_manager'],
    });
    expect((await acmeAdmin('POST', `/api/v1/users/${id}/deactivate`)).body.disabled).toBe(true);
    // A refresh token from before the deactivation gives no more access tokens for the tenant.
    const stale = await refresh();
    expect(stale).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const refused = await signIn('dirk@acme.example', PASSWORD);
    expect(refused.claims).toBeUndefined();
    expect(refused.page).toContain('no access');
    expect((await acmeAdmin('POST', `/api/v1/users/${id}/reactivate`)).body.disabled).toBe(false);
    expect((await signIn('dirk@acme.example', PASSWORD)).claims).toMatchObject({ tenant: acme.tenantId });

    // Another tenant's admin sees no such user.
    expect((await globexAdmin('PATCH', `/api/v1/users/${id}`, { roles: ['viewer'] })).status).toBe(404);
    expect((await globexAdmin('POST', `/api/v1/users/${id}/deactivate`)).body.code).toBe('user_not_found');
    expect((await globexAdmin('GET', '/api/v1/users')).body.data).toEqual([]);
  });

  it('refuses escalation: a caller gives no role, and changes no user, beyond its own scopes', async () => {
    const limited = await caller(acme.tenantId, [...ROLE_SCOPES.collector, 'identity:manage'], 'usr_limited');
    const refused = await limited(
      'POST',
      '/api/v1/users',
      { email: 'eve@acme.example', name: 'Eve', roles: ['viewer', 'admin'] },
      { 'idempotency-key': 'inv-eve' },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual({ field: 'roles[1]' });
    const manager = (await acmeAdmin('GET', '/api/v1/users')).body.data.find((u: { roles: string[] }) =>
      u.roles.includes('credit_manager'),
    );
    const demote = await limited('POST', `/api/v1/users/${manager.id}/deactivate`);
    expect(demote.status).toBe(400);
    expect(demote.body.details).toEqual({ field: 'id' });
  });

  it('sets the 2FA policy, audited', async () => {
    const put = await acmeAdmin('PUT', '/api/v1/identity/policy', { require2fa: false });
    expect(put).toMatchObject({ status: 200, body: { require2fa: false } });
    const audit = await acmeAdmin('GET', '/api/v1/audit-events?type=policy.changed');
    expect(audit.body.data[0]).toMatchObject({ details: { require2fa: false } });
  });
});

describe('password reset', () => {
  async function askReset(email: string) {
    const browser = new Browser();
    const form = await page(await browser.get(`${issuer}/account/password-reset?lang=en`));
    const answer = await browser.post(`${issuer}/account/password-reset`, {
      csrf: hiddenValue(form, 'csrf'),
      email,
    });
    return { status: answer.status, body: await page(answer) };
  }

  it('answers the same for an unknown address, mails a single-use link to a known one, and the new password signs in', async () => {
    await invite('rita@acme.example', ['viewer'], 'inv-rita');
    await setPasswordAt(linkIn((await mailTo('rita@acme.example')).text), PASSWORD);
    const sentBefore = smtp.received.length;

    const unknown = await askReset('nobody@acme.example');
    const known = await askReset('rita@acme.example');
    expect(unknown.status).toBe(200);
    expect(known).toEqual(unknown);
    const mail = await mailTo('rita@acme.example', sentBefore);
    expect(mail.subject).toBe('Reset your Kredo password');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.slice(sentBefore)).toHaveLength(1);

    const link = linkIn(mail.text);
    const NEW = 'another long passphrase here';
    expect((await setPasswordAt(link, NEW)).status).toBe(200);
    expect((await new Browser().get(link)).status).toBe(410);
    expect((await signIn('rita@acme.example', PASSWORD)).claims).toBeUndefined();
    expect((await signIn('rita@acme.example', NEW)).claims).toMatchObject({ tenant: acme.tenantId });
    const audit = await acmeAdmin('GET', '/api/v1/audit-events?type=password.reset');
    expect(audit.body.data).toHaveLength(1);
  });

  it('refuses a post without the CSRF cookie', async () => {
    const answer = await new Browser().post(`${issuer}/account/password-reset`, {
      csrf: 'x'.repeat(32),
      email: 'a@b.c',
    });
    expect(answer.status).toBe(403);
  });

  it('offers the reset on the sign-in password step', async () => {
    const rp = await consoleRelyingParty(issuer, 'openid ledger:read');
    const browser = new Browser();
    const first = await browser.follow(rp.url);
    const body = await page(first.response);
    const step = await browser.post(first.url, {
      csrf: hiddenValue(body, 'csrf'),
      step: 'email',
      email: 'rita@acme.example',
    });
    const next = await browser.follow(new URL(step.headers.get('location') as string, first.url).href);
    expect(await page(next.response)).toContain('href="/account/password-reset?lang=');
  });
});

describe("dunning's assignees are the tenant's users", () => {
  it('refuses a collector or an assignee who is not an active member, naming the field, once the tenant has users', async () => {
    const users = (await acmeAdmin('GET', '/api/v1/users')).body.data as { id: string; email: string }[];
    const carla = (users.find((u) => u.email === 'carla@acme.example') as { id: string }).id;
    const debtor = (collector: string | null, number: string) =>
      acmeAdmin(
        'POST',
        '/api/v1/debtors',
        { administrationId: acme.administrationId, number, name: `Debtor ${number}`, collector },
        { 'idempotency-key': `dbt-${number}` },
      );
    const stranger = await debtor('usr_stranger', 'A-1');
    expect(stranger.status).toBe(400);
    expect(stranger.body.details).toEqual({ field: 'collector' });
    const created = await debtor(carla, 'A-2');
    expect(created.status).toBe(201);
    expect((await debtor(null, 'A-3')).status).toBe(201);
    const patched = await acmeAdmin('PATCH', `/api/v1/debtors/${created.body.id}`, {
      collector: 'usr_globex_admin',
    });
    expect(patched.body.details).toEqual({ field: 'collector' });

    const task = (assignee: string) =>
      acmeAdmin(
        'POST',
        '/api/v1/tasks',
        { debtorId: created.body.id, title: 'Call', dueOn: '2027-01-04', assignee },
        { 'idempotency-key': `tsk-${assignee}` },
      );
    expect((await task('usr_stranger')).body.details).toEqual({ field: 'assignee' });
    const made = await task(carla);
    expect(made.status).toBe(201);
    expect(
      (await acmeAdmin('PATCH', `/api/v1/tasks/${made.body.id}`, { assignee: 'nobody' })).body.details,
    ).toEqual({
      field: 'assignee',
    });
    const reassign = await acmeAdmin('POST', '/api/v1/tasks/reassign', { from: carla, to: 'usr_stranger' });
    expect(reassign.body.details).toEqual({ field: 'to' });

    // A deactivated member is no assignee; reactivated, it is again.
    await acmeAdmin('POST', `/api/v1/users/${carla}/deactivate`);
    expect((await acmeAdmin('PATCH', `/api/v1/tasks/${made.body.id}`, { assignee: carla })).status).toBe(400);
    await acmeAdmin('POST', `/api/v1/users/${carla}/reactivate`);
    expect((await acmeAdmin('PATCH', `/api/v1/tasks/${made.body.id}`, { assignee: carla })).status).toBe(200);
  });

  it('accepts any id in a tenant the identity server has no users for (development and test data)', async () => {
    const res = await globexAdmin(
      'POST',
      '/api/v1/debtors',
      { administrationId: globex.administrationId, number: 'G-1', name: 'Free', collector: 'jan' },
      { 'idempotency-key': 'g-1' },
    );
    expect(res.status).toBe(201);
  });
});
