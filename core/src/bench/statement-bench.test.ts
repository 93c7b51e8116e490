import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/test-database.ts';
import { benchStatements } from './statement-bench.ts';
import { rfReference } from './statement-files.ts';

const db = await createTestDatabase();
const workDir = await mkdtemp(join(tmpdir(), 'kredo-statement-bench-'));
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe('the bank statement bench', () => {
  it('times a CAMT.053 import against COPY of the same entries, and the re-import that stores nothing', async () => {
    const rows = await benchStatements({ orm: db.orm, entries: 2000, workDir, log: () => {} });
    expect(rows.map((row) => row.name)).toEqual([
      expect.stringMatching(/^import a CAMT\.053 statement of 2,000 entries \(\d+ MB\)$/),
      're-import the unchanged statement',
    ]);
    for (const row of rows) expect(row.value).toBeGreaterThan(0);
    expect(rows[0]?.ratio).toBeGreaterThan(0);
  });

  it('gives structured references that pass ISO 11649', () => {
    expect(rfReference('20260001')).toBe('RF3120260001');
    expect(rfReference('NL01INV20260003')).toBe('RF64NL01INV20260003');
  });
});
