import { describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit-log.ts';
import { THROTTLE } from '../sign-in/throttle-policy.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { manualClock, startTestIdentity } from '../testing/test-identity.ts';
import { createApiClient } from './api-clients.ts';
import { basicClientId } from './token-throttle.ts';

const { pool } = await createTestDatabase();
const clock = manualClock();
// Behind a "proxy" so each test can come from addresses of its own (X-Forwarded-For).
const { url } = await startTestIdentity(pool, { trustProxy: true, now: clock.now });
const by = { actorId: 'usr_admin', ip: '192.0.2.1' };

function tokenRequest(clientId: string, secret: string, ip: string) {
  return fetch(`${url}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': ip,
    },
    body: 'grant_type=client_credentials&scope=ledger%3Aread',
  });
}

const newClient = (tenantId: string) =>
  createApiClient(pool, { tenantId, name: 'ERP', scopes: ['ledger:read'] }, by);

describe('the token endpoint throttles failed client authentications', () => {
  it('lets the free failures through as 401 invalid_client, then answers 429 with Retry-After, even to the right secret', async () => {
    const erp = await newClient('ten_throttle');
    const ip = '203.0.113.10';
    for (let i = 1; i <= THROTTLE.freeFailures; i++) {
      const answer = await tokenRequest(erp.clientId, 'wrong', ip);
      expect(answer.status).toBe(401);
      expect(((await answer.json()) as { error: string }).error).toBe('invalid_client');
    }
    // The first failure past the free ones is still told it failed, and starts the wait.
    expect((await tokenRequest(erp.clientId, 'wrong', ip)).status).toBe(401);

    const locked = await tokenRequest(erp.clientId, erp.clientSecret, ip);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(THROTTLE.waitIncrementSeconds);
    expect(locked.headers.get('cache-control')).toBe('no-store');
    expect(((await locked.json()) as { error: string }).error).toBe('invalid_client');

    // Someone failing from elsewhere does not lock the integration out of its own address.
    expect((await tokenRequest(erp.clientId, erp.clientSecret, '203.0.113.11')).status).toBe(200);

    const events = await listAudit(pool, { tenantId: 'ten_throttle', limit: 100 });
    expect(events.filter((e) => e.type === 'client_auth.failed')).toHaveLength(THROTTLE.freeFailures + 1);
    const lockouts = events.filter((e) => e.type === 'lockout');
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({
      subjectId: erp.clientId,
      ip,
      details: {
        clientId: erp.clientId,
        failures: THROTTLE.freeFailures + 1,
        waitSeconds: THROTTLE.waitIncrementSeconds,
      },
    });

    // After the wait, the right secret gets a token and starts the count over.
    clock.advance(THROTTLE.waitIncrementSeconds + 1);
    expect((await tokenRequest(erp.clientId, erp.clientSecret, ip)).status).toBe(200);
    expect((await tokenRequest(erp.clientId, 'wrong', ip)).status).toBe(401);
    expect((await tokenRequest(erp.clientId, erp.clientSecret, ip)).status).toBe(200);
  });

  it('counts a client under the address the proxy added, whatever it wrote left of it itself', async () => {
    const ip = '203.0.113.30';
    for (let i = 0; i < THROTTLE.ipFailuresPerWindow; i++) {
      // A new made-up address each time, in front of the one the proxy saw: still one IP.
      expect((await tokenRequest(`cli_nobody_${i}`, 'guess', `198.51.100.${i}, ${ip}`)).status).toBe(401);
    }
    const erp = await newClient('ten_spoof');
    expect((await tokenRequest(erp.clientId, erp.clientSecret, `198.51.100.250, ${ip}`)).status).toBe(429);
  });

  it('counts unknown client ids per IP too: a spray across ids waits out the IP window', async () => {
    const ip = '203.0.113.20';
    for (let i = 0; i < THROTTLE.ipFailuresPerWindow; i++) {
      expect((await tokenRequest(`cli_nobody_${i}`, 'guess', ip)).status).toBe(401);
    }
    const erp = await newClient('ten_spray');
    const blocked = await tokenRequest(erp.clientId, erp.clientSecret, ip);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(THROTTLE.ipWindowSeconds - 5);
    // An unknown client belongs to no tenant: its failures are audited without one.
    const { rows } = await pool.query(
      `select count(*)::int as n from identity.audit_event
       where type = 'client_auth.failed' and tenant_id is null and ip = $1`,
      [ip],
    );
    expect(rows[0].n).toBe(THROTTLE.ipFailuresPerWindow);
  });

  it('reads the client id of a Basic header as RFC 6749 encodes it', () => {
    const header = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;
    expect(basicClientId(header('cli_a%3Ab:secret'))).toBe('cli_a:b');
    expect(basicClientId(header('a+b:secret'))).toBe('a b');
    expect(basicClientId(header(':secret'))).toBeUndefined();
    expect(basicClientId('Bearer x')).toBeUndefined();
  });
});
