import { canonicalJson, sha256Hex } from '@kredo/sdk/host';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';

const { db, caller, newTenant } = await createTestApi();
const partnerTenant = await newTenant('Partner');
const acme = await newTenant('Acme');
const globex = await newTenant('Globex');

const publisherId = 'com.example';
const partner = await caller(partnerTenant.tenantId, ['marketplace:publish'], 'usr_partner', {
  publisher: publisherId,
});
const keys = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
type PrivateKey = typeof keys.privateKey;
const PLUGIN = 'com.example.paylink';

function manifest(version: string, extra: object = {}) {
  return {
    id: PLUGIN,
    name: 'Example pay link',
    version,
    publisher: { id: publisherId, name: 'Example' },
    requirements: { core: '^0.1.0' },
    capabilities: ['payLink'],
    scopes: ['invoices:read', 'payments:write'],
    http: { origins: ['https://api.example.com'] },
    config: [
      {
        key: 'mode',
        type: 'select',
        label: 'Mode',
        required: true,
        options: [
          { value: 'test', label: 'Test' },
          { value: 'live', label: 'Live' },
        ],
      },
      {
        key: 'apiKey',
        type: 'string',
        label: 'API key',
        secret: true,
        required: true,
        origins: ['https://api.example.com'],
      },
    ],
    ...extra,
  };
}

async function sign(claims: object, privateKey: PrivateKey = keys.privateKey) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA' })
    .sign(privateKey);
}

/** A correctly signed upload of `m` with `bundle`. */
async function upload(m: { id: string; version: string }, bundle = `export default ${m.version}`) {
  const bytes = Buffer.from(bundle);
  const signature = await sign({
    pluginId: m.id,
    version: m.version,
    bundleSha256: sha256Hex(bytes),
    manifestSha256: sha256Hex(canonicalJson(m)),
  });
  return { manifest: m, bundle: bytes.toString('base64'), signature };
}

const registered = await partner('POST', `/api/v1/marketplace/publishers/${publisherId}/keys`, {
  publisherName: 'Example B.V.',
  publicKey: await exportJWK(keys.publicKey),
});

