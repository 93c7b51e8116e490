import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/test-database.ts';
import { benchInsight } from './insight-bench.ts';

const db = await createTestDatabase();

describe('the insight bench', () => {
  it('times KPIs and ageing, the forecast and the risk refresh, each against SQL that must agree with it', async () => {
    const lines: string[] = [];
    const rows = await benchInsight({ orm: db.orm, invoices: 3000, log: (line) => lines.push(line) });
    expect(rows.map((row) => row.name)).toEqual([
      'KPIs and ageing, 3,000 invoices',
      '13-week forecast, 3,000 invoices',
      expect.stringMatching(/^risk refresh, 3,000 invoices \([\d,]+ debtors\)$/),
    ]);
    for (const row of rows) {
      expect(row.value).toBeGreaterThan(0);
      expect(row.baseline).toBeGreaterThan(0);
    }
    expect(rows.map((row) => row.goal)).toEqual([
      '≤ 1.5× one SQL aggregation',
      '≤ 1.5× one SQL statement (open invoices shifted by days beyond terms, per week)',
      '≤ 1.5× one SQL upsert of the same scores',
    ]);
    expect(lines.some((line) => line.includes('Generating 3,000 invoices'))).toBe(true);
  });
});
