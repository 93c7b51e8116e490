import { createHash } from 'node:crypto';
import type { Principal } from './principal.ts';

export interface TokenCacheOptions {
  /** Most tokens held; the least recently used goes first. Default: 10,000. */
  maxEntries?: number;
  /** The clock expiry is judged by, in epoch milliseconds. Default: `Date.now`. */
  now?: () => number;
}

/**
 * Verified tokens until they expire, so a client's next requests skip the signature check. Keyed by
 * the token's SHA-256, so the cache never holds a token that could be replayed; bounded, dropping the
 * least recently used. Only verified tokens go in, so a flood of bad ones cannot push good ones out.
 */
export class TokenCache {
  readonly #entries = new Map<string, { principal: Principal; expiresAt: number }>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: TokenCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The principal of a token verified before and not expired since, else undefined. */
  get(token: string): Principal | undefined {
    const key = keyOf(token);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#now()) return undefined;
    this.#entries.set(key, entry);
    return copy(entry.principal);
  }

  /** Remembers a verified token's principal until `expiresAt` (epoch milliseconds). */
  set(token: string, principal: Principal, expiresAt: number): void {
    if (expiresAt <= this.#now()) return;
    const key = keyOf(token);
    this.#entries.delete(key);
    this.#entries.set(key, { principal: copy(principal), expiresAt });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Each request gets a principal of its own: one request changing it must not change it for the next. */
function copy(principal: Principal): Principal {
  return { ...principal, scopes: [...principal.scopes] };
}
