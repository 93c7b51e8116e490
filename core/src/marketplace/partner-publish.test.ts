import {
  addMembership,
  addPartnerMembership,
  createAccount,
  enrolTotp,
  newTotpSecret,
  type Role,
} from '@kredo/identity';
import {
  Browser,
  consoleRelyingParty,
  REDIRECT_URI,
  signInWithPassword,
  submit,
  totpAt,
} from '@kredo/identity/testing';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { identityMasterKey } from '../app/identity.ts';
import { createTestIdentityApi } from '../app/test-identity-api.ts';
import { signVersion } from './sign-version.ts';

// Partners through the front door: a person signs in at the identity server's pages as a publisher's
// partner and publishes with the token to core's marketplace; that token reaches no tenant's data,
// a tenant's staff cannot publish, and a partner of one publisher cannot act for another.

const { server, newTenant, identity, config } = await createTestIdentityApi();
const tenant = await newTenant('Tenant BV');
const db = identity.identity.pool;
const masterKey = await identityMasterKey(config);

type Membership = { publisherId: string } | { tenantId: string; roles: Role[] };

/** A person with TOTP enrolled and one membership signs in through the pages; their access token. */
async function signedIn(membership: Membership, scope: string): Promise<string> {
  const email = `person.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'a long and unusual phrase';
  const account = await createAccount(db, { email, name: 'Person', language: 'en', password });
  if ('publisherId' in membership)
    await addPartnerMembership(db, {
      accountId: account.id,
      ...membership,
      publisherName: membership.publisherId,
    });
  else await addMembership(db, { accountId: account.id, ...membership });
  const secret = newTotpSecret();
  await enrolTotp(db, masterKey, account.id, secret);
  const rp = await consoleRelyingParty(identity.issuer, `openid ${scope}`);
  const browser = new Browser();
  let step = await signInWithPassword(browser, rp.url, email, password);
  step = await submit(browser, step.url, step.body, 'second_factor', { code: await totpAt(secret) });
  expect(step.url.startsWith(REDIRECT_URI)).toBe(true);
  return (await rp.exchange(step.url)).access_token;
}

function call(token: string) {
  return async (method: string, path: string, payload?: object) => {
    const res = await server.inject({
      method,
      url: path,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    return { status: res.statusCode, body: res.result as Record<string, unknown> };
  };
}

/** A publisher's Ed25519 key and a version of a plugin signed with it (the manifest may name another publisher). */
async function signedVersion(publisherId: string, pluginId = `${publisherId}.ping`) {
  const keys = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const bundle = Buffer.from(`globalThis.__kredo = { hooks: { 'webhook:ping': () => 'pong' } };`);
  const upload = async (manifestPublisher = publisherId) => {
    const manifest = {
      id: pluginId.replace(publisherId, manifestPublisher),
      name: 'Ping',
      version: '1.0.0',
      publisher: { id: manifestPublisher, name: manifestPublisher },
      requirements: { core: '^0.1.0' },
      webhooks: [{ name: 'ping' }],
      scopes: [],
    };
    const signature = await signVersion(keys.privateKey, manifest, bundle);
    return { manifest, bundle: bundle.toString('base64'), signature };
  };
  return { publicKey: await exportJWK(keys.publicKey), upload };
}

const partner = call(await signedIn({ publisherId: 'com.partner' }, 'marketplace:publish ledger:read'));

describe('a partner signed in at the identity server', () => {
  it('registers a key and publishes a signed version with the token', async () => {
    const version = await signedVersion('com.partner');
    const key = await partner('POST', '/api/v1/marketplace/publishers/com.partner/keys', {
      publisherName: 'Partner B.V.',
      publicKey: version.publicKey,
    });
    expect(key).toMatchObject({ status: 201, body: { publisherId: 'com.partner' } });
    const published = await partner('POST', '/api/v1/marketplace/versions', await version.upload());
    expect(published).toMatchObject({
      status: 201,
      body: { pluginId: 'com.partner.ping', version: '1.0.0' },
    });
  });

  it("reaches no tenant's data: every tenant route answers 403; the catalogue it publishes to it reads", async () => {
    for (const path of [
      '/api/v1/debtors',
      '/api/v1/invoices',
      '/api/v1/users',
      '/api/v1/api-clients',
      '/api/v1/audit-events',
      '/api/v1/plugins/installations',
    ])
      expect((await partner('GET', path)).status, path).toBe(403);
    expect((await partner('POST', '/api/v1/debtors', { name: 'x' })).status).toBe(403);
    expect((await partner('GET', '/api/v1/marketplace/plugins')).status).toBe(200);
  });

  it('cannot act for another publisher', async () => {
    const other = await signedVersion('com.other');
    const key = await partner('POST', '/api/v1/marketplace/publishers/com.other/keys', {
      publisherName: 'Other',
      publicKey: other.publicKey,
    });
    expect(key).toMatchObject({ status: 403, body: { code: 'publisher_mismatch' } });
    // com.other's plugin, signed with a key registered for com.partner: the token acts for com.partner.
    const mine = await signedVersion('com.partner');
    await partner('POST', '/api/v1/marketplace/publishers/com.partner/keys', { publicKey: mine.publicKey });
    const res = await partner('POST', '/api/v1/marketplace/versions', await mine.upload('com.other'));
    expect(res).toMatchObject({ status: 403, body: { code: 'manifest_publisher_mismatch' } });
  });

  it("does not let a tenant's admin publish, even asking for marketplace:publish", async () => {
    const admin = call(
      await signedIn({ tenantId: tenant.tenantId, roles: ['admin'] }, 'marketplace:publish plugins:manage'),
    );
    expect((await admin('GET', '/api/v1/marketplace/plugins')).status).toBe(200);
    const version = await signedVersion('com.partner', 'com.partner.admin');
    expect(await admin('POST', '/api/v1/marketplace/versions', await version.upload())).toMatchObject({
      status: 403,
      body: { message: 'Insufficient scope' },
    });
    const key = await admin('POST', '/api/v1/marketplace/publishers/com.partner/keys', {
      publicKey: version.publicKey,
    });
    expect(key.status).toBe(403);
  });
});
