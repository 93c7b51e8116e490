import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_COLUMNS } from './ledger-files.ts';

/** Outside `public`, so the baseline table can never be mistaken for Kredo's own. */
export const COPY_TABLE = 'bench.invoice_copy';

/**
 * The baseline's target: `invoice`'s columns, defaults, checks and every index (primary key, both
 * unique keys, the debtor and open-due indexes), so COPY maintains what the importer maintains.
 * LIKE copies neither foreign keys nor row-level security: the importer pays for its debtor foreign
 * key and its tenant policy checks, the baseline does not.
 */
export async function createCopyTable(pool: Pool): Promise<void> {
  await pool.query('create schema if not exists bench');
  await pool.query(`create table ${COPY_TABLE} (like public.invoice including all)`);
}

/** Streams a file of COPY_COLUMNS rows (text format) into the baseline table; resolves with the rows copied. */
export async function copyFile(pool: Pool, path: string): Promise<number> {
  const client = await pool.connect();
  try {
    const copy = client.query(copyFrom(`copy ${COPY_TABLE} (${COPY_COLUMNS.join(', ')}) from stdin`));
    await pipeline(createReadStream(path), copy);
    return copy.rowCount;
  } finally {
    client.release();
  }
}