describe('publishing', () => {
  it('registers a publisher key, refusing private keys and other publishers', async () => {
    expect(registered.status).toBe(201);
    expect(registered.body.publicKey).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
    const other = await partner('POST', '/api/v1/marketplace/publishers/com.other/keys', {
      publisherName: 'Not me',
      publicKey: await exportJWK(keys.publicKey),
    });
    expect(other.status).toBe(403);
    const priv = await partner('POST', `/api/v1/marketplace/publishers/${publisherId}/keys`, {
      publicKey: await exportJWK(keys.privateKey),
    });
    expect(priv.status).toBe(400);
    expect(priv.body.field).toBe('publicKey.d');
  });

  it('accepts a signed version and lists it in the catalogue', async () => {
    const res = await partner('POST', '/api/v1/marketplace/versions', await upload(manifest('1.0.0')));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ pluginId: PLUGIN, version: '1.0.0', publisher: { id: publisherId } });

    const catalogue = await acme.api('GET', '/api/v1/marketplace/plugins');
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.data).toEqual([
      expect.objectContaining({
        pluginId: PLUGIN,
        version: '1.0.0',
        name: 'Example pay link',
        publisher: { id: publisherId, name: 'Example B.V.' },
        capabilities: ['payLink'],
        scopes: ['invoices:read', 'payments:write'],
        // What the tenant consents to besides scopes, before installing.
        origins: ['https://api.example.com'],
        secretOrigins: { apiKey: ['https://api.example.com'] },
        hooks: [],
        webhooks: [],
        config: expect.arrayContaining([expect.objectContaining({ key: 'apiKey', secret: true })]),
      }),
    ]);
  });

  it('refuses a signature by another key', async () => {
    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const good = await upload(manifest('1.0.1'));
    const claims = JSON.parse(Buffer.from(good.signature.split('.')[1] as string, 'base64url').toString());
    const res = await partner('POST', '/api/v1/marketplace/versions', {
      ...good,
      signature: await sign(claims, stranger.privateKey),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_signature', field: 'signature' });
  });

  it('refuses a tampered bundle or manifest', async () => {
    const good = await upload(manifest('1.0.1'));
    const bundle = await partner('POST', '/api/v1/marketplace/versions', {
      ...good,
      bundle: Buffer.from('export default "evil"').toString('base64'),
    });
    expect(bundle.status).toBe(400);
    expect(bundle.body.field).toBe('bundle');
    const changed = await partner('POST', '/api/v1/marketplace/versions', {
      ...good,
      manifest: { ...good.manifest, scopes: ['invoices:read', 'payments:write', 'debtors:read'] },
    });
    expect(changed.status).toBe(400);
    expect(changed.body.field).toBe('manifest');
  });

  it('refuses an invalid manifest, naming the path', async () => {
    const res = await partner(
      'POST',
      '/api/v1/marketplace/versions',
      await upload(manifest('1.0.1', { http: { origins: ['ftp://example.com'] } })),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_manifest', field: 'manifest.http.origins[0]' });
  });

  it('refuses a version whose requirements.core does not admit this core', async () => {
    const res = await partner(
      'POST',
      '/api/v1/marketplace/versions',
      await upload(manifest('1.0.1', { requirements: { core: '^9.0.0' } })),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'core_version_unsupported', field: 'manifest.requirements.core' });
  });

  it('refuses to publish an existing version again', async () => {
    const res = await partner(
      'POST',
      '/api/v1/marketplace/versions',
      await upload(manifest('1.0.0'), 'other'),
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('version_exists');
  });

  it('publishes a version asking for more scopes, and keeps every version', async () => {
    const res = await partner(
      'POST',
      '/api/v1/marketplace/versions',
      await upload(manifest('1.10.0', { scopes: ['invoices:read', 'payments:write', 'debtors:read'] })),
    );
    expect(res.status).toBe(201);
    const versions = await acme.api('GET', `/api/v1/marketplace/plugins/${PLUGIN}/versions`);
    expect(versions.body.data.map((v: { version: string }) => v.version)).toEqual(['1.10.0', '1.0.0']);
    const catalogue = await acme.api('GET', '/api/v1/marketplace/plugins');
    expect(catalogue.body.data[0].version).toBe('1.10.0');
  });

  it('refuses a signature by a revoked key', async () => {
    const spare = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const key = await partner('POST', `/api/v1/marketplace/publishers/${publisherId}/keys`, {
      publicKey: await exportJWK(spare.publicKey),
    });
    expect(key.status).toBe(201);
    const revoked = await partner(
      'DELETE',
      `/api/v1/marketplace/publishers/${publisherId}/keys/${key.body.id}`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const good = await upload(manifest('2.0.0'));
    const claims = JSON.parse(Buffer.from(good.signature.split('.')[1] as string, 'base64url').toString());
    const res = await partner('POST', '/api/v1/marketplace/versions', {
      ...good,
      signature: await sign(claims, spare.privateKey),
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_signature');
  });

  it('lets only a token with marketplace:publish publish', async () => {
    const res = await acme.api('POST', '/api/v1/marketplace/versions', await upload(manifest('3.0.0')));
    expect(res.status).toBe(403);
  });
});

describe('installations', () => {
  const base = '/api/v1/plugins/installations';
  let installationId = '';

  it('refuses an install that does not grant every requested scope, naming the missing ones', async () => {
    const res = await acme.api('POST', base, {
      pluginId: PLUGIN,
      version: '1.0.0',
      grantedScopes: ['invoices:read'],
    });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('grantedScopes');
    expect(res.body.message).toContain('payments:write');
  });

  it('installs with the exact grant, disabled until configured', async () => {
    const res = await acme.api('POST', base, {
      pluginId: PLUGIN,
      version: '1.0.0',
      grantedScopes: ['payments:write', 'invoices:read'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: '1.0.0', enabled: false, config: {}, secrets: {} });
    installationId = res.body.id;
    const enable = await acme.api('PATCH', `${base}/${installationId}`, { enabled: true });
    expect(enable.status).toBe(400);
    expect(enable.body.field).toBe('config.mode');
  });

  it('validates settings against the manifest and never returns a secret', async () => {
    const wrong = await acme.api('PATCH', `${base}/${installationId}`, { config: { mode: 'staging' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('config.mode');
    const misplaced = await acme.api('PATCH', `${base}/${installationId}`, { config: { apiKey: 'x' } });
    expect(misplaced.body.field).toBe('config.apiKey');

    const res = await acme.api('PATCH', `${base}/${installationId}`, {
      config: { mode: 'test' },
      secrets: { apiKey: 'test_supersecret_123' },
      enabled: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enabled: true, config: { mode: 'test' }, secrets: { apiKey: 'set' } });
    const read = await acme.api('GET', `${base}/${installationId}`);
    const list = await acme.api('GET', base);
    for (const body of [res.body, read.body, list.body]) {
      expect(JSON.stringify(body)).not.toContain('supersecret');
    }

    const [row] = await db.orm.em
      .fork()
      .execute<{ secrets: Buffer }[]>('select secrets from installation where id = ?', [installationId]);
    expect(Buffer.isBuffer(row?.secrets)).toBe(true);
    expect(row?.secrets.toString('latin1')).not.toContain('supersecret');
  });

  it('hides the installation from another tenant', async () => {
    expect((await globex.api('GET', `${base}/${installationId}`)).status).toBe(404);
    expect((await globex.api('GET', base)).body.data).toEqual([]);
    expect((await globex.api('PATCH', `${base}/${installationId}`, { enabled: false })).status).toBe(404);
    expect((await globex.api('DELETE', `${base}/${installationId}`)).status).toBe(404);
    expect((await acme.api('GET', `${base}/${installationId}`)).body.enabled).toBe(true);
  });

  it('refuses an upgrade asking for more scopes until they are granted; the old version stays', async () => {
    const refused = await acme.api('POST', `${base}/${installationId}/upgrade`, { version: '1.10.0' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'grant_required', details: { missing: ['debtors:read'] } });
    expect((await acme.api('GET', `${base}/${installationId}`)).body.version).toBe('1.0.0');

    const granted = await acme.api('POST', `${base}/${installationId}/upgrade`, {
      version: '1.10.0',
      grantedScopes: ['debtors:read'],
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ version: '1.10.0', enabled: true, secrets: { apiKey: 'set' } });
    expect(granted.body.grantedScopes).toEqual(['invoices:read', 'payments:write', 'debtors:read']);
  });

  it('uninstalls, purging the row and its secrets', async () => {
    expect((await acme.api('DELETE', `${base}/${installationId}`)).status).toBe(204);
    expect((await acme.api('GET', `${base}/${installationId}`)).status).toBe(404);
    const rows = await db.orm.em.fork().execute('select 1 from installation where id = ?', [installationId]);
    expect(rows).toEqual([]);
  });

  it('needs plugins:manage', async () => {
    const viewer = await caller(acme.tenantId, ['ledger:read']);
    expect((await viewer('GET', base)).status).toBe(403);
  });
});
