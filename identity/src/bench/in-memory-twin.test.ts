import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../clients/api-clients.ts';
import { verifyAccessToken } from '../testing/get-token.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, API_SCOPES, startTestIdentity } from '../testing/test-identity.ts';
import { startInMemoryTwin } from './in-memory-twin.ts';

const { pool } = await createTestDatabase();
const original = await startTestIdentity(pool);
const erp = await createApiClient(
  pool,
  { tenantId: 'ten_twin', name: 'ERP', scopes: ['ledger:read'] },
  { actorId: null, ip: null },
);
const twin = await startInMemoryTwin({
  original,
  masterKey: original.masterKey,
  apiResource: API_RESOURCE,
  apiScopes: API_SCOPES,
  clientId: erp.clientId,
});
afterAll(() => twin.close());

async function token(url: string, secret: string): Promise<{ status: number; body: Record<string, string> }> {
  const answer = await fetch(`${url}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${erp.clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=ledger%3Aread',
  });
  return { status: answer.status, body: (await answer.json()) as Record<string, string> };
}

describe('the in-memory twin the bench compares the token endpoint with', () => {
  it('issues the same token as the server (issuer, signing key, claims) without touching PostgreSQL', async () => {
    const fromServer = await token(original.url, erp.clientSecret);
    const fromTwin = await token(twin.url, erp.clientSecret);
    expect(fromServer.status).toBe(200);
    expect(fromTwin.status).toBe(200);
    const header = (t: Record<string, string>) => decodeProtectedHeader(t.access_token as string);
    expect(header(fromTwin.body)).toEqual(header(fromServer.body));
    // The twin's token verifies against the server's JWKS: same key, issuer and audience.
    const verified = await verifyAccessToken(
      original.issuer,
      API_RESOURCE,
      fromTwin.body.access_token as string,
    );
    expect(verified.payload).toMatchObject({
      client_id: erp.clientId,
      tenant: 'ten_twin',
      scope: 'ledger:read',
    });
  });

  it('checks the hashed secret as the server does', async () => {
    expect((await token(twin.url, 'wrong')).status).toBe(401);
  });

  it('is reachable from the bench and tests only: no server code imports it', async () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    const importers: string[] = [];
    for (const folder of ['identity/src', 'core/src']) {
      for (const file of await readdir(join(root, folder), { recursive: true })) {
        if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
        const path = `${folder}/${file}`;
        const text = await readFile(join(root, path), 'utf8');
        if (/in-memory-twin\.ts'|@kredo\/identity\/bench'/.test(text)) importers.push(path);
      }
    }
    expect(importers.sort()).toEqual(['core/src/bench/identity-token-bench.ts']);
  });
});
