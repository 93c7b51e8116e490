import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../clients/api-clients.ts';
import { DEFAULT_TTL, keyGrace } from '../provider/ttl.ts';
import { clientCredentialsToken, verifyAccessToken } from '../testing/get-token.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { API_RESOURCE, manualClock, startTestIdentity } from '../testing/test-identity.ts';
import { loadKeys, rotateKeys } from './key-store.ts';

const { pool } = await createTestDatabase();
const by = { actorId: 'usr_admin', ip: '192.0.2.1' };
const clock = manualClock();
const server = await startTestIdentity(pool, { now: clock.now });
const { issuer, masterKey } = server;
const erp = await createApiClient(pool, { tenantId: 'ten_acme', name: 'ERP', scopes: ['ledger:read'] }, by);

const token = () => clientCredentialsToken(issuer, erp, { scope: 'ledger:read' });
const publishedKids = async () =>
  ((await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);

describe('signing keys', () => {
  it('are generated on first start, sealed: the private key is not in the table', async () => {
    const { rows } = await pool.query<{ kid: string; use: string; sealed: Buffer }>(
      'select kid, use, sealed from identity.signing_key',
    );
    expect(rows.map((row) => row.use).sort()).toEqual(['cookie', 'sig']);
    const ring = await loadKeys(pool, { masterKey });
    const d = ring.jwks.keys[0]?.d as string;
    expect(d).toEqual(expect.any(String));
    expect(rows.some((row) => row.sealed.toString('latin1').includes(d))).toBe(false);
    await expect(loadKeys(pool, { masterKey: randomBytes(32) })).rejects.toThrow(
      /does not open with this master key/,
    );
  });

  it('survive a restart: a second server on the same database publishes the same JWKS', async () => {
    const again = await startTestIdentity(pool, { masterKey, now: clock.now });
    const jwks = async (base: string) => (await fetch(`${base}/jwks`)).json();
    expect(await jwks(again.issuer)).toEqual(await jwks(issuer));
    await again.close();
  });

  it('rotate: old tokens still verify, new ones use the new kid, the old key goes after its grace', async () => {
    const before = await token();
    const oldKid = decodeProtectedHeader(before).kid as string;
    expect(await publishedKids()).toEqual([oldKid]);

    const grace = keyGrace({ ...DEFAULT_TTL }, 0);
    const rotation = await rotateKeys(pool, { masterKey, now: clock.now, ...grace });
    expect(await server.identity.reloadKeys()).toBe(true);

    // The new key signs and is published first; the old one is still published.
    expect(await publishedKids()).toEqual([rotation.signingKid, oldKid]);
    const after = await token();
    expect(decodeProtectedHeader(after).kid).toBe(rotation.signingKid);
    // A verifier that fetches the JWKS now (a fresh key set) accepts both.
    await verifyAccessToken(issuer, API_RESOURCE, before);
    await verifyAccessToken(issuer, API_RESOURCE, after);

    // Every token the old key signed has expired by the end of its grace: then it is dropped.
    clock.advance(grace.signingGraceSeconds - 1);
    expect(await server.identity.reloadKeys()).toBe(false);
    expect(await publishedKids()).toContain(oldKid);
    clock.advance(2);
    expect(await server.identity.reloadKeys()).toBe(true);
    expect(await publishedKids()).toEqual([rotation.signingKid]);
    const { rowCount } = await pool.query('select 1 from identity.signing_key where kid = $1', [oldKid]);
    expect(rowCount).toBe(0);
    await expect(verifyAccessToken(issuer, API_RESOURCE, before)).rejects.toThrow(/no applicable key/);
    await verifyAccessToken(issuer, API_RESOURCE, after);
  });

  it('keep one current key of each use, whatever the rotations', async () => {
    const grace = keyGrace({ ...DEFAULT_TTL }, 0);
    await Promise.all([1, 2, 3].map(() => rotateKeys(pool, { masterKey, now: clock.now, ...grace })));
    const { rows } = await pool.query<{ use: string; n: number }>(
      'select use, count(*)::int as n from identity.signing_key where retired_at is null group by use order by use',
    );
    expect(rows).toEqual([
      { use: 'cookie', n: 1 },
      { use: 'sig', n: 1 },
    ]);
  });
});
