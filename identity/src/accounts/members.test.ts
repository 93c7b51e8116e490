import { describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit-log.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { consumeAccountToken, issueAccountToken, peekAccountToken } from './account-tokens.ts';
import { membershipsOf } from './accounts.ts';
import { changeMember, findMember, inviteMember, listMembers, setMemberDisabled } from './members.ts';

const { pool } = await createTestDatabase();
const by = { actorId: 'usr_admin', ip: '127.0.0.1' };

describe('members', () => {
  it("invites an existing account to a second tenant, and deactivates one tenant's membership only", async () => {
    const first = await inviteMember(
      pool,
      { tenantId: 'ten_a', email: 'pat@example.com', name: 'Pat', language: 'en', roles: ['viewer'] },
      by,
    );
    const second = await inviteMember(
      pool,
      { tenantId: 'ten_b', email: 'PAT@example.com', name: 'Pat', language: 'en', roles: ['collector'] },
      by,
    );
    expect(second.member.id).toBe(first.member.id);
    await expect(
      inviteMember(
        pool,
        { tenantId: 'ten_a', email: 'pat@example.com', name: 'P', language: 'en', roles: ['viewer'] },
        by,
      ),
    ).rejects.toMatchObject({ field: 'email', problem: 'member' });

    await setMemberDisabled(pool, 'ten_a', first.member.id, true, by);
    expect((await findMember(pool, 'ten_a', first.member.id))?.disabled).toBe(true);
    expect((await findMember(pool, 'ten_b', first.member.id))?.disabled).toBe(false);
    expect((await membershipsOf(pool, first.member.id)).map((m) => m.tenantId)).toEqual(['ten_b']);
    expect(await setMemberDisabled(pool, 'ten_c', first.member.id, true, by)).toBeUndefined();
    expect(await changeMember(pool, 'ten_c', first.member.id, { roles: ['admin'] }, by)).toBeUndefined();
    expect((await listMembers(pool, 'ten_a')).map((m) => m.email)).toEqual(['pat@example.com']);
    const types = (await listAudit(pool, { tenantId: 'ten_a', limit: 10 })).map((e) => e.type);
    expect(types).toEqual(['user.deactivated', 'user.invited']);
  });
});

describe('account tokens', () => {
  it('works once, only for its purpose, and a newer one voids the older', async () => {
    const { member } = await inviteMember(
      pool,
      { tenantId: 'ten_t', email: 'tok@example.com', name: 'Tok', language: 'nl', roles: ['viewer'] },
      by,
    );
    const older = await issueAccountToken(pool, { purpose: 'password_reset', accountId: member.id });
    const newer = await issueAccountToken(pool, { purpose: 'password_reset', accountId: member.id });
    expect(await peekAccountToken(pool, 'password_reset', older.token)).toBeUndefined();
    expect(await consumeAccountToken(pool, 'invitation', newer.token)).toBeUndefined();
    const [a, b] = await Promise.all([
      consumeAccountToken(pool, 'password_reset', newer.token),
      consumeAccountToken(pool, 'password_reset', newer.token),
    ]);
    expect([a, b].filter(Boolean)).toEqual([{ accountId: member.id, tenantId: null }]);
  });

  it('expires', async () => {
    const { member } = await inviteMember(
      pool,
      { tenantId: 'ten_x', email: 'exp@example.com', name: 'Exp', language: 'de', roles: ['viewer'] },
      by,
    );
    const { token } = await issueAccountToken(pool, { purpose: 'password_reset', accountId: member.id });
    await pool.query(
      "update identity.account_token set expires_at = now() - interval '1 second' where account_id = $1",
      [member.id],
    );
    expect(await consumeAccountToken(pool, 'password_reset', token)).toBeUndefined();
  });
});
