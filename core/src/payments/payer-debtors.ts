import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The debtors an IBAN paid for before: those of the administration's payments (not reversed) made
 * from it. How Kredo learns a debtor's bank account: from the money it sent, recorded by hand, by API
 * or by matching a statement.
 */
export async function debtorsPayingFrom(
  em: EntityManager,
  administrationId: string,
  iban: string,
): Promise<string[]> {
  const rows = await em.execute<{ debtor_id: string }[]>(
    `select distinct debtor_id from payment
     where administration_id = ? and payer_iban = ? and debtor_id is not null and reversed_at is null`,
    [administrationId, iban],
  );
  return rows.map((row) => row.debtor_id);
}
