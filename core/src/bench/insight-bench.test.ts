import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/test-database.ts';
import { benchInsight } from './insight-bench.ts';

const db = await createTestDatabase();

describe('the insight bench', () => {
  it('times KPIs and ageing against one SQL aggregation of the same sums, which must agree', async () => {
    const lines: string[] = [];
    const rows = await benchInsight({ orm: db.orm, invoices: 3000, log: (line) => lines.push(line) });
    expect(rows.map((row) => row.name)).toEqual(['KPIs and ageing, 3,000 invoices']);
    expect(rows[0]?.value).toBeGreaterThan(0);
    expect(rows[0]?.goal).toBe('≤ 1.5× one SQL aggregation');
    expect(lines.some((line) => line.includes('Generating 3,000 invoices'))).toBe(true);
  });
});
