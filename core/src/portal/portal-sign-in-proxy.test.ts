import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';

// The sign-in link's per-IP limit (SIGN_IN_LIMIT_PER_IP) behind a reverse proxy: with KREDO_TRUST_PROXY
// naming the proxy, each client behind it is counted under its own address; a peer that is not a
// trusted proxy is counted under its own, whatever X-Forwarded-For it sends.

const PROXY = '192.0.2.10';
const { server, newTenant } = await createTestApi({ config: { trustProxy: [PROXY] } });
const acme = await newTenant('Acme');
expect((await acme.api('PUT', '/api/v1/portal/settings', { origins: [], emailSignIn: true })).status).toBe(
  200,
);
const formUrl = `/portal/sign-in/${acme.tenantId}`;

/** A browser reaching Kredo from `remoteAddress`, saying `forwardedFor` (as a proxy adds it). */
async function browser(remoteAddress: string) {
  const page = await server.inject({ url: formUrl, remoteAddress });
  const cookie = String(page.headers['set-cookie']).match(/kredo_sign_in_csrf=[^;]+/)?.[0] ?? '';
  const csrf = page.payload.match(/name="csrf" value="([^"]+)"/)?.[1] ?? '';
  let asked = 0;
  return async (forwardedFor: string) => {
    const res = await server.inject({
      method: 'POST',
      url: formUrl,
      remoteAddress,
      payload: new URLSearchParams({ csrf, email: `${remoteAddress}-${++asked}@example.com` }).toString(),
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': forwardedFor,
      },
    });
    return res.statusCode;
  };
}

describe('the sign-in link’s per-IP limit behind a proxy', () => {
  it('counts each client behind a trusted proxy under its own address', async () => {
    const viaProxy = await browser(PROXY);
    for (let i = 0; i < 10; i++) expect(await viaProxy('203.0.113.1')).toBe(200);
    expect(await viaProxy('203.0.113.1')).toBe(429);
    // Another client behind the same proxy is not limited by the first one's links.
    expect(await viaProxy('203.0.113.2')).toBe(200);
    // What a client writes left of the proxy's own entry is not believed.
    expect(await viaProxy('198.51.100.99, 203.0.113.1')).toBe(429);
  });

  it('ignores X-Forwarded-For from a peer that is no trusted proxy', async () => {
    const direct = await browser('198.51.100.7');
    for (let i = 0; i < 10; i++) expect(await direct(`203.0.113.${100 + i}`)).toBe(200);
    expect(await direct('203.0.113.200')).toBe(429);
  });
});
