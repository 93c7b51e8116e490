import type { DebtorRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../shared/errors.ts';

/** The columns of a debtor as SQL selecting its SDK record needs them; `d` is the debtor's alias. */
export const debtorRecordSql = `json_build_object(
  'id', d.id, 'administrationId', d.administration_id, 'number', d.number, 'name', d.name,
  'type', case d.type when 'b2b' then 'company' else 'person' end,
  'vatNumber', d.vat_number, 'cocNumber', d.coc_number, 'email', d.email, 'phone', d.phone,
  'language', d.language,
  'country', (select a ->> 'country' from jsonb_array_elements(
      case jsonb_typeof(d.addresses) when 'array' then d.addresses else '[]' end) with ordinality as e(a, n)
    where a ->> 'country' is not null order by (a ->> 'type' = 'billing') desc, n limit 1))`;

/**
 * Debtors in the SDK's `DebtorRecord` shape (what plugins read through `ctx.core` and receive in
 * hook payloads), by id, under the caller's tenant-scoped EntityManager. Unknown ids are left out.
 */
export async function readDebtorRecords(em: EntityManager, ids: readonly string[]): Promise<DebtorRecord[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<{ record: DebtorRecord }[]>(
    `select ${debtorRecordSql} as record from debtor d where d.id in (?) order by d.id`,
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
