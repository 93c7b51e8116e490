// A seeded pseudo-random source, so demo ledgers and benchmark files are the same on every machine
// for the same seed. mulberry32: 32 bits of state, fast, and good enough for test data (not crypto).

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One value, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** Standard normal (mean 0, deviation 1), for skewed amounts via exp(). */
  normal(): number;
  /** `length` decimal digits; the first is never 0 when `leadingZero` is false. */
  digits(length: number, leadingZero?: boolean): string;
}

export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  // Folds the high bits in, so seeds past 2^32 do not collide with small ones.
  let state = (seed ^ Math.floor(seed / 4294967296)) >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const int = (min: number, max: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
      throw new RangeError(`int(${min}, ${max}) needs integers with min <= max`);
    }
    return min + Math.floor(next() * (max - min + 1));
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick() needs a non-empty list');
    return items[Math.floor(next() * items.length)] as T;
  };

  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, weight] of entries) {
      if (!(weight >= 0)) throw new RangeError(`weights must be >= 0, got ${weight}`);
      total += weight;
    }
    if (total <= 0) throw new RangeError('weighted() needs a positive total weight');
    let target = next() * total;
    for (const [value, weight] of entries) {
      target -= weight;
      if (target < 0) return value;
    }
    // Rounding can leave target at a hair above 0 after the loop: the last positive entry wins.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as readonly [T, number];
      if (entry[1] > 0) return entry[0];
    }
    throw new RangeError('weighted() needs a positive total weight');
  };

  const chance = (probability: number): boolean => next() < probability;

  const normal = (): number => {
    // Box–Muller; 1 - next() is in (0, 1], so the logarithm is finite.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  const digits = (length: number, leadingZero = true): string => {
    if (!Number.isSafeInteger(length) || length < 1)
      throw new RangeError(`digits(${length}) needs length >= 1`);
    let out = leadingZero ? '' : String(int(1, 9));
    while (out.length < length) out += String(Math.floor(next() * 10));
    return out;
  };

  return { next, int, pick, weighted, chance, normal, digits };
}

/**
 * A seed for an independent stream, derived from a base seed and a label: the debtor and invoice
 * generators each draw from their own stream, so changing one never shifts the other's output.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = (2166136261 ^ (seed >>> 0) ^ Math.floor(seed / 4294967296)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 16777619);
  }
  // murmur3 finaliser: spreads the FNV-1a bits so similar labels give unrelated seeds.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
