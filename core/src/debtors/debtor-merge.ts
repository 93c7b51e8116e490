import type { PoolClient } from 'pg';
import { copyRows } from '../db/copy-rows.ts';
import type { DebtorImportRow, RowError } from '../imports/import-rows.ts';
import { newId } from '../shared/ids.ts';
import { recordDebtorsCreated } from './debtor-created-events.ts';

export interface MergeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const COLUMNS = [
  'line',
  'id',
  'number',
  'name',
  'type',
  'vat_number',
  'coc_number',
  'email',
  'phone',
  'language',
  'preferred_channel',
  'addresses',
  'contacts',
  'tags',
  'parent_number',
];
// Fields an import owns; comparing them decides whether an existing debtor changed.
const FIELDS = [
  'name',
  'type',
  'vat_number',
  'coc_number',
  'email',
  'phone',
  'language',
  'preferred_channel',
  'addresses',
  'contacts',
  'tags',
  'parent_id',
];

/** Creates the session's staging table for debtor batches (dropped at commit). */
export async function prepareDebtorStaging(client: PoolClient): Promise<void> {
  await client.query(`create temp table if not exists stage_debtor (
    line integer not null, id text not null, number text not null unique, name text not null, type text not null,
    vat_number text, coc_number text, email text, phone text, language text, preferred_channel text,
    addresses jsonb not null, contacts jsonb not null, tags text[] not null, parent_number text, parent_id text
  ) on commit drop`);
}

/**
 * Upserts a batch of debtors into one administration by their number: new ones are created,
 * changed ones updated, identical ones left alone (no write at all). Parents may be in the batch or
 * already stored; rows whose parent is neither are returned as errors and not written.
 */
export async function mergeDebtors(
  client: PoolClient,
  administrationId: string,
  records: DebtorImportRow[],
): Promise<MergeCounts & { errors: RowError[] }> {
  await client.query('truncate stage_debtor');
  await copyRows(
    client,
    'stage_debtor',
    COLUMNS,
    records.map((r) => [
      r.line,
      newId('debtor'),
      r.number,
      r.name,
      r.type,
      r.vatNumber,
      r.cocNumber,
      r.email,
      r.phone,
      r.language,
      r.preferredChannel,
      // jsonb columns take JSON text: an empty array would otherwise go in as the array literal {}.
      JSON.stringify(r.addresses),
      JSON.stringify(r.contacts),
      r.tags,
      r.parentNumber,
    ]),
  );
  await client.query(
    `update stage_debtor s set parent_id = coalesce(
       (select d.id from debtor d where d.administration_id = $1 and d.number = s.parent_number),
       (select p.id from stage_debtor p where p.number = s.parent_number))
     where s.parent_number is not null`,
    [administrationId],
  );
  const orphans = await client.query<{ line: number; parent_number: string }>(
    `delete from stage_debtor where parent_number is not null and parent_id is null returning line, parent_number`,
  );
  const errors: RowError[] = orphans.rows.map((row) => ({
    line: row.line,
    field: 'parent_number',
    message: `parent debtor ${row.parent_number} is neither in this file nor in the administration`,
  }));
  const assignments = [...FIELDS.map((f) => `${f} = excluded.${f}`), 'updated_at = now()'].join(', ');
  const result = await client.query<{ created: number; updated: number }>(
    `with merged as (
       insert into debtor as d (id, tenant_id, administration_id, number, ${FIELDS.join(', ')})
       select s.id, current_setting('kredo.tenant_id'), $1, s.number, ${FIELDS.map((f) => `s.${f}`).join(', ')}
       from stage_debtor s
       on conflict (tenant_id, administration_id, number) do update set ${assignments}
       where (${FIELDS.map((f) => `d.${f}`).join(', ')}) is distinct from (${FIELDS.map((f) => `excluded.${f}`).join(', ')})
       returning (xmax = 0) as inserted
     )
     select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated
     from merged`,
    [administrationId],
  );
  const { created, updated } = result.rows[0] ?? { created: 0, updated: 0 };
  // A staged id is stored only when its row was inserted (an update keeps the stored id).
  if (created > 0) await recordDebtorsCreated(client, 'stage_debtor s join debtor d on d.id = s.id');
  return { created, updated, unchanged: records.length - errors.length - created - updated, errors };
}

/** Debtor ids by number for the given numbers of one administration: how imports resolve references. */
export async function debtorIdsByNumber(
  client: PoolClient,
  administrationId: string,
  numbers: string[],
): Promise<Map<string, string>> {
  const result = await client.query<{ number: string; id: string }>(
    'select number, id from debtor where administration_id = $1 and number = any($2::text[])',
    [administrationId, numbers],
  );
  return new Map(result.rows.map((row) => [row.number, row.id]));
}
