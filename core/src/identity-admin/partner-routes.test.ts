import { Browser, consoleRelyingParty, signInWithPassword, submit, totpAt } from '@kredo/identity/testing';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { invitePartnerAsOperator, partnerInvitationOf } from '../cli/partner-invite.ts';
import { createMailedIdentityApi, linkIn, setPasswordAt } from './test-mailed-identity.ts';

// Partner accounts end to end: the operator invites a publisher's first partner (what `kredo identity
// partner invite` runs), the invitation comes over real SMTP, the partner sets a password, is made to
// set up TOTP at the first sign-in and gets a token for the publisher; with it they invite a colleague
// through core's API, which only a publisher's admin partner may, and only for their own publisher.

const { server, issuer, identity, mailTo, config } = await createMailedIdentityApi();
const PASSWORD = 'a long and unusual phrase';
const PARTNERS = '/api/v1/marketplace/publishers/com.example/partners';
/** Ada's token, from the first test (the tests run in order, on one database). */
let adaToken = '';
/** Bob's, a colleague who is no admin, from the third. */
let bobToken = '';

/** Sets the password with the mailed link, signs in enrolling TOTP (partners must), and answers the access token. */
async function acceptAndSignIn(email: string): Promise<string> {
  expect((await setPasswordAt(linkIn((await mailTo(email)).text), PASSWORD)).status).toBe(200);
  const rp = await consoleRelyingParty(issuer, 'openid marketplace:publish');
  const browser = new Browser();
  let step = await signInWithPassword(browser, rp.url, email, PASSWORD);
  const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(step.body)?.[1]?.replace(/ /g, '') ?? '';
  expect(secret, 'TOTP enrolment is forced').toHaveLength(32);
  step = await submit(browser, step.url, step.body, 'enrol_totp', { code: await totpAt(secret) });
  step = await submit(browser, step.url, step.body, 'recovery_codes', {});
  return (await rp.exchange(step.url)).access_token;
}

function as(token: string) {
  return async (method: string, url: string, payload?: object) => {
    const res = await server.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
    return { status: res.statusCode, body: res.result as Record<string, unknown> };
  };
}

describe('partner accounts', () => {
  it("the operator's invitation is mailed; the partner signs in with TOTP and gets the publisher's token", async () => {
    const invitation = partnerInvitationOf({
      publisher: 'com.example',
      'publisher-name': 'Example B.V.',
      email: 'ada@example.com',
      name: 'Ada',
    });
    const invited = await invitePartnerAsOperator(identity.identity.pool, config, invitation);
    expect(invited).toMatchObject({ mailed: true, problem: null });
    const token = await acceptAndSignIn('ada@example.com');
    adaToken = token;
    expect(decodeJwt(token)).toMatchObject({
      sub: invited.accountId,
      publisher: 'com.example',
      roles: ['partner'],
      scope: 'marketplace:publish',
    });
    expect(decodeJwt(token).tenant).toBeUndefined();
  });

  it('refuses usage mistakes naming the flag, and a second invitation of the same partner', async () => {
    expect(() => partnerInvitationOf({ publisher: 'example', email: 'x@example.com', name: 'X' })).toThrow(
      '--publisher must be a reversed domain',
    );
    expect(() => partnerInvitationOf({ publisher: 'com.example', name: 'X' })).toThrow('--email is required');
    const again = partnerInvitationOf({ publisher: 'com.example', email: 'ADA@example.com', name: 'Ada' });
    await expect(invitePartnerAsOperator(identity.identity.pool, config, again)).rejects.toThrow(
      '--email is already a partner of this publisher',
    );
    const unnamed = partnerInvitationOf({ publisher: 'org.unnamed', email: 'u@example.org', name: 'U' });
    await expect(invitePartnerAsOperator(identity.identity.pool, config, unnamed)).rejects.toThrow(
      '--publisher-name is required',
    );
  });

  it('lets the admin partner invite a colleague of the same publisher; a colleague who is no admin cannot', async () => {
    const ada = as(adaToken);
    const invited = await ada('POST', PARTNERS, { email: 'bob@example.com', name: 'Bob', language: 'nl' });
    expect(invited).toMatchObject({
      status: 201,
      body: { email: 'bob@example.com', admin: false, status: 'invited', invitation: { mailed: true } },
    });
    expect((await mailTo('bob@example.com')).subject).toBe('Uitnodiging voor Kredo');
    expect(await ada('POST', PARTNERS, { email: 'bob@example.com', name: 'Bob' })).toMatchObject({
      status: 409,
      body: { code: 'partner_exists' },
    });
    expect(
      await ada('POST', '/api/v1/marketplace/publishers/com.other/partners', { email: 'c@x.com', name: 'C' }),
    ).toMatchObject({ status: 403, body: { code: 'publisher_mismatch' } });

    bobToken = await acceptAndSignIn('bob@example.com');
    const bob = as(bobToken);
    expect(await bob('POST', PARTNERS, { email: 'carol@example.com', name: 'Carol' })).toMatchObject({
      status: 403,
      body: { code: 'partner_admin_required' },
    });
    const listed = await bob('GET', PARTNERS);
    expect((listed.body.data as { email: string; status: string }[]).map((p) => [p.email, p.status])).toEqual(
      expect.arrayContaining([
        ['ada@example.com', 'active'],
        ['bob@example.com', 'active'],
      ]),
    );
  });

  it("lets the admin partner make an API client for the publisher's CI: its tokens publish, carry no tenant, stop when revoked", async () => {
    const CLIENTS = '/api/v1/marketplace/publishers/com.example/api-clients';
    const ada = as(adaToken);
    const created = await ada('POST', CLIENTS, { name: 'GitHub Actions' });
    expect(created).toMatchObject({
      status: 201,
      body: { publisherId: 'com.example', name: 'GitHub Actions' },
    });
    const { clientId, clientSecret } = created.body as { clientId: string; clientSecret: string };
    expect(clientSecret).toMatch(/^[\w-]{43}$/);

    const token = await clientToken(clientId, clientSecret);
    expect(token.status).toBe(200);
    const claims = decodeJwt(token.body.access_token as string);
    expect(claims).toMatchObject({ sub: clientId, publisher: 'com.example', scope: 'marketplace:publish' });
    expect(claims.tenant).toBeUndefined();
    const ci = as(token.body.access_token as string);
    expect((await ci('GET', PARTNERS)).status).toBe(200);
    expect((await ci('GET', '/api/v1/debtors')).status).toBe(403);
    // Neither the client itself nor a colleague who is no admin makes or revokes clients.
    for (const caller of [ci, as(bobToken)]) {
      expect(await caller('POST', CLIENTS, { name: 'More' })).toMatchObject({
        status: 403,
        body: { code: 'partner_admin_required' },
      });
      expect((await caller('DELETE', `${CLIENTS}/${clientId}`)).status).toBe(403);
    }
    const listed = await as(bobToken)('GET', CLIENTS);
    expect(listed.body.data).toEqual([expect.objectContaining({ clientId, revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(clientSecret);

    expect((await ada('DELETE', `${CLIENTS}/${clientId}`)).status).toBe(204);
    expect(await ada('DELETE', `${CLIENTS}/pcl_000000000000000000000000`)).toMatchObject({
      status: 404,
      body: { code: 'api_client_not_found' },
    });
    expect((await clientToken(clientId, clientSecret)).body.error).toBe('invalid_client');
  });
});

/** Client credentials at the identity server's token endpoint, the secret in HTTP Basic. */
async function clientToken(clientId: string, clientSecret: string) {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'marketplace:publish' }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
