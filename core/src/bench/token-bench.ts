import { performance } from 'node:perf_hooks';
import { importJWK, jwtVerify } from 'jose';
import { IDENTITY_ALGORITHMS, identityTokenVerifier } from '../auth/identity-token.ts';
import { startTestIssuer, type TestIssuer } from '../auth/test-issuer.ts';
import { type BenchRow, compared } from './bench-rows.ts';
import { type Percentiles, percentiles, withCeiling } from './latency-samples.ts';

export interface TokenBenchOptions {
  log: (line: string) => void;
}

const AUDIENCE = 'http://127.0.0.1:3000/api/v1';
// Enough for a stable p99; the cold tokens are signed beforehand, which is what bounds their number.
const WARM_UP = 1_000;
const WARM_VERIFICATIONS = 100_000;
const COLD_TOKENS = 2_000;

/**
 * Core's per-request cost of the identity server's access tokens, with the keys fetched once from a
 * local issuer through discovery as in production. Warm: the same token verified again and again, as
 * a client sends it with every request (the token cache: a SHA-256 and a map lookup), against a bare
 * `Map.get` of the token. Cold: the first verification of distinct tokens (signature, claims,
 * principal), against jose's jwtVerify with the public key at hand and the same checks.
 */
export async function benchTokens({ log }: TokenBenchOptions): Promise<BenchRow[]> {
  const issuer = await startTestIssuer({ audience: AUDIENCE });
  try {
    const verifier = identityTokenVerifier({ issuer: issuer.issuer, audience: AUDIENCE });
    const token = await sign(issuer, 0);
    await verifier.verify(token);

    log(`Token verification, warm: ${WARM_VERIFICATIONS.toLocaleString('en')} verifications of one token …`);
    const bare = new Map([[token, { subject: 'bench' }]]);
    const mapGet = time(WARM_VERIFICATIONS, () => bare.get(token));
    const warm = await timeAsync(WARM_VERIFICATIONS, () => verifier.verify(token));

    log(`Token verification, cold: signing ${(2 * COLD_TOKENS).toLocaleString('en')} distinct tokens …`);
    const fresh = await signMany(issuer, COLD_TOKENS, 1);
    const forJose = await signMany(issuer, COLD_TOKENS, 1 + COLD_TOKENS);
    const publicKey = issuer.currentKey.publicJwk;
    const key = await importJWK(publicKey, publicKey.alg);
    const joseOptions = {
      issuer: issuer.issuer,
      audience: AUDIENCE,
      algorithms: IDENTITY_ALGORITHMS,
      typ: 'at+jwt',
      requiredClaims: ['exp', 'iat', 'sub', 'client_id'],
    };
    log(`Token verification, cold: the first verification of each …`);
    // Both paths warmed up on tokens of their own, so neither pays for the JIT in the samples.
    for (const t of await signMany(issuer, WARM_UP / 5, 1 + 2 * COLD_TOKENS)) {
      await jwtVerify(t, key, joseOptions);
      await verifier.verify(t);
    }
    const [jose, cold] = await timeInTurn(
      (i) => jwtVerify(forJose[i] as string, key, joseOptions),
      (i) => verifier.verify(fresh[i] as string),
      COLD_TOKENS,
    );

    const name = 'token verification';
    return [
      withCeiling(compared(`${name}, warm p50`, 'µs', warm.p50, mapGet.p50), 50, '≤ 50 µs'),
      compared(`${name}, warm p99`, 'µs', warm.p99, mapGet.p99),
      compared(`${name}, cold p50`, 'µs', cold.p50, jose.p50),
      compared(`${name}, cold p99`, 'µs', cold.p99, jose.p99),
    ];
  } finally {
    await issuer.stop();
  }
}

function sign(issuer: TestIssuer, n: number): Promise<string> {
  return issuer.sign({ sub: `usr_${n}`, tenant: 'ten_bench', roles: ['viewer'], scope: 'ledger:read' });
}

function signMany(issuer: TestIssuer, count: number, from: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => sign(issuer, from + i)));
}

/** Percentiles in µs of a synchronous call, after a warm-up. */
function time(count: number, call: () => unknown): Percentiles {
  for (let i = 0; i < WARM_UP; i++) call();
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    call();
    samples[i] = (performance.now() - start) * 1000;
  }
  return percentiles(samples);
}

/** Percentiles in µs of an awaited call, one at a time, after a warm-up. */
async function timeAsync(count: number, call: () => Promise<unknown>): Promise<Percentiles> {
  for (let i = 0; i < WARM_UP; i++) await call();
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call();
    samples[i] = (performance.now() - start) * 1000;
  }
  return percentiles(samples);
}

/**
 * Percentiles in µs of two calls over `count` rounds, taking turns (a, b, a, b …): on a busy machine
 * neither gets the quieter half of the run.
 */
async function timeInTurn(
  a: (round: number) => Promise<unknown>,
  b: (round: number) => Promise<unknown>,
  count: number,
): Promise<[Percentiles, Percentiles]> {
  const samples = [new Float64Array(count), new Float64Array(count)] as const;
  for (let round = 0; round < count; round++) {
    for (const [side, call] of [a, b].entries()) {
      const start = performance.now();
      await call(round);
      (samples[side] as Float64Array)[round] = (performance.now() - start) * 1000;
    }
  }
  return [percentiles(samples[0]), percentiles(samples[1])];
}
