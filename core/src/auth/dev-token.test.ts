import { describe, expect, it } from 'vitest';
import { devTokenVerifier, signDevToken } from './dev-token.ts';

const SECRET = 'test-secret-that-is-long-enough-for-hs256';

describe('devTokenVerifier', () => {
  it('turns a token into its principal, the same from the cache as the first time', async () => {
    const verifier = devTokenVerifier(SECRET);
    const token = await signDevToken(SECRET, {
      subject: 'usr_a',
      tenantId: 'ten_a',
      scopes: ['ledger:read'],
    });
    const first = await verifier.verify(token);
    expect(first).toEqual({ subject: 'usr_a', tenantId: 'ten_a', scopes: ['ledger:read'] });
    expect(await verifier.verify(token)).toEqual(first);
  });

  it('refuses a token once it has expired, although it was verified while valid', async () => {
    let now = Date.now();
    const verifier = devTokenVerifier(SECRET, { now: () => now });
    const token = await signDevToken(SECRET, { subject: 'usr_a', tenantId: 'ten_a', scopes: [] }, '60s');
    await verifier.verify(token);
    now += 61_000;
    await expect(verifier.verify(token)).rejects.toThrow('token expired');
  });

  it('never answers one tenant’s token with another’s principal', async () => {
    const verifier = devTokenVerifier(SECRET);
    const sign = (tenantId: string) => signDevToken(SECRET, { subject: 'usr_same', tenantId, scopes: [] });
    const [a, b] = await Promise.all([sign('ten_a'), sign('ten_b')]);
    for (let round = 0; round < 2; round++) {
      expect((await verifier.verify(a)).tenantId).toBe('ten_a');
      expect((await verifier.verify(b)).tenantId).toBe('ten_b');
    }
  });

  it('checks a token that differs from a cached one, if only in its signature', async () => {
    const verifier = devTokenVerifier(SECRET);
    const token = await signDevToken(SECRET, { subject: 'usr_a', tenantId: 'ten_a', scopes: [] });
    await verifier.verify(token);
    const forged = `${token.slice(0, token.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
    await expect(verifier.verify(forged)).rejects.toThrow('token not valid');
    const otherKey = await signDevToken('another-secret-that-is-long-enough-too', {
      subject: 'usr_a',
      tenantId: 'ten_a',
      scopes: [],
    });
    await expect(verifier.verify(otherKey)).rejects.toThrow('token not valid');
  });
});
