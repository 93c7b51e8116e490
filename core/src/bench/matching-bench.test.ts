import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/test-database.ts';
import { benchMatching } from './matching-bench.ts';

const db = await createTestDatabase();

describe('the matching bench', () => {
  it('matches every credit by its structured reference and times it against one SQL join', async () => {
    const rows = await benchMatching({ orm: db.orm, entries: 100, invoices: 1_000, log: () => {} });
    expect(rows.map((row) => row.name)).toEqual([
      'match 100 credits by structured reference against 1,000 open invoices',
    ]);
    expect(rows[0]?.value).toBeGreaterThan(0);
    expect(rows[0]?.goal).toBe('≤ 3× one SQL join');
  });
});
