import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit-log.ts';
import { Browser } from '../testing/browser.ts';
import { oauthError } from '../testing/get-token.ts';
import {
  CONSOLE_CLIENT,
  consoleRelyingParty,
  REDIRECT_URI,
  signInWithPassword,
  startSignIn,
  submit,
} from '../testing/sign-in-driver.ts';
import { TEST_ROLE_SCOPES, testPerson } from '../testing/test-accounts.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { startTestIdentity } from '../testing/test-identity.ts';
import { setMemberDisabled } from './members.ts';
import { listSessions, revokeAllSessions, revokeSession } from './sessions.ts';

const { pool } = await createTestDatabase();
const { issuer } = await startTestIdentity(pool, {
  firstPartyClients: [CONSOLE_CLIENT],
  roleScopes: TEST_ROLE_SCOPES,
  onError: (error) => console.error('SERVER ERROR', error),
});
const SCOPE = 'openid offline_access ledger:read';
const admin = { actorId: 'usr_the_admin', ip: '203.0.113.9' };

/** A sign-in to the console in a browser of its own, for `tenantId`: the browser and its tokens. */
async function signedIn(person: { email: string; password: string }, tenantId: string) {
  const rp = await consoleRelyingParty(issuer, SCOPE);
  const browser = new Browser();
  const step = await signInWithPassword(browser, rp.url, person.email, person.password);
  // A person of one tenant goes straight back; of several, chooses.
  const back = step.url.startsWith(REDIRECT_URI)
    ? step
    : await submit(browser, step.url, step.body, 'tenant', { tenant: tenantId });
  expect(back.url.startsWith(REDIRECT_URI)).toBe(true);
  const tokens = await rp.exchange(back.url);
  return { browser, rp, refreshToken: tokens.refresh_token as string };
}

const refresh = (session: Awaited<ReturnType<typeof signedIn>>) =>
  client.refreshTokenGrant(session.rp.config, session.refreshToken).then((tokens) => {
    session.refreshToken = tokens.refresh_token as string;
    return tokens;
  });

describe('sessions an admin can see and end', () => {
  it('lists the tenant’s sessions only; ending one signs that browser out and its refresh token stops at once; ending all ends the rest', async () => {
    const person = await testPerson(pool, [
      { tenantId: 'ten_s1', roles: ['admin'] },
      { tenantId: 'ten_s2', roles: ['viewer'] },
    ]);
    const office = await signedIn(person, 'ten_s1');
    const laptop = await signedIn(person, 'ten_s1');
    const elsewhere = await signedIn(person, 'ten_s2');

    const listed = await listSessions(pool, 'ten_s1', person.id);
    expect(listed).toHaveLength(2);
    for (const session of listed)
      expect(session).toEqual({
        id: expect.any(String),
        createdAt: expect.any(Date),
        lastUsedAt: expect.any(Date),
        expiresAt: expect.any(Date),
        clients: [{ clientId: 'kredo-console', name: 'kredo-console' }],
      });
    expect(await listSessions(pool, 'ten_s2', person.id)).toHaveLength(1);
    expect(await listSessions(pool, 'ten_nobody', person.id)).toEqual([]);
    // Nothing secret: the session's cookie value is not its uid.
    expect(JSON.stringify(listed)).not.toMatch(/"jti"|refresh/i);

    // The newest first: the laptop's. Another tenant cannot end it.
    const [laptopSession] = listed;
    const sessionId = laptopSession?.id as string;
    expect(await revokeSession(pool, { tenantId: 'ten_s2', accountId: person.id, sessionId }, admin)).toBe(
      false,
    );
    expect(await revokeSession(pool, { tenantId: 'ten_s1', accountId: person.id, sessionId }, admin)).toBe(
      true,
    );
    expect(await oauthError(refresh(laptop))).toBe('invalid_grant');
    expect((await refresh(office)).access_token).toBeTruthy();
    // The laptop's browser is signed out: a new request asks for the e-mail again.
    const again = await startSignIn(laptop.browser, (await consoleRelyingParty(issuer, SCOPE)).url);
    expect(again.body).toContain('autocomplete="username"');
    expect(await listSessions(pool, 'ten_s1', person.id)).toHaveLength(1);

    expect(
      await revokeAllSessions(pool, { tenantId: 'ten_s1', accountId: person.id, reason: 'admin' }, admin),
    ).toEqual({
      sessions: 1,
      grants: 1,
    });
    expect(await oauthError(refresh(office))).toBe('invalid_grant');
    expect(await listSessions(pool, 'ten_s1', person.id)).toEqual([]);
    // The other tenant's tokens are not this admin's to end.
    expect((await refresh(elsewhere)).access_token).toBeTruthy();

    const events = await listAudit(pool, { tenantId: 'ten_s1', limit: 10 });
    expect(events.map((event) => event.type).slice(0, 2)).toEqual(['sessions.revoked', 'session.revoked']);
    expect(events[0]).toMatchObject({ actorId: admin.actorId, ip: admin.ip, details: { reason: 'admin' } });
  });

  it('deactivating a membership ends its sessions and grants at once', async () => {
    const person = await testPerson(pool, [{ tenantId: 'ten_s3', roles: ['viewer'] }]);
    const session = await signedIn(person, 'ten_s3');
    await setMemberDisabled(pool, 'ten_s3', person.id, true, admin);
    expect(await listSessions(pool, 'ten_s3', person.id)).toEqual([]);
    expect(await oauthError(refresh(session))).toBe('invalid_grant');
    const events = await listAudit(pool, { tenantId: 'ten_s3', limit: 10 });
    expect(events.map((event) => event.type).slice(0, 2)).toEqual(['sessions.revoked', 'user.deactivated']);
    expect(events[0]?.details).toEqual({ reason: 'deactivated', sessions: 1, grants: 1 });
  });
});
