import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { seedDemoErpClient } from '../demo/demo-erp-client.ts';
import { DEMO_TENANT_ID } from '../demo/seed-demo.ts';
import { secretsKey } from '../marketplace/index.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';
import { apiResource, identityMasterKey, startKredoIdentity } from './identity.ts';

const { url } = await createTestDatabase();
const dataDir = await mkdtemp(join(tmpdir(), 'kredo-identity-'));
const config = loadConfig({}, { identityPort: 0, publicUrl: 'http://127.0.0.1:3000', dataDir });
// Port 0: any free port; the issuer stays the configured public URL (http://localhost:0 here).
const identity = await startKredoIdentity(config, url, kredoLogger('silent'));
afterAll(async () => {
  await identity.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("core's identity server", () => {
  it('seals its keys with a key of its own, derived from the secrets key', async () => {
    const key = await identityMasterKey(config);
    expect(key).toHaveLength(32);
    expect(await identityMasterKey(config)).toEqual(key);
    expect(key.equals(await secretsKey(config.dataDir, config.secretsKey))).toBe(false);
    const other = await identityMasterKey({ dataDir, secretsKey: Buffer.alloc(32, 1).toString('base64') });
    expect(other.equals(key)).toBe(false);
  });

  it("gives the demo ERP client, put back on every start, a token for core's API and the demo tenant", async () => {
    const db = identity.identity.pool;
    const first = await seedDemoErpClient(db, Buffer.alloc(32, 7));
    const again = await seedDemoErpClient(db, Buffer.alloc(32, 7));
    expect(again).toEqual(first);

    const response = await fetch(`${identity.url}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${first.clientId}:${first.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: first.scopes.join(' ') }),
    });
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    const jwks = createRemoteJWKSet(new URL(`${identity.url}/jwks`));
    const { payload } = await jwtVerify(access_token, jwks, {
      issuer: identity.issuer,
      audience: apiResource(config),
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    expect(payload).toMatchObject({
      aud: 'http://127.0.0.1:3000/api/v1',
      tenant: DEMO_TENANT_ID,
      sub: 'cli_demo_erp',
      scope:
        'ledger:read ledger:write import:write dunning:read dunning:write dunning:manage portal:sessions',
    });
  });
});
