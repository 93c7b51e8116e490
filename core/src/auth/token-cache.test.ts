import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.ts';
import { TokenCache } from './token-cache.ts';

const alice: Principal = { subject: 'usr_a', tenantId: 'ten_a', scopes: ['ledger:read'] };
const bob: Principal = { subject: 'usr_b', tenantId: 'ten_b', scopes: ['ledger:write'] };

function clock(start = 1_000_000) {
  const state = { now: start };
  return { state, now: () => state.now };
}

describe('TokenCache', () => {
  it('serves a token until its expiry and not from then on', () => {
    const { state, now } = clock();
    const cache = new TokenCache({ now });
    cache.set('token-a', alice, state.now + 1000);
    state.now += 999;
    expect(cache.get('token-a')).toEqual(alice);
    state.now += 1;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not take a token that has already expired', () => {
    const { state, now } = clock();
    const cache = new TokenCache({ now });
    cache.set('token-a', alice, state.now);
    expect(cache.size).toBe(0);
  });

  it('keeps each token to its own principal', () => {
    const cache = new TokenCache();
    cache.set('token-a', alice, Date.now() + 60_000);
    cache.set('token-b', bob, Date.now() + 60_000);
    expect(cache.get('token-a')).toEqual(alice);
    expect(cache.get('token-b')).toEqual(bob);
    expect(cache.get('token-a-tampered')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the least recently used', () => {
    const cache = new TokenCache({ maxEntries: 2 });
    const later = Date.now() + 60_000;
    cache.set('one', alice, later);
    cache.set('two', bob, later);
    cache.get('one');
    cache.set('three', bob, later);
    expect(cache.size).toBe(2);
    expect(cache.get('two')).toBeUndefined();
    expect(cache.get('one')).toEqual(alice);
    expect(cache.get('three')).toEqual(bob);
  });

  it('hands out a principal of its own to every caller', () => {
    const cache = new TokenCache();
    cache.set('token-a', alice, Date.now() + 60_000);
    cache.get('token-a')?.scopes.push('ledger:write');
    expect(cache.get('token-a')?.scopes).toEqual(['ledger:read']);
  });
});
