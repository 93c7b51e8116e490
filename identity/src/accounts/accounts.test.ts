import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit-event.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import {
  AccountInputError,
  accountWithHash,
  addMembership,
  createAccount,
  findAccountByEmail,
  membershipsOf,
  setPassword,
  setTenantPolicy,
} from './accounts.ts';
import { verifyPassword } from './password-hash.ts';
import { replaceRecoveryCodes, unusedRecoveryCodes, useRecoveryCode } from './recovery-codes.ts';
import { enrolTotp, hasTotp, removeTotp } from './second-factor.ts';
import { newTotpSecret } from './totp.ts';

const { pool } = await createTestDatabase();

describe('accounts', () => {
  it('makes an account with an argon2id hash, its e-mail unique whatever its case', async () => {
    const account = await createAccount(pool, {
      email: 'Ann.Smith@Example.com',
      name: 'Ann Smith',
      language: 'nl',
      password: 'a lovely long phrase',
    });
    expect(account.id).toMatch(/^usr_[0-9a-f]{24}$/);
    expect((await findAccountByEmail(pool, ' ann.smith@example.COM '))?.id).toBe(account.id);
    const stored = await accountWithHash(pool, 'ann.smith@example.com');
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored?.passwordHash, 'a lovely long phrase')).toBe(true);
    expect(await verifyPassword(stored?.passwordHash, 'a lovely long phrasE')).toBe(false);
    expect(await verifyPassword(undefined, 'a lovely long phrase')).toBe(false);
    await expect(
      createAccount(pool, { email: 'ANN.SMITH@example.com', name: 'Other', language: 'en' }),
    ).rejects.toThrow(new AccountInputError('email', 'taken'));
  });

  it('checks the password rules when setting one, naming the problem', async () => {
    const account = await createAccount(pool, { email: 'bob@example.com', name: 'Bob', language: 'en' });
    await expect(setPassword(pool, account.id, 'password1234')).rejects.toMatchObject({
      field: 'password',
      problem: 'common',
    });
    await expect(setPassword(pool, account.id, 'short')).rejects.toMatchObject({ problem: 'too_short' });
    expect(await setPassword(pool, account.id, 'Sunflower-Dune-42')).toBe(true);
    expect(await setPassword(pool, 'usr_nobody', 'Sunflower-Dune-42')).toBe(false);
  });

  it('keeps memberships with roles and administrations, and each tenant its 2FA policy', async () => {
    const account = await createAccount(pool, { email: 'cor@example.com', name: 'Cor', language: 'de' });
    await addMembership(pool, { accountId: account.id, tenantId: 'ten_x', roles: ['collector'] });
    await addMembership(pool, {
      accountId: account.id,
      tenantId: 'ten_y',
      roles: ['viewer', 'viewer'],
      administrations: ['adm_1'],
    });
    await addMembership(pool, { accountId: account.id, tenantId: 'ten_x', roles: ['credit_manager'] });
    await setTenantPolicy(pool, 'ten_y', { require2fa: true });
    expect(await membershipsOf(pool, account.id)).toEqual([
      {
        accountId: account.id,
        tenantId: 'ten_x',
        roles: ['credit_manager'],
        administrations: null,
        require2fa: false,
      },
      {
        accountId: account.id,
        tenantId: 'ten_y',
        roles: ['viewer'],
        administrations: ['adm_1'],
        require2fa: true,
      },
    ]);
    await expect(
      addMembership(pool, { accountId: account.id, tenantId: 'ten_z', roles: ['owner' as never] }),
    ).rejects.toThrow(/roles: invalid/);
  });

  it('uses each recovery code once, stores only hashes, and removes TOTP with an audit event', async () => {
    const account = await createAccount(pool, { email: 'dee@example.com', name: 'Dee', language: 'fr' });
    await enrolTotp(pool, randomBytes(32), account.id, newTotpSecret());
    const codes = await replaceRecoveryCodes(pool, account.id);
    expect(new Set(codes).size).toBe(10);
    const { rows } = await pool.query(
      'select code_sha256 from identity.recovery_code where account_id = $1',
      [account.id],
    );
    expect(rows.map((row) => row.code_sha256)).not.toContain(codes[0]);
    expect(await useRecoveryCode(pool, account.id, ` ${(codes[0] as string).toUpperCase()} `)).toBe(true);
    expect(await useRecoveryCode(pool, account.id, codes[0] as string)).toBe(false);
    expect(await unusedRecoveryCodes(pool, account.id)).toBe(9);

    const events: AuditEvent[] = [];
    const onAudit = async (event: AuditEvent) => void events.push(event);
    expect(await removeTotp(pool, account.id, { onAudit, actorId: 'usr_admin', tenantId: 'ten_x' })).toBe(
      true,
    );
    expect(await hasTotp(pool, account.id)).toBe(false);
    expect(await unusedRecoveryCodes(pool, account.id)).toBe(0);
    expect(events).toEqual([
      {
        type: 'totp.removed',
        tenantId: 'ten_x',
        actorId: 'usr_admin',
        subjectId: account.id,
        ip: null,
        details: {},
      },
    ]);
  });
});
