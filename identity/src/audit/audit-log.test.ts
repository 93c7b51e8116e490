import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApiClient, revokeApiClient } from '../clients/api-clients.ts';
import { ensureKeys, rotateKeys } from '../keys/key-store.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { AUDIT_TYPES, AuditInputError, listAudit, recordAudit } from './audit-log.ts';

const { pool } = await createTestDatabase();
const admin = { actorId: 'usr_admin', ip: '192.0.2.7' };

describe('the audit log', () => {
  it("records a client's creation and its revocation (once), with who, from where and what", async () => {
    const erp = await createApiClient(
      pool,
      { tenantId: 'ten_audit', name: 'ERP', scopes: ['ledger:read'] },
      admin,
    );
    expect(await revokeApiClient(pool, 'ten_audit', erp.clientId, admin)).toBe(true);
    expect(await revokeApiClient(pool, 'ten_audit', erp.clientId, { actorId: 'usr_other', ip: null })).toBe(
      true,
    );
    expect(await revokeApiClient(pool, 'ten_elsewhere', erp.clientId, admin)).toBe(false);

    const events = await listAudit(pool, { tenantId: 'ten_audit', limit: 10 });
    expect(events).toEqual([
      {
        id: expect.any(String),
        at: expect.any(Date),
        type: AUDIT_TYPES.apiClientRevoked,
        tenantId: 'ten_audit',
        actorId: 'usr_admin',
        subjectId: erp.clientId,
        ip: '192.0.2.7',
        details: { name: 'ERP' },
      },
      {
        id: expect.any(String),
        at: expect.any(Date),
        type: AUDIT_TYPES.apiClientCreated,
        tenantId: 'ten_audit',
        actorId: 'usr_admin',
        subjectId: erp.clientId,
        ip: '192.0.2.7',
        details: { name: 'ERP', scopes: ['ledger:read'] },
      },
    ]);
    expect(await listAudit(pool, { tenantId: 'ten_elsewhere', limit: 10 })).toEqual([]);
  });

  it("lists a tenant's events newest first, a page after another, of one type when asked", async () => {
    const event = (n: number, type = 'test.ping') => ({
      type,
      tenantId: 'ten_pages',
      actorId: null,
      subjectId: `s${n}`,
      ip: null,
      details: { n },
    });
    for (const n of [1, 2, 3, 4, 5]) await recordAudit(pool, event(n, n % 2 ? 'test.odd' : 'test.even'));
    const first = await listAudit(pool, { tenantId: 'ten_pages', limit: 2 });
    expect(first.map((e) => e.subjectId)).toEqual(['s5', 's4']);
    const second = await listAudit(pool, { tenantId: 'ten_pages', limit: 2, after: first[1]?.id });
    expect(second.map((e) => e.subjectId)).toEqual(['s3', 's2']);
    const odd = await listAudit(pool, { tenantId: 'ten_pages', limit: 10, type: 'test.odd' });
    expect(odd.map((e) => e.subjectId)).toEqual(['s5', 's3', 's1']);
    await expect(listAudit(pool, { tenantId: 'ten_pages', limit: 2, after: '1; drop' })).rejects.toThrow(
      new AuditInputError('after: not an audit event id'),
    );
    await expect(recordAudit(pool, event(6, 'Not A Type'))).rejects.toThrow(/audit_event_type_check/);
  });

  it('records a key rotation, with no tenant, by the operator unless an actor is given', async () => {
    const masterKey = randomBytes(32);
    await ensureKeys(pool, { masterKey });
    const grace = { signingGraceSeconds: 60, cookieGraceSeconds: 60 };
    const first = await rotateKeys(pool, { masterKey, ...grace });
    const second = await rotateKeys(pool, { masterKey, ...grace, actorId: 'usr_root' });
    const { rows } = await pool.query(
      `select tenant_id, actor_id, subject_id, details from identity.audit_event
       where type = 'signing_key.rotated' order by id`,
    );
    expect(rows).toEqual([
      { tenant_id: null, actor_id: null, subject_id: first.signingKid, details: expect.any(Object) },
      {
        tenant_id: null,
        actor_id: 'usr_root',
        subject_id: second.signingKid,
        details: { retired: [first.signingKid], dropped: [] },
      },
    ]);
  });

  it('is append-only: the role identity connects as can neither update, delete nor truncate it', async () => {
    await recordAudit(pool, {
      type: 'test.kept',
      tenantId: 'ten_kept',
      actorId: 'usr_a',
      subjectId: null,
      ip: null,
      details: {},
    });
    const { rows: role } = await pool.query<{ superuser: boolean }>(
      'select rolsuper as superuser from pg_roles where rolname = current_user',
    );
    // The test connects as a superuser, whom no revoked privilege would stop: the trigger does.
    expect(role[0]?.superuser).toBe(true);
    await expect(pool.query("update identity.audit_event set actor_id = 'usr_b'")).rejects.toThrow(
      'identity.audit_event is append-only: UPDATE refused',
    );
    await expect(pool.query("delete from identity.audit_event where tenant_id = 'ten_kept'")).rejects.toThrow(
      'identity.audit_event is append-only: DELETE refused',
    );
    await expect(pool.query('truncate identity.audit_event')).rejects.toThrow(
      'identity.audit_event is append-only: TRUNCATE refused',
    );
    const kept = await listAudit(pool, { tenantId: 'ten_kept', limit: 10 });
    expect(kept.map((e) => e.actorId)).toEqual(['usr_a']);
  });
});
