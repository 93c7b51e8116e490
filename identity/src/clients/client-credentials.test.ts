import { decodeProtectedHeader } from 'jose';
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { clientCredentialsToken, oauthError, verifyAccessToken } from '../testing/get-token.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, startTestIdentity } from '../testing/test-identity.ts';
import {
  ApiClientInputError,
  createApiClient,
  listApiClients,
  putApiClient,
  revokeApiClient,
} from './api-clients.ts';

const { pool } = await createTestDatabase();
const by = { actorId: 'usr_admin', ip: '192.0.2.1' };
const { issuer } = await startTestIdentity(pool);

describe('client credentials for API clients', () => {
  it('gives a JWT access token core can verify: the contract claims, audience and ES256', async () => {
    const erp = await createApiClient(
      pool,
      {
        tenantId: 'ten_acme',
        name: 'Acme ERP',
        scopes: ['ledger:read', 'ledger:write'],
      },
      by,
    );
    const token = await clientCredentialsToken(issuer, erp, { scope: 'ledger:read ledger:write' });

    const { payload, protectedHeader } = await verifyAccessToken(issuer, API_RESOURCE, token);
    expect(protectedHeader).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
    expect(protectedHeader.kid).toEqual(expect.any(String));
    expect(payload).toMatchObject({
      iss: issuer,
      aud: API_RESOURCE,
      sub: erp.clientId,
      client_id: erp.clientId,
      scope: 'ledger:read ledger:write',
      tenant: 'ten_acme',
    });
    expect(payload.roles).toBeUndefined();
    expect(payload.jti).toEqual(expect.any(String));
    expect(Number(payload.exp) - Number(payload.iat)).toBe(600);
  });

  it("grants the client's allowed scopes among those requested, and no others", async () => {
    const erp = await createApiClient(
      pool,
      {
        tenantId: 'ten_acme',
        name: 'Reader',
        scopes: ['ledger:read'],
      },
      by,
    );
    const token = await clientCredentialsToken(issuer, erp, {
      scope: 'ledger:read ledger:write dunning:read',
      resource: API_RESOURCE,
    });
    expect((await verifyAccessToken(issuer, API_RESOURCE, token)).payload.scope).toBe('ledger:read');
  });

  it('refuses another resource than the API', async () => {
    const erp = await createApiClient(
      pool,
      {
        tenantId: 'ten_acme',
        name: 'Elsewhere',
        scopes: ['ledger:read'],
      },
      by,
    );
    expect(
      await oauthError(
        clientCredentialsToken(issuer, erp, {
          scope: 'ledger:read',
          resource: 'https://elsewhere.example/api',
        }),
      ),
    ).toBe('invalid_target');
  });

  it('refuses a wrong secret, and a secret sent in the body (client_secret_basic only)', async () => {
    const erp = await createApiClient(
      pool,
      { tenantId: 'ten_acme', name: 'Wrong', scopes: ['ledger:read'] },
      by,
    );
    expect(
      await oauthError(
        clientCredentialsToken(issuer, { clientId: erp.clientId, clientSecret: `${erp.clientSecret}x` }),
      ),
    ).toBe('invalid_client');
    const config = await client.discovery(
      new URL(issuer),
      erp.clientId,
      undefined,
      client.ClientSecretPost(erp.clientSecret),
      { execute: [client.allowInsecureRequests] },
    );
    expect(await oauthError(client.clientCredentialsGrant(config, { scope: 'ledger:read' }))).toBe(
      'invalid_client',
    );
  });

  it('refuses a revoked client, and lists it as revoked for its tenant only', async () => {
    const erp = await createApiClient(
      pool,
      {
        tenantId: 'ten_beta',
        name: 'Beta ERP',
        scopes: ['ledger:read'],
      },
      by,
    );
    await clientCredentialsToken(issuer, erp, { scope: 'ledger:read' });

    expect(await revokeApiClient(pool, 'ten_acme', erp.clientId, by)).toBe(false); // not acme's
    expect(await revokeApiClient(pool, 'ten_beta', erp.clientId, by)).toBe(true);
    expect(await oauthError(clientCredentialsToken(issuer, erp, { scope: 'ledger:read' }))).toBe(
      'invalid_client',
    );

    const listed = await listApiClients(pool, 'ten_beta');
    expect(listed).toEqual([
      expect.objectContaining({ clientId: erp.clientId, name: 'Beta ERP', scopes: ['ledger:read'] }),
    ]);
    expect(listed[0]?.revokedAt).toBeInstanceOf(Date);
    expect((await listApiClients(pool, 'ten_acme')).map((c) => c.clientId)).not.toContain(erp.clientId);
  });

  it('puts a fixed client back as given, un-revoked, with the secret it was given', async () => {
    const fixed = { clientId: 'cli_fixed_erp', clientSecret: 'a-secret-of-at-least-thirty-two-chars' };
    const put = () =>
      putApiClient(pool, { ...fixed, tenantId: 'ten_acme', name: 'Fixed', scopes: ['ledger:read'] });
    await put();
    await put();
    await revokeApiClient(pool, 'ten_acme', fixed.clientId, by);
    expect(await oauthError(clientCredentialsToken(issuer, fixed))).toBe('invalid_client');
    await put();
    await clientCredentialsToken(issuer, fixed, { scope: 'ledger:read' });
    await expect(
      putApiClient(pool, { ...fixed, clientSecret: 'short', tenantId: 't', name: 'n', scopes: ['x'] }),
    ).rejects.toThrow(/clientSecret: at least 32/);
  });

  it('keeps only a hash of the secret, and checks its input by field', async () => {
    const erp = await createApiClient(
      pool,
      {
        tenantId: 'ten_acme',
        name: 'Hashed',
        scopes: ['ledger:read'],
      },
      by,
    );
    const { rows } = await pool.query(
      'select row_to_json(c)::text as row from identity.client c where client_id = $1',
      [erp.clientId],
    );
    expect(rows[0].row).not.toContain(erp.clientSecret);
    await expect(
      createApiClient(pool, { tenantId: 'ten_acme', name: ' ', scopes: ['ledger:read'] }, by),
    ).rejects.toThrow(new ApiClientInputError('name: 1 to 200 characters'));
    await expect(
      createApiClient(pool, { tenantId: 'ten_acme', name: 'x', scopes: ['a b'] }, by),
    ).rejects.toThrow(/scopes: "a b"/);
  });

  it("pages a tenant's clients oldest first, after the last one seen", async () => {
    const made = [];
    for (const name of ['P1', 'P2', 'P3'])
      made.push(await createApiClient(pool, { tenantId: 'ten_pages', name, scopes: ['ledger:read'] }, by));
    const first = await listApiClients(pool, 'ten_pages', { limit: 2 });
    expect(first.map((c) => c.name)).toEqual(['P1', 'P2']);
    const rest = await listApiClients(pool, 'ten_pages', { limit: 2, after: first[1]?.clientId });
    expect(rest.map((c) => c.clientId)).toEqual([made[2]?.clientId]);
    expect(await listApiClients(pool, 'ten_other', { after: made[0]?.clientId })).toEqual([]);
  });

  it('signs with the kid the JWKS publishes', async () => {
    const erp = await createApiClient(
      pool,
      { tenantId: 'ten_acme', name: 'Kid', scopes: ['ledger:read'] },
      by,
    );
    const token = await clientCredentialsToken(issuer, erp, { scope: 'ledger:read' });
    const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toContain(decodeProtectedHeader(token).kid);
    expect(jwks.keys.every((key) => key.d === undefined)).toBe(true);
  });
});
