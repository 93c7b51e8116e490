import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateSql } from '../administrations/business-date.ts';
import { dunnedPartiesSql } from '../debtors/dunned-party.ts';

/** The party a debtor is dunned as: itself, or the parent whose group is dunned as one dossier. */
export async function partyOf(
  em: EntityManager,
  administrationId: string,
  debtorId: string,
): Promise<string> {
  const [row] = await em.execute<{ party_id: string }[]>(
    `select p.party_id from ${dunnedPartiesSql('?')} p where p.debtor_id = ?`,
    [administrationId, debtorId],
  );
  return row?.party_id ?? debtorId;
}

/** Today in the administration's time zone. */
export async function todayIn(em: EntityManager, administrationId: string): Promise<string> {
  const [row] = await em.execute<{ today: string }[]>(`select ${businessDateSql('?')}::text as today`, [
    administrationId,
  ]);
  if (!row) throw new Error(`no business date for administration ${administrationId}`);
  return row.today;
}
