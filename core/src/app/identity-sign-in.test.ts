import { addMembership, createAccount } from '@kredo/identity';
import {
  Browser,
  consoleRelyingParty,
  REDIRECT_URI,
  signInWithPassword,
  submit,
  totpAt,
} from '@kredo/identity/testing';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { signInLines } from '../demo/demo-banner.ts';
import { seedDemoUsers } from '../demo/demo-users.ts';
import { DEMO_TENANT_ID } from '../demo/seed-demo.ts';
import { apiResource, identityMasterKey } from './identity.ts';
import { createTestIdentityApi } from './test-identity-api.ts';

const { server, newTenant, identity, config } = await createTestIdentityApi();
const tenant = await newTenant('Sign-in BV');

/** A person of the tenant with `role` signs in through the pages as the console; their access token. */
async function signedIn(role: 'viewer' | 'credit_manager', administrations?: string[]): Promise<string> {
  const db = identity.identity.pool;
  const email = `${role}.${Date.now()}@example.com`;
  const password = 'a long and unusual phrase';
  const account = await createAccount(db, { email, name: role, language: 'en', password });
  await addMembership(db, {
    accountId: account.id,
    tenantId: tenant.tenantId,
    roles: [role],
    administrations,
  });
  const rp = await consoleRelyingParty(identity.issuer, 'openid ledger:read ledger:write');
  const browser = new Browser();
  const step = await signInWithPassword(browser, rp.url, email, password);
  return (await rp.exchange(step.url)).access_token;
}

async function answer(method: 'GET' | 'POST' | 'PATCH', path: string, token: string, payload?: object) {
  const res = await server.inject({
    method,
    url: path,
    headers: { authorization: `Bearer ${token}` },
    ...(payload && { payload }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON that assertions inspect
  return { status: res.statusCode, body: res.result as any };
}

async function call(method: 'GET' | 'POST', path: string, token: string, payload?: object) {
  return (await answer(method, path, token, payload)).status;
}

describe("a person's token from the sign-in pages, through core's API", () => {
  it('lets a viewer read and refuses it a write (403); a credit manager writes', async () => {
    const debtor = { administrationId: tenant.administrationId, number: 'S-1', name: 'Signed-in debtor' };
    const viewer = await signedIn('viewer');
    expect(await call('GET', '/api/v1/debtors', viewer)).toBe(200);
    expect(await call('POST', '/api/v1/debtors', viewer, debtor)).toBe(403);

    const manager = await signedIn('credit_manager');
    expect(await call('POST', '/api/v1/debtors', manager, debtor)).toBe(201);
  });

  it('limits a member given some administrations to those, in every read and write', async () => {
    const whole = await signedIn('credit_manager');
    const other = await answer('POST', '/api/v1/administrations', whole, {
      code: 'other',
      name: 'Other BV',
      country: 'NL',
      paymentTermDays: 14,
    });
    expect(other.status).toBe(201);
    const mine = { administrationId: tenant.administrationId, number: 'L-1', name: 'In my administration' };
    const theirs = { administrationId: other.body.id, number: 'L-2', name: 'In the other one' };
    expect((await answer('POST', '/api/v1/debtors', whole, mine)).status).toBe(201);
    const hidden = await answer('POST', '/api/v1/debtors', whole, theirs);
    expect(hidden.status).toBe(201);

    const limited = await signedIn('credit_manager', [tenant.administrationId]);
    const { payload } = await jwtVerify(limited, createRemoteJWKSet(new URL(`${identity.issuer}/jwks`)));
    expect(payload.administrations).toEqual([tenant.administrationId]);

    const administrations = await answer('GET', '/api/v1/administrations', limited);
    expect(administrations.body.data.map((a: { id: string }) => a.id)).toEqual([tenant.administrationId]);
    const debtors = await answer('GET', '/api/v1/debtors?limit=100', limited);
    const names = debtors.body.data.map((d: { name: string }) => d.name);
    expect(names).toContain('In my administration');
    expect(names).not.toContain('In the other one');
    expect((await answer('GET', `/api/v1/debtors/${hidden.body.id}`, limited)).status).toBe(404);
    const write = await answer('POST', '/api/v1/debtors', limited, { ...theirs, number: 'L-3' });
    expect(write.status).toBe(404);
    expect(write.body.code).toBe('administration_not_found');
    const invoice = await answer('POST', '/api/v1/invoices', limited, {
      administrationId: other.body.id,
      debtorId: hidden.body.id,
      number: 'F-1',
      issueDate: '2026-11-01',
      dueDate: '2026-12-01',
      amount: '100.00',
    });
    expect([403, 404]).toContain(invoice.status);
    // The whole-tenant member still sees both.
    const all = await answer('GET', '/api/v1/debtors?limit=100', whole);
    expect(all.body.data.map((d: { name: string }) => d.name)).toContain('In the other one');
  });

  it('seeds the demo people the same on every start; the admin signs in with the TOTP secret the banner prints', async () => {
    const db = identity.identity.pool;
    const secrets = Buffer.alloc(32, 9);
    const first = await seedDemoUsers(db, secrets, await identityMasterKey(config));
    expect(await seedDemoUsers(db, secrets, await identityMasterKey(config))).toEqual(first);
    expect(first.admin.totpSecret).toMatch(/^[A-Z2-7]{32}$/);

    // The banner's way in: its authorization URL in a browser, then its curl for the code.
    const lines = signInLines(identity.issuer, REDIRECT_URI, first);
    const open = /open\s+(\S+)/.exec(lines.join('\n'))?.[1] as string;
    const browser = new Browser();
    let step = await signInWithPassword(browser, open, first.admin.email, first.admin.password);
    step = await submit(browser, step.url, step.body, 'second_factor', {
      code: await totpAt(first.admin.totpSecret as string),
    });
    const code = new URL(step.url).searchParams.get('code') as string;
    const curl = lines.find((line) => line.includes('grant_type=authorization_code')) as string;
    expect(curl).toContain(`code_verifier=${first.pkceVerifier}`);
    const response = await fetch(`${identity.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'kredo-console',
        code_verifier: first.pkceVerifier,
        redirect_uri: REDIRECT_URI,
        code,
      }),
    });
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    const jwks = createRemoteJWKSet(new URL(`${identity.issuer}/jwks`));
    const { payload } = await jwtVerify(access_token, jwks, {
      issuer: identity.issuer,
      audience: apiResource(config),
    });
    expect(payload).toMatchObject({
      tenant: DEMO_TENANT_ID,
      roles: ['admin'],
      scope: 'ledger:read dunning:read dunning:write ledger:write',
    });

    // The partner publishes for the demo catalogue's publisher, with the TOTP secret the banner prints.
    expect(lines.join('\n')).toContain(first.partner.totpSecret as string);
    const publishing = await consoleRelyingParty(identity.issuer, 'openid marketplace:publish');
    const third = new Browser();
    step = await signInWithPassword(third, publishing.url, first.partner.email, first.partner.password);
    step = await submit(third, step.url, step.body, 'second_factor', {
      code: await totpAt(first.partner.totpSecret as string),
    });
    expect(decodeJwt((await publishing.exchange(step.url)).access_token)).toMatchObject({
      publisher: 'dev.kredo',
      roles: ['partner'],
      scope: 'marketplace:publish',
    });

    // The collector is made to enrol: the demo tenant requires 2FA.
    const other = await consoleRelyingParty(identity.issuer, 'openid ledger:read');
    const second = new Browser();
    step = await signInWithPassword(second, other.url, first.collector.email, first.collector.password);
    expect(step.body).toContain('class="qr"');
  });
});
