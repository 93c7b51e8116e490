import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/test-database.ts';
import { benchDunning } from './dunning-bench.ts';

const db = await createTestDatabase();

describe('the dunning bench', () => {
  it('times a run against one SQL insert of the same actions, the rerun and the run’s memory', async () => {
    // 300 debtors; 6 groups of a parent and four children are dunned as one each: 276 parties.
    const rows = await benchDunning({ orm: db.orm, invoices: 3000, log: () => {} });
    expect(rows.map((row) => row.name)).toEqual([
      'dunning run, 3,000 invoices (276 actions)',
      'dunning rerun, nothing due',
      'dunning run peak RSS, 3,000 vs 300 invoices',
    ]);
    for (const row of rows) expect(row.value).toBeGreaterThan(0);
    expect(rows[0]?.goal).toBe('≤ 1.5× one SQL insert');
  });
});
