import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed } from './random.ts';

const draws = (seed: number, n = 20) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
    // Seeds past 2^32 must not collapse onto small ones.
    expect(draws(2 ** 32 + 42)).not.toEqual(draws(42));
  });

  it('draws in [0, 1) with a roughly uniform mean', () => {
    const values = draws(7, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('int covers both bounds and nothing outside them', () => {
    const random = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(random.int(-2, 3));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(random.int(5, 5)).toBe(5);
    expect(() => random.int(3, 2)).toThrow(RangeError);
    expect(() => random.int(0.5, 2)).toThrow(RangeError);
  });

  it('weighted follows the weights and never picks a zero weight', () => {
    const random = createRandom(3);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 20_000; i++) {
      const key = random.weighted<keyof typeof counts>([
        ['a', 3],
        ['never', 0],
        ['b', 1],
      ]);
      counts[key] += 1;
    }
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.7);
    expect(counts.a / counts.b).toBeLessThan(3.3);
    expect(() => random.weighted([['x', 0]])).toThrow(RangeError);
    expect(() => random.weighted([['x', -1]])).toThrow(RangeError);
  });

  it('chance honours its extremes and its rate', () => {
    const random = createRandom(4);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) {
      expect(random.chance(0)).toBe(false);
      expect(random.chance(1)).toBe(true);
      if (random.chance(0.25)) hits += 1;
    }
    expect(hits).toBeGreaterThan(2_300);
    expect(hits).toBeLessThan(2_700);
  });

  it('pick, digits and normal behave', () => {
    const random = createRandom(5);
    expect(['x', 'y']).toContain(random.pick(['x', 'y']));
    expect(() => random.pick([])).toThrow(RangeError);
    for (let i = 0; i < 200; i++) {
      expect(random.digits(8)).toMatch(/^\d{8}$/);
      expect(random.digits(8, false)).toMatch(/^[1-9]\d{7}$/);
    }
    const normals = Array.from({ length: 20_000 }, () => random.normal());
    const mean = normals.reduce((sum, value) => sum + value, 0) / normals.length;
    const variance = normals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => createRandom(1.5)).toThrow(RangeError);
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });
});

describe('deriveSeed', () => {
  it('is stable per seed and label and separates labels and seeds', () => {
    expect(deriveSeed(1, 'debtors')).toBe(deriveSeed(1, 'debtors'));
    expect(deriveSeed(1, 'debtors')).not.toBe(deriveSeed(1, 'invoices'));
    expect(deriveSeed(1, 'debtors')).not.toBe(deriveSeed(2, 'debtors'));
    expect(Number.isInteger(deriveSeed(-9, 'x'))).toBe(true);
    expect(deriveSeed(-9, 'x')).toBeGreaterThanOrEqual(0);
  });
});
