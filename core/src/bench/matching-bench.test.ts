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
  it('imports a statement, matches every credit by its structured reference and times both against one SQL join', async () => {
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
      'import a CAMT.053 statement and match 300 credits against 3,000 open invoices',
    ]);
    expect(rows.every((row) => row.value > 0 && row.goal === '≤ 3× one SQL join')).toBe(true);
    // The whole import takes longer than its matching alone.
    expect(rows[1]?.value).toBeGreaterThan(rows[0]?.value as number);
    expect(lines).toContain('Stored; matching …');
  });
});
