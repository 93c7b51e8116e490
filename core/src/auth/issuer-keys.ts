import {
  createLocalJWKSet,
  errors,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  type JWTVerifyGetKey,
} from 'jose';

export interface IssuerKeysOptions {
  /** The identity server's issuer URL; its discovery document is `{issuer}/.well-known/openid-configuration`. */
  issuer: string;
  /** Least time between two fetches, so a flood of tokens with unknown kids cannot hammer the issuer. Default: 30 s. */
  cooldownMs?: number;
  /** The key set is fetched again at the first verification after this age. Default: 10 min. */
  maxAgeMs?: number;
  /** Deadline of each HTTP request. Default: 5 s. */
  timeoutMs?: number;
  /** The clock the cooldown and age are judged by, in epoch milliseconds. Default: `Date.now`. */
  now?: () => number;
  /** Called when a fetch fails while older keys stay in use, so the failure reaches a log. */
  onStale?: (error: Error) => void;
}

export interface IssuerKeys {
  /** For jose's jwtVerify: the key a token's header names. */
  getKey: JWTVerifyGetKey;
}

/**
 * The issuer's signing keys, found through its discovery document (`jwks_uri`), fetched at the first
 * verification and kept. The set is fetched again when a token names a key it lacks (the issuer has
 * rotated) or when it is older than `maxAgeMs`, but never sooner than `cooldownMs` after the last
 * attempt, successful or not: an unknown kid costs a fetch at most once per cooldown, and an issuer
 * that is down is not asked on every request. While a fetch fails the last good set stays in use.
 * Concurrent verifications share one fetch. Built on jose's createLocalJWKSet, which picks the key by
 * kid and algorithm; jose's createRemoteJWKSet has no injectable clock and no cooldown after a failure.
 */
export function issuerKeys(options: IssuerKeysOptions): IssuerKeys {
  const cooldownMs = options.cooldownMs ?? 30_000;
  const maxAgeMs = options.maxAgeMs ?? 600_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? Date.now;
  const discoveryUrl = `${options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;

  let keys: ReturnType<typeof createLocalJWKSet> | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let attemptedAt = Number.NEGATIVE_INFINITY;
  let jwksUri: string | undefined;
  let pending: Promise<void> | undefined;

  async function load(): Promise<void> {
    attemptedAt = now();
    try {
      jwksUri ??= await discoverJwksUri(discoveryUrl, options.issuer, timeoutMs);
      const set = await getJson(jwksUri, timeoutMs);
      if (!Array.isArray((set as JSONWebKeySet).keys)) throw new Error(`${jwksUri} has no "keys" array`);
      keys = createLocalJWKSet(set as JSONWebKeySet);
      loadedAt = now();
    } catch (error) {
      // The next attempt reads the discovery document again: the jwks_uri may be what moved.
      jwksUri = undefined;
      throw error;
    }
  }

  /** Fetches the set unless an attempt was made within the cooldown; one fetch for all callers. */
  async function refresh(): Promise<boolean> {
    if (pending) {
      await pending;
      return true;
    }
    if (now() - attemptedAt < cooldownMs) return false;
    pending = load().finally(() => {
      pending = undefined;
    });
    await pending;
    return true;
  }

  return {
    async getKey(header: JWSHeaderParameters, token) {
      if (!keys || now() - loadedAt >= maxAgeMs) {
        try {
          await refresh();
        } catch (error) {
          if (!keys) throw error;
          options.onStale?.(error as Error);
        }
        if (!keys) throw new Error(`no signing keys from ${options.issuer} yet (retried after the cooldown)`);
      }
      try {
        return await keys(header, token);
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey) || !(await refresh())) throw error;
        return keys(header, token);
      }
    },
  };
}

async function discoverJwksUri(discoveryUrl: string, issuer: string, timeoutMs: number): Promise<string> {
  const document = (await getJson(discoveryUrl, timeoutMs)) as { issuer?: unknown; jwks_uri?: unknown };
  // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
  if (document.issuer !== issuer) {
    throw new Error(`${discoveryUrl} names issuer ${String(document.issuer)}, not ${issuer}`);
  }
  if (typeof document.jwks_uri !== 'string') throw new Error(`${discoveryUrl} has no jwks_uri`);
  return new URL(document.jwks_uri).href;
}

async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}
