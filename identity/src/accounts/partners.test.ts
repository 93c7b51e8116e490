import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.ts';
import { peekAccountToken } from './account-tokens.ts';
import { AccountInputError, createAccount, findAccountByEmail } from './accounts.ts';
import { addPartnerMembership, invitePartner, listPartners, partnerMembershipsOf } from './partners.ts';

const { pool } = await createTestDatabase();
const OPERATOR = { actorId: null, ip: null };

async function count(sql: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from ${sql}`);
  return rows[0]?.n ?? 0;
}

describe('partner accounts', () => {
  it('lets the operator invite a partner: publisher, account, membership, a single-use invitation, audited', async () => {
    const invited = await invitePartner(
      pool,
      {
        publisherId: 'com.example',
        publisherName: 'Example B.V.',
        email: 'ada@example.com',
        name: 'Ada',
        language: 'en',
        admin: true,
      },
      OPERATOR,
    );
    expect(await peekAccountToken(pool, 'invitation', invited.token)).toEqual({
      accountId: invited.accountId,
      tenantId: null,
    });
    expect(await partnerMembershipsOf(pool, invited.accountId)).toEqual([
      {
        accountId: invited.accountId,
        publisherId: 'com.example',
        publisherName: 'Example B.V.',
        admin: true,
      },
    ]);
    expect(await listPartners(pool, 'com.example')).toEqual([
      { id: invited.accountId, email: 'ada@example.com', name: 'Ada', admin: true, status: 'invited' },
    ]);
    const { rows } = await pool.query(`select * from identity.audit_event where type = 'partner.invited'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'partner.invited',
      tenant_id: null,
      subject_id: invited.accountId,
      details: { publisherId: 'com.example', email: 'ada@example.com', admin: true },
    });
  });

  it('lets a partner admin invite a colleague of the same publisher, and nobody else invite anyone', async () => {
    const admin = await findAccountByEmail(pool, 'ada@example.com');
    const colleague = {
      publisherId: 'com.example',
      email: 'bob@example.com',
      name: 'Bob',
      language: 'nl' as const,
      admin: false,
    };
    const bob = await invitePartner(pool, colleague, { actorId: admin?.id as string, ip: '203.0.113.9' });
    expect((await partnerMembershipsOf(pool, bob.accountId))[0]).toMatchObject({ admin: false });

    // Bob is no admin; Ada is nobody at org.other; an account that is no partner at all.
    const stranger = await createAccount(pool, { email: 'eve@example.org', name: 'Eve', language: 'en' });
    const refusals = [
      [{ ...colleague, email: 'carol@example.com' }, bob.accountId],
      [
        { ...colleague, publisherId: 'org.other', publisherName: 'Other', email: 'dan@example.com' },
        admin?.id,
      ],
      [{ ...colleague, email: 'frank@example.com' }, stranger.id],
    ] as const;
    for (const [input, actorId] of refusals)
      await expect(invitePartner(pool, input, { actorId: actorId as string, ip: null })).rejects.toThrow(
        new AccountInputError('actor', 'forbidden'),
      );
    // Refused whole: no account, no publisher, no audit event was left behind.
    expect(
      await count(
        `identity.account where email in ('carol@example.com', 'dan@example.com', 'frank@example.com')`,
      ),
    ).toBe(0);
    expect(await count(`identity.publisher where id = 'org.other'`)).toBe(0);
  });

  it('refuses a partner invited twice, a new publisher without a name and a publisher id that is no reversed domain', async () => {
    const again = {
      publisherId: 'com.example',
      email: 'BOB@example.com',
      name: 'Bob',
      language: 'en' as const,
    };
    await expect(invitePartner(pool, { ...again, admin: false }, OPERATOR)).rejects.toThrow(
      new AccountInputError('email', 'member'),
    );
    const before = await count('identity.account');
    const fresh = { email: 'gina@example.net', name: 'Gina', language: 'en' as const, admin: true };
    await expect(invitePartner(pool, { ...fresh, publisherId: 'net.example' }, OPERATOR)).rejects.toThrow(
      new AccountInputError('publisherName', 'required'),
    );
    for (const publisherId of ['com', 'Com.Example', 'pub_123', 'com..example', '.com.example'])
      await expect(
        invitePartner(pool, { ...fresh, publisherId, publisherName: 'X' }, OPERATOR),
        publisherId,
      ).rejects.toThrow(new AccountInputError('publisherId', 'invalid'));
    expect(await count('identity.account')).toBe(before);
  });

  it('keeps a disabled partner membership out of the sign-in, and addPartnerMembership puts it back', async () => {
    const account = await createAccount(pool, { email: 'hal@example.com', name: 'Hal', language: 'de' });
    await addPartnerMembership(pool, {
      accountId: account.id,
      publisherId: 'com.example',
      publisherName: 'Ignored',
    });
    await pool.query('update identity.partner_membership set disabled_at = now() where account_id = $1', [
      account.id,
    ]);
    expect(await partnerMembershipsOf(pool, account.id)).toEqual([]);
    await addPartnerMembership(pool, {
      accountId: account.id,
      publisherId: 'com.example',
      publisherName: 'Ignored',
      admin: true,
    });
    // An existing publisher keeps its name.
    expect(await partnerMembershipsOf(pool, account.id)).toEqual([
      { accountId: account.id, publisherId: 'com.example', publisherName: 'Example B.V.', admin: true },
    ]);
  });
});
