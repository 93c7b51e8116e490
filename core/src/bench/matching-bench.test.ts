import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/test-database.ts';
import { benchMatching } from './matching-bench.ts';

const db = await createTestDatabase();
const workDir = await mkdtemp(join(tmpdir(), 'kredo-matching-bench-'));
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe('the matching bench', () => {
  it('imports a statement, matches every credit by its structured reference and times it against a join and against the same writes in SQL', async () => {
    const lines: string[] = [];
    const rows = await benchMatching({
      orm: db.orm,
      entries: 300,
      invoices: 3_000,
      workDir,
      log: (line) => lines.push(line),
    });
    expect(rows.map((row) => row.name)).toEqual([
      'match 300 credits against 3,000 open invoices (all by structured reference)',
      'match 300 credits against 3,000 open invoices, against the same rows written in SQL',
      'import a CAMT.053 statement and match 300 credits against 3,000 open invoices',
    ]);
    expect(rows.map((row) => row.goal)).toEqual([
      '≤ 3× one SQL join',
      '≤ 2× one SQL statement writing them',
      '≤ 3× one SQL join',
    ]);
    expect(rows.every((row) => row.value > 0 && (row.ratio ?? 0) > 0)).toBe(true);
    // Matching alone is one value measured against two baselines; the whole import takes longer.
    expect(rows[1]?.value).toBe(rows[0]?.value);
    expect(rows[2]?.value).toBeGreaterThan(rows[0]?.value as number);
    expect(lines).toContain('One SQL statement writing what matching writes (rolled back) …');
    expect(lines).toContain('Stored; matching …');
    // The writing baseline was rolled back: the ledger is Kredo's alone.
    const left = await db.orm.em
      .getConnection()
      .execute<{ n: number }[]>("select count(*)::int as n from payment where external_id like 'baseline:%'");
    expect(left[0]?.n).toBe(0);
  });
});
