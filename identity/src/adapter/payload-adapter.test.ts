import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.ts';
import { PayloadAdapter, sweepExpired } from './payload-adapter.ts';

const { pool } = await createTestDatabase();

/** A clock the test moves by hand. */
function clock(start = new Date('2026-12-07T10:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (seconds: number) => (now += seconds * 1000) };
}

describe('PayloadAdapter', () => {
  it('stores, finds, upserts, consumes and destroys one model instance', async () => {
    const time = clock();
    const tokens = new PayloadAdapter('AccessToken', pool, time.now);
    await tokens.upsert('at-1', { jti: 'at-1', kind: 'AccessToken', grantId: 'g-1' }, 60);
    expect(await tokens.find('at-1')).toEqual({ jti: 'at-1', kind: 'AccessToken', grantId: 'g-1' });
    // Another model with the same id is another row.
    expect(await new PayloadAdapter('RefreshToken', pool, time.now).find('at-1')).toBeUndefined();

    await tokens.upsert('at-1', { jti: 'at-1', kind: 'AccessToken', grantId: 'g-1', scope: 'x' }, 60);
    expect((await tokens.find('at-1'))?.scope).toBe('x');

    await tokens.consume('at-1');
    expect((await tokens.find('at-1'))?.consumed).toBe(Math.floor(time.now().getTime() / 1000));

    await tokens.destroy('at-1');
    expect(await tokens.find('at-1')).toBeUndefined();
  });

  it('finds sessions by uid and device codes by user code', async () => {
    const time = clock();
    const sessions = new PayloadAdapter('Session', pool, time.now);
    await sessions.upsert('s-1', { jti: 's-1', kind: 'Session', uid: 'uid-1' }, 600);
    expect((await sessions.findByUid('uid-1'))?.jti).toBe('s-1');
    const codes = new PayloadAdapter('DeviceCode', pool, time.now);
    await codes.upsert('d-1', { jti: 'd-1', kind: 'DeviceCode', userCode: 'ABCD-EFGH' }, 600);
    expect((await codes.findByUserCode('ABCD-EFGH'))?.jti).toBe('d-1');
    expect(await codes.findByUserCode('NOPE')).toBeUndefined();
  });

  it('revokes by grant id within its model only', async () => {
    const time = clock();
    const access = new PayloadAdapter('AccessToken', pool, time.now);
    const refresh = new PayloadAdapter('RefreshToken', pool, time.now);
    await access.upsert('a-g2', { jti: 'a-g2', grantId: 'g-2' }, 60);
    await access.upsert('a-g3', { jti: 'a-g3', grantId: 'g-3' }, 60);
    await refresh.upsert('r-g2', { jti: 'r-g2', grantId: 'g-2' }, 60);
    await access.revokeByGrantId('g-2');
    expect(await access.find('a-g2')).toBeUndefined();
    expect(await access.find('a-g3')).toBeDefined();
    expect(await refresh.find('r-g2')).toBeDefined();
  });

  it('never returns an expired row, by any lookup, and the sweep deletes expired rows only', async () => {
    const time = clock(new Date('2026-12-08T10:00:00Z'));
    const sessions = new PayloadAdapter('Session', pool, time.now);
    await sessions.upsert('s-short', { jti: 's-short', uid: 'uid-short' }, 30);
    await sessions.upsert('s-long', { jti: 's-long', uid: 'uid-long' }, 3600);
    time.advance(30);
    expect(await sessions.find('s-short')).toBeUndefined();
    expect(await sessions.findByUid('uid-short')).toBeUndefined();
    expect((await sessions.find('s-long'))?.jti).toBe('s-long');

    const count = async (id: string) =>
      (await pool.query('select 1 from identity.payload where id = $1', [id])).rowCount;
    expect(await count('s-short')).toBe(1); // still there, only hidden
    expect(await sweepExpired(pool, time.now())).toBeGreaterThanOrEqual(1);
    expect(await count('s-short')).toBe(0);
    expect(await count('s-long')).toBe(1);
  });
});
