import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { createPluginRuntime } from '../plugin-runtime/plugin-runtime.ts';
import { createTestPartner } from './test-partner.ts';

// Who may publish what, through the real marketplace (issue 7, finding 7): a manifest naming another
// publisher is refused, plugin ids belong to their publisher's namespace so nobody can claim
// com.mollie.paylink before Mollie, and an oversized manifest is refused naming the limit. What
// Mollie publishes installs and runs through the runtime as before.

const { newTenant, caller, db, secretsKey } = await createTestApi();
const acme = await newTenant('Acme');
const runtime = createPluginRuntime({
  orm: db.orm,
  config: loadConfig({ KREDO_PLUGIN_WORKERS: '1' }),
  secretsKey,
});
afterAll(() => runtime.close());

const attacker = await createTestPartner(caller, acme.tenantId, 'Attacker Ltd', 'com.attacker');
const bundle = `globalThis.__kredo = { hooks: { 'webhook:ping': () => 'pong' } };`;
const paylink = { id: 'com.mollie.paylink', webhooks: [{ name: 'ping' }] };
const mollieBV = { id: 'com.mollie', name: 'Mollie B.V.', url: 'https://www.mollie.com' };

describe('marketplace identity', () => {
  it('refuses a manifest naming another publisher than the one signing it', async () => {
    const forged = await attacker.publish(attacker.manifest({ ...paylink, publisher: mollieBV }), bundle);
    expect(forged).toMatchObject({
      status: 403,
      body: { code: 'manifest_publisher_mismatch', field: 'manifest.publisher.id' },
    });
    expect(forged.body.message).toContain('com.mollie is not the publisher signing (com.attacker)');
  });

  it("refuses a plugin id outside the signer's namespace, so nobody claims Mollie's ids first", async () => {
    const squat = await attacker.publish(attacker.manifest(paylink), bundle);
    expect(squat).toMatchObject({ status: 400, body: { code: 'invalid_manifest', field: 'manifest.id' } });
    expect(squat.body.message).toContain('must start with the publisher id and a dot (com.attacker.…)');
    const catalogue = await acme.api('GET', '/api/v1/marketplace/plugins');
    expect(catalogue.body.data).toEqual([]);
  });

  it('refuses a publisher inside or around another namespace, and one that is not a reversed domain', async () => {
    await createTestPartner(caller, acme.tenantId, 'Team', 'org.example.team');
    for (const [id, status, code] of [
      ['com.attacker.sub', 409, 'publisher_namespace_taken'],
      ['org.example', 409, 'publisher_namespace_taken'],
      ['com', 400, 'invalid_request'],
      ['pub_01jdx3k9m2q7w8e5r4t6y1u0ab', 400, 'invalid_request'],
    ] as const) {
      const api = await caller(acme.tenantId, ['marketplace:publish'], 'usr_squatter', { publisher: id });
      const res = await api('POST', `/api/v1/marketplace/publishers/${id}/keys`, {
        publisherName: 'Squatter',
        publicKey: { kty: 'OKP', crv: 'Ed25519', x: Buffer.alloc(32, 1).toString('base64url') },
      });
      expect([res.status, res.body.code], id).toEqual([status, code]);
    }
  });

  it('publishes Mollie under its own namespace, installed and run as usual', async () => {
    const mollie = await createTestPartner(caller, acme.tenantId, 'Mollie B.V.', 'com.mollie');
    const published = await mollie.publish(mollie.manifest({ ...paylink, publisher: mollieBV }), bundle);
    expect(published).toMatchObject({
      status: 201,
      body: { pluginId: 'com.mollie.paylink', publisher: { id: 'com.mollie', name: 'Mollie B.V.' } },
    });
    const id = await mollie.install(acme, { id: 'com.mollie.paylink', version: '1.0.0' });
    expect(await runtime.invoke(acme.tenantId, id, 'webhook:ping', {})).toEqual({
      ok: true,
      value: 'pong',
    });
    // Another publisher cannot add a version of it either.
    const later = await attacker.publish(
      attacker.manifest({ ...paylink, version: '1.0.1', publisher: mollieBV }),
      bundle,
    );
    expect(later.status).toBe(403);
  });

  it('refuses a 200 kB manifest with 3,000 origins, naming the limit and the field', async () => {
    const origins = Array.from(
      { length: 3000 },
      (_, i) => `https://api-${i}.eu-west.tenants.attacker-provider.com`,
    );
    const manifest = attacker.manifest({ id: 'com.attacker.huge', http: { origins } });
    expect(JSON.stringify(manifest).length).toBeGreaterThan(150_000);
    const refused = await attacker.publish(manifest, bundle);
    expect(refused).toMatchObject({
      status: 400,
      body: {
        code: 'manifest_limit_exceeded',
        field: 'manifest',
        details: { limit: 'bytes', max: 65536 },
      },
    });
    expect(refused.body.details.errors).toContainEqual(
      expect.objectContaining({ path: 'http.origins', limit: 'origins' }),
    );
    const fewer = attacker.manifest({ id: 'com.attacker.wide', http: { origins: origins.slice(0, 21) } });
    expect(await attacker.publish(fewer, bundle)).toMatchObject({
      status: 400,
      body: {
        code: 'manifest_limit_exceeded',
        field: 'manifest.http.origins',
        message: 'manifest.http.origins: lists 21 entries; at most 20 are allowed (limit origins)',
        details: { limit: 'origins', max: 20 },
      },
    });
  });
});
