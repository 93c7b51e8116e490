import { randomBytes } from 'node:crypto';
import { addMembership, createAccount, startIdentityServer } from '@kredo/identity';
import {
  Browser,
  CONSOLE_CLIENT,
  consoleRelyingParty,
  oauthError,
  signInWithPassword,
} from '@kredo/identity/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { ALL_SCOPES } from '../auth/principal.ts';
import { ROLE_SCOPES } from '../auth/roles.ts';

// An admin sees a member's sessions and ends them through core's API; the member signed in through
// the real identity server's pages, and openid-client's refresh is refused at once afterwards.
const { db, caller, newTenant, identityDb } = await createTestApi();
const identity = await startIdentityServer({
  databaseUrl: db.url,
  port: 0,
  masterKey: randomBytes(32),
  apiResource: 'http://127.0.0.1:3000/api/v1',
  apiScopes: ALL_SCOPES,
  roleScopes: ROLE_SCOPES,
  firstPartyClients: [CONSOLE_CLIENT],
  keyRefreshSeconds: 0,
});
afterAll(() => identity.close());

const acme = await newTenant('Acme BV');
const globex = await newTenant('Globex BV');
const admin = await caller(acme.tenantId, [...ROLE_SCOPES.admin], 'usr_acme_admin');

let counter = 0;
/** A collector of Acme, signed in to the console `times` (each a browser of its own): their refresh tokens. */
async function collector(times: number) {
  counter += 1;
  const email = `collector${counter}.${Date.now()}@example.com`;
  const password = 'a long and unusual phrase';
  const account = await createAccount(identityDb, { email, name: 'Collector', language: 'en', password });
  await addMembership(identityDb, { accountId: account.id, tenantId: acme.tenantId, roles: ['collector'] });
  const sessions = [];
  for (let i = 0; i < times; i++) {
    const rp = await consoleRelyingParty(identity.issuer, 'openid offline_access ledger:read');
    const step = await signInWithPassword(new Browser(), rp.url, email, password);
    const tokens = await rp.exchange(step.url);
    sessions.push({ rp, refreshToken: tokens.refresh_token as string });
  }
  return { id: account.id, sessions };
}

describe("a member's sessions through the API", () => {
  it('lists them without secrets, ends one (its refresh token refused at once), then all', async () => {
    const person = await collector(2);
    const listed = await admin('GET', `/api/v1/users/${person.id}/sessions`);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(2);
    expect(listed.body.data[0]).toEqual({
      id: expect.any(String),
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      expiresAt: expect.any(String),
      clients: [{ clientId: 'kredo-console', name: 'kredo-console' }],
    });
    const text = JSON.stringify(listed.body);
    for (const session of person.sessions) expect(text).not.toContain(session.refreshToken);

    // Newest first: the second sign-in's session.
    const [first, second] = person.sessions as [(typeof person.sessions)[0], (typeof person.sessions)[0]];
    const ended = await admin('DELETE', `/api/v1/users/${person.id}/sessions/${listed.body.data[0].id}`);
    expect(ended.status).toBe(204);
    expect(await oauthError(second.rp.refresh(second.refreshToken))).toBe('invalid_grant');
    const still = await first.rp.refresh(first.refreshToken);
    expect(still.access_token).toBeTruthy();
    const again = await admin('DELETE', `/api/v1/users/${person.id}/sessions/${listed.body.data[0].id}`);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('session_not_found');

    const all = await admin('DELETE', `/api/v1/users/${person.id}/sessions`);
    expect(all).toMatchObject({ status: 200, body: { sessions: 1, grants: 1 } });
    expect(await oauthError(first.rp.refresh(still.refresh_token as string))).toBe('invalid_grant');
    expect((await admin('GET', `/api/v1/users/${person.id}/sessions`)).body.data).toEqual([]);

    const log = await admin('GET', '/api/v1/audit-events?limit=20');
    const types = log.body.data
      .filter((event: { subjectId: string }) => event.subjectId === person.id)
      .map((event: { type: string }) => event.type);
    expect(types.slice(0, 2)).toEqual(['sessions.revoked', 'session.revoked']);
  });

  it('deactivating a member ends their sessions at once; another tenant sees no such user', async () => {
    const person = await collector(1);
    const globexAdmin = await caller(globex.tenantId, [...ROLE_SCOPES.admin], 'usr_globex_admin');
    const foreign = await globexAdmin('GET', `/api/v1/users/${person.id}/sessions`);
    expect(foreign).toMatchObject({ status: 404, body: { code: 'user_not_found' } });
    expect((await globexAdmin('DELETE', `/api/v1/users/${person.id}/sessions`)).status).toBe(404);
    expect((await admin('POST', `/api/v1/users/${person.id}/deactivate`)).status).toBe(200);
    const [only] = person.sessions;
    expect(await oauthError(only?.rp.refresh(only.refreshToken) ?? Promise.resolve())).toBe('invalid_grant');
    expect((await admin('GET', `/api/v1/users/${person.id}/sessions`)).body.data).toEqual([]);
    // A collector (no identity:manage) cannot see anyone's sessions.
    const peer = await caller(acme.tenantId, [...ROLE_SCOPES.collector], 'usr_peer');
    expect((await peer('GET', `/api/v1/users/${person.id}/sessions`)).status).toBe(403);
  });
});
