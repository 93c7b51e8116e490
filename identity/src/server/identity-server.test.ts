import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, startTestIdentity } from '../testing/test-identity.ts';
import { startIdentityServer } from './start-identity-server.ts';

const { pool } = await createTestDatabase();
const { issuer, url, masterKey } = await startTestIdentity(pool);

describe('the identity server', () => {
  it('publishes its discovery document at /.well-known/openid-configuration', async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer,
      jwks_uri: `${issuer}/jwks`,
      token_endpoint: `${issuer}/token`,
      revocation_endpoint: `${issuer}/token/revocation`,
      introspection_endpoint: `${issuer}/token/introspection`,
      end_session_endpoint: `${issuer}/session/end`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
      id_token_signing_alg_values_supported: ['ES256'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'client_credentials']),
    );
    expect(discovery.grant_types_supported).not.toContain('implicit');
    expect(discovery.response_types_supported).toEqual(['code']);
  });

  it('answers a sign-in page without its interaction cookie with "expired", under the pages\' CSP', async () => {
    const response = await fetch(`${url}/interaction/abc`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toMatch(/This sign-in has expired/);
  });

  it('trusts X-Forwarded-* only when told to: endpoints follow the proxy, the issuer stays configured', async () => {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'id.example.com' };
    const direct = (await (await fetch(`${url}/.well-known/openid-configuration`, { headers })).json()) as {
      token_endpoint: string;
    };
    expect(direct.token_endpoint).toBe(`${url}/token`);

    const proxied = await startTestIdentity(pool, {
      masterKey,
      trustProxy: true,
      issuer: 'https://id.example.com',
    });
    const behind = (await (
      await fetch(`${proxied.url}/.well-known/openid-configuration`, { headers })
    ).json()) as {
      issuer: string;
      token_endpoint: string;
    };
    expect(behind).toMatchObject({
      issuer: 'https://id.example.com',
      token_endpoint: 'https://id.example.com/token',
    });
  });

  it('refuses to start with a master key that is not 32 bytes, or a relative resource', async () => {
    const common = { pool, port: 0, apiScopes: [], keyRefreshSeconds: 0 };
    await expect(
      startIdentityServer({ ...common, masterKey: Buffer.alloc(16), apiResource: API_RESOURCE }),
    ).rejects.toThrow(/masterKey must be 32 bytes/);
    await expect(
      startIdentityServer({ ...common, masterKey: Buffer.alloc(32), apiResource: '/api/v1' }),
    ).rejects.toThrow(/apiResource must be an absolute/);
  });
});
