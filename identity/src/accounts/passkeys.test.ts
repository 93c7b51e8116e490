import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit-event.ts';
import { SoftwareAuthenticator } from '../testing/software-authenticator.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { createAccount } from './accounts.ts';
import {
  enrolPasskey,
  hasPasskey,
  listPasskeys,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  relyingPartyOf,
  removePasskey,
  verifyPasskey,
} from './passkeys.ts';

const { pool } = await createTestDatabase();
const rp = relyingPartyOf('https://id.kredo.test/');
const now = new Date('2026-12-07T10:00:00Z');
let n = 0;

async function person() {
  n += 1;
  return createAccount(pool, { email: `pk${n}@example.com`, name: `Passkey ${n}`, language: 'en' });
}

/** An account with one passkey enrolled from a fresh software authenticator. */
async function enrolled(options: { counter?: boolean } = {}) {
  const account = await person();
  const authenticator = new SoftwareAuthenticator(rp.origin, options);
  const creation = await passkeyRegistrationOptions(pool, rp, account);
  const passkey = await enrolPasskey(pool, rp, {
    accountId: account.id,
    response: authenticator.create(creation),
    expectedChallenge: creation.challenge,
    name: 'Laptop',
  });
  if (!passkey) throw new Error('not enrolled');
  return { account, authenticator, passkey };
}

async function signIn(authenticator: SoftwareAuthenticator, accountId: string | null) {
  const request = await passkeyAuthenticationOptions(pool, rp, accountId);
  return verifyPasskey(pool, rp, {
    response: authenticator.get(request),
    expectedChallenge: request.challenge,
    accountId,
    now,
  });
}

describe('passkeys', () => {
  it('enrols a discoverable, user-verified passkey for the issuer host, audited, and lists it', async () => {
    const account = await person();
    const events: AuditEvent[] = [];
    const creation = await passkeyRegistrationOptions(pool, rp, account);
    expect(creation.rp).toEqual({ id: 'id.kredo.test', name: 'Kredo' });
    expect(creation.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    });
    expect(creation.user.id).toBe(Buffer.from(account.id).toString('base64url'));
    const response = new SoftwareAuthenticator(rp.origin).create(creation);
    const audit = {
      onAudit: async (e: AuditEvent) => void events.push(e),
      actorId: account.id,
      tenantId: null,
    };
    const passkey = await enrolPasskey(
      pool,
      rp,
      { accountId: account.id, response, expectedChallenge: creation.challenge, name: 'Laptop' },
      audit,
    );
    expect(passkey).toMatchObject({ credentialId: response.id, accountId: account.id, name: 'Laptop' });
    expect(await listPasskeys(pool, account.id)).toEqual([passkey]);
    expect(await hasPasskey(pool, account.id)).toBe(true);
    expect(events.map((e) => [e.type, e.subjectId])).toEqual([['passkey.enrolled', account.id]]);
    // The same answer again: the credential is stored already.
    expect(
      await enrolPasskey(pool, rp, {
        accountId: account.id,
        response,
        expectedChallenge: creation.challenge,
        name: 'x',
      }),
    ).toBeNull();
    // The next registration excludes it.
    const next = await passkeyRegistrationOptions(pool, rp, account);
    expect(next.excludeCredentials?.map((c) => c.id)).toEqual([response.id]);
  });

  it('refuses a registration for another challenge, another origin, or without user verification', async () => {
    const account = await person();
    const creation = await passkeyRegistrationOptions(pool, rp, account);
    const enrol = (response: unknown, expectedChallenge = creation.challenge) =>
      enrolPasskey(pool, rp, { accountId: account.id, response, expectedChallenge, name: 'x' });
    expect(await enrol(new SoftwareAuthenticator(rp.origin).create(creation), 'another')).toBeNull();
    expect(await enrol(new SoftwareAuthenticator('https://evil.test').create(creation))).toBeNull();
    expect(
      await enrol(new SoftwareAuthenticator(rp.origin, { userVerified: false }).create(creation)),
    ).toBeNull();
    expect(await enrol({ id: 'nonsense' })).toBeNull();
    expect(await enrol('not json')).toBeNull();
    expect(await listPasskeys(pool, account.id)).toEqual([]);
  });

  it('signs in passwordless (no account named) and as a second factor of the right account only', async () => {
    const { account, authenticator, passkey } = await enrolled();
    const other = await enrolled();
    const passwordless = await passkeyAuthenticationOptions(pool, rp, null);
    expect(passwordless.allowCredentials).toEqual([]);
    expect(passwordless.userVerification).toBe('required');
    expect(await signIn(authenticator, null)).toEqual({
      accountId: account.id,
      credentialId: passkey.credentialId,
    });
    expect((await listPasskeys(pool, account.id))[0]?.lastUsedAt).toEqual(now);
    expect(await signIn(authenticator, account.id)).toMatchObject({ accountId: account.id });
    // Another account's passkey is not this account's second factor.
    const request = await passkeyAuthenticationOptions(pool, rp, account.id);
    expect(
      await verifyPasskey(pool, rp, {
        response: other.authenticator.get({ ...request, allowCredentials: [] }),
        expectedChallenge: request.challenge,
        accountId: account.id,
        now,
      }),
    ).toBeNull();
  });

  it('refuses a replayed assertion, another challenge, another origin, no user verification', async () => {
    const { account, authenticator } = await enrolled();
    const request = await passkeyAuthenticationOptions(pool, rp, account.id);
    const response = authenticator.get(request);
    const verify = (r: unknown, expectedChallenge = request.challenge) =>
      verifyPasskey(pool, rp, { response: r, expectedChallenge, accountId: account.id, now });
    expect(await verify(response, 'another')).toBeNull();
    expect(await verify(response)).not.toBeNull();
    expect(await verify(response)).toBeNull(); // its counter is no longer ahead
    const elsewhere = new SoftwareAuthenticator('https://evil.test');
    Object.assign(elsewhere, { credentials: Reflect.get(authenticator, 'credentials') });
    expect(await verify(elsewhere.get({ ...request, rpId: rp.id }))).toBeNull();
    expect(await verify({ id: 'unknown' })).toBeNull();
    expect(await verify(null)).toBeNull();
  });

  it('refuses a cloned authenticator whose counter went back; one without a counter keeps working', async () => {
    const { account, authenticator } = await enrolled();
    const clone = authenticator.clone();
    expect(await signIn(authenticator, account.id)).not.toBeNull();
    expect(await signIn(authenticator, account.id)).not.toBeNull();
    // The clone's counter is behind the original's: refused.
    expect(await signIn(clone, account.id)).toBeNull();

    const counterless = await enrolled({ counter: false });
    expect(await signIn(counterless.authenticator, null)).not.toBeNull();
    expect(await signIn(counterless.authenticator, null)).not.toBeNull();
  });

  it('removes a passkey of the account only, audited', async () => {
    const { account, passkey } = await enrolled();
    const other = await person();
    const events: AuditEvent[] = [];
    const audit = {
      onAudit: async (e: AuditEvent) => void events.push(e),
      actorId: 'usr_admin',
      tenantId: 'ten_a',
    };
    expect(await removePasskey(pool, other.id, passkey.credentialId, audit)).toBe(false);
    expect(await removePasskey(pool, account.id, passkey.credentialId, audit)).toBe(true);
    expect(await hasPasskey(pool, account.id)).toBe(false);
    expect(events.map((e) => [e.type, e.actorId, e.tenantId])).toEqual([
      ['passkey.removed', 'usr_admin', 'ten_a'],
    ]);
  });
});
