import type { DebtorRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../shared/errors.ts';
import type { DebtorType } from './debtor-types.ts';

/** What a plugin is told a debtor is: the SDK's `DebtorRecord.type` for each of ours. */
export const SDK_DEBTOR_TYPE: Readonly<Record<DebtorType, DebtorRecord['type']>> = {
  b2b: 'company',
  b2c: 'person',
};

/**
 * The SDK's DebtorRecord (sdk/src/records.ts) built in SQL from debtor row `d`: what `ctx.core` reads
 * and what `debtor.created` carries, so that events for a whole import batch are written by one
 * statement. `country` is the billing address's, else the first address's that has one. (copyRows
 * writes an empty list as `{}`, hence the array check.)
 */
export const debtorRecordSql = (d: string) => `json_build_object(
  'id', ${d}.id, 'administrationId', ${d}.administration_id, 'number', ${d}.number, 'name', ${d}.name,
  'type', case ${d}.type ${Object.entries(SDK_DEBTOR_TYPE)
    .map(([ours, sdk]) => `when '${ours}' then '${sdk}'`)
    .join(' ')} end,
  'vatNumber', ${d}.vat_number, 'cocNumber', ${d}.coc_number, 'email', ${d}.email, 'phone', ${d}.phone,
  'language', ${d}.language,
  'country', (select a ->> 'country' from jsonb_array_elements(
      case jsonb_typeof(${d}.addresses) when 'array' then ${d}.addresses else '[]' end) with ordinality as e(a, n)
    where a ->> 'country' is not null order by (a ->> 'type' = 'billing') desc, n limit 1))`;

/**
 * Debtors in the SDK's `DebtorRecord` shape (what plugins read through `ctx.core` and receive in
 * hook payloads), by id, under the caller's tenant-scoped EntityManager. Unknown ids are left out.
 */
export async function readDebtorRecords(em: EntityManager, ids: readonly string[]): Promise<DebtorRecord[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<{ record: DebtorRecord }[]>(
    `select ${debtorRecordSql('d')} as record from debtor d where d.id in (?) order by d.id`,
    [ids],
  );
  return rows.map((row) => row.record);
}

/** One debtor in the SDK's `DebtorRecord` shape, for a capability call about it; 404 when unknown. */
export async function readDebtorRecord(em: EntityManager, id: string): Promise<DebtorRecord> {
  const [debtor] = await readDebtorRecords(em, [id]);
  if (!debtor) throw notFound('Debtor', id);
  return debtor;
}
