import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Queryable } from '../db/queryable.ts';
import { THROTTLE } from '../sign-in/throttle-policy.ts';

/** Now, as the adapter sees it; tests inject one. */
export type Clock = () => Date;

interface PayloadRow {
  payload: AdapterPayload;
  consumed_at: Date | null;
}

/**
 * oidc-provider's Adapter for every model but Client, on `identity.payload`: one row per
 * (model, id), with grant id, user code and uid pulled out for the lookups the interface needs.
 * An expired row is never returned, whether or not the sweep (sweepExpired) has deleted it yet.
 */
export class PayloadAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly db: Queryable,
    private readonly now: Clock,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const expiresAt = expiresIn ? new Date(this.now().getTime() + expiresIn * 1000) : null;
    await this.db.query(
      `insert into identity.payload (model, id, payload, grant_id, user_code, uid, expires_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id,
         user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at,
         updated_at = excluded.updated_at`,
      [
        this.model,
        id,
        payload,
        payload.grantId ?? null,
        payload.userCode ?? null,
        payload.uid ?? null,
        expiresAt,
        this.now(),
      ],
    );
  }

  find(id: string) {
    return this.findWhere('id', id);
  }

  findByUserCode(userCode: string) {
    return this.findWhere('user_code', userCode);
  }

  findByUid(uid: string) {
    return this.findWhere('uid', uid);
  }

  async consume(id: string): Promise<void> {
    await this.db.query('update identity.payload set consumed_at = $3 where model = $1 and id = $2', [
      this.model,
      id,
      this.now(),
    ]);
  }

  async destroy(id: string): Promise<void> {
    await this.db.query('delete from identity.payload where model = $1 and id = $2', [this.model, id]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.query('delete from identity.payload where model = $1 and grant_id = $2', [
      this.model,
      grantId,
    ]);
  }

  private async findWhere(
    column: 'id' | 'user_code' | 'uid',
    value: string,
  ): Promise<AdapterPayload | undefined> {
    const { rows } = await this.db.query<PayloadRow>(
      `select payload, consumed_at from identity.payload
       where model = $1 and ${column} = $2 and (expires_at is null or expires_at > $3)
       limit 1`,
      [this.model, value, this.now()],
    );
    const row = rows[0];
    if (!row) return undefined;
    // The interface wants "consumed" truthy once consumed: oidc-provider reads it as epoch seconds.
    return row.consumed_at
      ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) }
      : row.payload;
  }
}

/**
 * Deletes expired rows: oidc-provider's, sign-ins in progress and grants' memberships past their
 * expiry, and failure counts past their reset (sign-in/throttle-policy.ts). Core's job queue calls
 * it. Returns how many adapter rows went.
 */
export async function sweepExpired(db: Queryable, now: Date = new Date()): Promise<number> {
  const { rowCount } = await db.query('delete from identity.payload where expires_at <= $1', [now]);
  await db.query('delete from identity.sign_in where expires_at <= $1', [now]);
  await db.query('delete from identity.sso_request where expires_at <= $1', [now]);
  await db.query('delete from identity.grant_membership where expires_at <= $1', [now]);
  await db.query(
    `delete from identity.sign_in_failure where last_failure_at <= $1::timestamptz - make_interval(secs => $2)
       and (wait_until is null or wait_until <= $1::timestamptz)`,
    [now, THROTTLE.resetSeconds],
  );
  await db.query(
    'delete from identity.ip_failure where window_start <= $1::timestamptz - make_interval(secs => $2)',
    [now, THROTTLE.ipWindowSeconds],
  );
  return rowCount ?? 0;
}
