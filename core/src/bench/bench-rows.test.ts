import { describe, expect, it } from 'vitest';
import { compared, describeGoal, formatValue, measured, meets, renderTable } from './bench-rows.ts';

describe('compared', () => {
  it('divides value by baseline and checks an at-least goal', () => {
    const row = compared('import', 'rows/s', 82_000.456, 100_000, { atLeast: 0.8, of: 'COPY' });
    expect(row).toEqual({
      name: 'import',
      value: 82_000.46,
      unit: 'rows/s',
      baseline: 100_000,
      ratio: 0.82,
      goal: '≥ 0.8× COPY',
      met: true,
    });
  });

  it('fails an at-most goal the ratio exceeds', () => {
    const row = compared('re-import', 's', 6, 10, { atMost: 0.5, of: 'first import' });
    expect(row.ratio).toBe(0.6);
    expect(row.met).toBe(false);
  });

  it('judges the rounded ratio, the one the table shows', () => {
    expect(compared('x', 'req/s', 699.6, 1000, { atLeast: 0.7, of: 'bare route' }).met).toBe(true);
    expect(compared('x', 'req/s', 694, 1000, { atLeast: 0.7, of: 'bare route' }).met).toBe(false);
  });

  it('has no ratio against a zero baseline and no verdict without a goal', () => {
    expect(compared('x', 'ms', 5, 0)).toMatchObject({ ratio: null, goal: null, met: null });
    expect(compared('x', 'ms', 5, 2)).toMatchObject({ ratio: 2.5, goal: null, met: null });
  });
});

describe('measured', () => {
  it('carries no baseline, ratio or goal', () => {
    expect(measured('debtors', 'rows/s', 1234.567)).toEqual({
      name: 'debtors',
      value: 1234.57,
      unit: 'rows/s',
      baseline: null,
      ratio: null,
      goal: null,
      met: null,
    });
  });
});

describe('goals', () => {
  it('describes both bounds', () => {
    expect(describeGoal({ atLeast: 0.5, atMost: 2, of: 'baseline' })).toBe('≥ 0.5× and ≤ 2× baseline');
  });

  it('refuses a goal without a bound', () => {
    expect(() => describeGoal({ of: 'COPY' })).toThrow(RangeError);
  });

  it('includes the bounds themselves', () => {
    expect(meets(0.8, { atLeast: 0.8, of: 'COPY' })).toBe(true);
    expect(meets(0.5, { atMost: 0.5, of: 'first' })).toBe(true);
    expect(meets(0.51, { atMost: 0.5, of: 'first' })).toBe(false);
  });
});

describe('formatValue', () => {
  it('groups thousands and drops decimals on large numbers', () => {
    expect(formatValue(1_234_567.89, 'rows/s')).toBe('1,234,568 rows/s');
  });

  it('keeps two decimals on small numbers', () => {
    expect(formatValue(7.456, 'ms')).toBe('7.46 ms');
    expect(formatValue(12, 's')).toBe('12.00 s');
  });

  it('takes the precision of a larger number it is shown beside', () => {
    expect(formatValue(60, 'ms', 142)).toBe('60 ms');
    expect(formatValue(142, 'ms', 60)).toBe('142 ms');
  });
});

describe('renderTable', () => {
  it('aligns every column under its heading', () => {
    const table = renderTable([
      compared('import invoices', 'rows/s', 90_000, 100_000, { atLeast: 0.8, of: 'COPY' }),
      measured('import debtors', 'rows/s', 5_000),
      compared('p99', 'ms', 30, 20),
      compared('p50', 'ms', 142, 60),
    ]);
    expect(table.split('\n')).toEqual([
      'benchmark                value        baseline  ratio  goal         met',
      '---------------  -------------  --------------  -----  -----------  ---',
      'import invoices  90,000 rows/s  100,000 rows/s  0.90×  ≥ 0.8× COPY  yes',
      'import debtors    5,000 rows/s',
      'p99                   30.00 ms        20.00 ms  1.50×',
      'p50                     142 ms           60 ms  2.37×',
    ]);
  });
});
