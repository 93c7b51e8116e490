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

/** Of some IBANs, those the administration's payments (not reversed) came from: for a quick first sift. */
export async function knownPayerIbans(
  em: EntityManager,
  administrationId: string,
  ibans: readonly string[],
): Promise<Set<string>> {
  if (ibans.length === 0) return new Set();
  const rows = await em.execute<{ payer_iban: string }[]>(
    `select distinct payer_iban from payment
     where administration_id = ? and payer_iban in (?) and debtor_id is not null and reversed_at is null`,
    [administrationId, ibans],
  );
  return new Set(rows.map((row) => row.payer_iban));
}
