import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type pg from 'pg';
import type { Clock } from '../adapter/payload-adapter.ts';
import { AUDIT_TYPES, recordAudit } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { checkMasterKey, open, seal } from './seal.ts';

export const SIGNING_ALG = 'ES256';

/** What the provider is built from: private JWKs and cookie keys, the current one first in each. */
export interface KeyRing {
  jwks: { keys: JWK[] };
  cookieKeys: string[];
  /** The kids in order: equal fingerprints, equal key rings. */
  fingerprint: string;
}

export interface KeyStoreOptions {
  masterKey: Buffer;
  now?: Clock;
}

export interface RotateOptions extends KeyStoreOptions {
  /** How long a retired signing key stays published: the longest signed token's lifetime and then some. */
  signingGraceSeconds: number;
  /** How long a retired cookie key is still accepted: the longest session. */
  cookieGraceSeconds: number;
  /** Who rotates, for the audit log: a principal's subject, or null (the default) for an operator. */
  actorId?: string | null;
}

export interface Rotation {
  /** The new signer's kid. */
  signingKid: string;
  /** Keys deleted because their grace had passed. */
  dropped: string[];
}

type Use = 'sig' | 'cookie';

interface KeyRow {
  kid: string;
  use: Use;
  sealed: Buffer;
}

/** First start: a signing key and a cookie key, unless current ones exist (another process made them). */
export async function ensureKeys(db: Queryable, options: KeyStoreOptions): Promise<void> {
  checkMasterKey(options.masterKey);
  const now = (options.now ?? (() => new Date()))();
  for (const use of ['sig', 'cookie'] as const) {
    const key = await newKey(use, options.masterKey);
    await db.query(
      `insert into identity.signing_key (kid, use, alg, sealed, created_at) values ($1, $2, $3, $4, $5)
       on conflict (use) where retired_at is null do nothing`,
      [key.kid, use, use === 'sig' ? SIGNING_ALG : null, key.sealed, now],
    );
  }
}

/** The keys still in force at `now`: the current ones, then retired ones whose grace has not passed. */
export async function loadKeys(db: Queryable, options: KeyStoreOptions): Promise<KeyRing> {
  checkMasterKey(options.masterKey);
  const now = (options.now ?? (() => new Date()))();
  const { rows } = await db.query<KeyRow>(
    `select kid, use, sealed from identity.signing_key
     where drop_after is null or drop_after > $1
     order by retired_at is null desc, created_at desc, kid`,
    [now],
  );
  const opened = rows.map((row) => ({ ...row, secret: open(options.masterKey, row.sealed, row.kid) }));
  const jwks = opened.filter((row) => row.use === 'sig').map((row) => JSON.parse(row.secret) as JWK);
  const cookieKeys = opened.filter((row) => row.use === 'cookie').map((row) => row.secret);
  if (jwks.length === 0 || cookieKeys.length === 0)
    throw new Error('identity: no signing or cookie key; ensureKeys runs before loadKeys');
  return { jwks: { keys: jwks }, cookieKeys, fingerprint: opened.map((row) => row.kid).join(' ') };
}

/**
 * A new signing key and cookie key become current; the previous ones retire: no longer used to
 * sign, still published (and accepted) for their grace, so every token they signed verifies until
 * it expires. Keys whose grace has passed are deleted. One transaction under an advisory lock, so
 * two rotations at once make two generations, never two current keys.
 */
export async function rotateKeys(pool: pg.Pool, options: RotateOptions): Promise<Rotation> {
  checkMasterKey(options.masterKey);
  const now = (options.now ?? (() => new Date()))();
  const grace = { sig: options.signingGraceSeconds, cookie: options.cookieGraceSeconds };
  const client = await pool.connect();
  try {
    await client.query('begin');
    // Rotations run one after another: locking the current rows is not enough, as two rotations
    // that waited on the same rows both wake to find them retired and would insert two current keys.
    await client.query("select pg_advisory_xact_lock(hashtext('kredo.identity.rotate_keys'))");
    let signingKid = '';
    const retired: string[] = [];
    for (const use of ['sig', 'cookie'] as const) {
      const { rows } = await client.query<{ kid: string }>(
        `update identity.signing_key set retired_at = $2::timestamptz, drop_after = $2::timestamptz + make_interval(secs => $3)
         where use = $1 and retired_at is null returning kid`,
        [use, now, grace[use]],
      );
      if (use === 'sig') retired.push(...rows.map((row) => row.kid));
      const key = await newKey(use, options.masterKey);
      await client.query(
        'insert into identity.signing_key (kid, use, alg, sealed, created_at) values ($1, $2, $3, $4, $5)',
        [key.kid, use, use === 'sig' ? SIGNING_ALG : null, key.sealed, now],
      );
      if (use === 'sig') signingKid = key.kid;
    }
    const dropped = await dropRetiredKeys(client, now);
    // Signing keys only: cookie key ids mean nothing to anyone reading the log.
    await recordAudit(client, {
      type: AUDIT_TYPES.signingKeyRotated,
      tenantId: null,
      actorId: options.actorId ?? null,
      subjectId: signingKid,
      ip: null,
      details: { retired, dropped: dropped.filter((kid) => !kid.startsWith('cookie-')) },
    });
    await client.query('commit');
    return { signingKid, dropped };
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** Deletes retired keys whose grace has passed. */
export async function dropRetiredKeys(db: Queryable, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ kid: string }>(
    'delete from identity.signing_key where drop_after <= $1 returning kid',
    [now],
  );
  return rows.map((row) => row.kid);
}

async function newKey(use: Use, masterKey: Buffer): Promise<{ kid: string; sealed: Buffer }> {
  if (use === 'cookie') {
    const kid = `cookie-${randomBytes(8).toString('hex')}`;
    return { kid, sealed: seal(masterKey, randomBytes(32).toString('base64url'), kid) };
  }
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, sealed: seal(masterKey, JSON.stringify({ ...jwk, kid, alg: SIGNING_ALG, use: 'sig' }), kid) };
}
