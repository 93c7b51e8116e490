import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMembership, createAccount } from '@kredo/identity';
import {
  Browser,
  consoleRelyingParty,
  REDIRECT_URI,
  signInWithPassword,
  submit,
  totpAt,
} from '@kredo/identity/testing';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { identityTokenVerifier } from '../auth/identity-token.ts';
import { loadConfig } from '../config/load-config.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { signInLines } from '../demo/demo-banner.ts';
import { seedDemoUsers } from '../demo/demo-users.ts';
import { DEMO_TENANT_ID } from '../demo/seed-demo.ts';
import { freePort } from '../shared/free-port.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';
import { apiResource, identityMasterKey, startKredoIdentity } from './identity.ts';
import { createTestApi } from './test-api.ts';

const { url } = await createTestDatabase();
const dataDir = await mkdtemp(join(tmpdir(), 'kredo-identity-sign-in-'));
const port = await freePort();
const config = loadConfig(
  {},
  {
    identityPort: port,
    identityPublicUrl: `http://127.0.0.1:${port}`,
    publicUrl: 'http://127.0.0.1:3000',
    consoleRedirectUris: [REDIRECT_URI],
    dataDir,
  },
);
const identity = await startKredoIdentity(config, url, kredoLogger('silent'));
afterAll(async () => {
  await identity.close();
  await rm(dataDir, { recursive: true, force: true });
});
const { server, newTenant } = await createTestApi({
  identity: identityTokenVerifier({ issuer: identity.issuer, audience: apiResource(config) }),
});
const tenant = await newTenant('Sign-in BV');

/** A person of the tenant with `role` signs in through the pages as the console; their access token. */
async function signedIn(role: 'viewer' | 'credit_manager'): Promise<string> {
  const db = identity.identity.pool;
  const email = `${role}.${Date.now()}@example.com`;
  const password = 'a long and unusual phrase';
  const account = await createAccount(db, { email, name: role, language: 'en', password });
  await addMembership(db, { accountId: account.id, tenantId: tenant.tenantId, roles: [role] });
  const rp = await consoleRelyingParty(identity.issuer, 'openid ledger:read ledger:write');
  const browser = new Browser();
  const step = await signInWithPassword(browser, rp.url, email, password);
  return (await rp.exchange(step.url)).access_token;
}

async function call(method: 'GET' | 'POST', path: string, token: string, payload?: object) {
  const res = await server.inject({
    method,
    url: path,
    headers: { authorization: `Bearer ${token}` },
    ...(payload && { payload }),
  });
  return res.statusCode;
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

    // The collector is made to enrol: the demo tenant requires 2FA.
    const other = await consoleRelyingParty(identity.issuer, 'openid ledger:read');
    const second = new Browser();
    step = await signInWithPassword(second, other.url, first.collector.email, first.collector.password);
    expect(step.body).toContain('class="qr"');
  });
});
