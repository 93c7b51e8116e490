import type { PoolClient } from 'pg';

/**
 * For tests below the API: a tenant with one administration and its debtors written straight into
 * the tables, in the tenant's transaction (`client` from withTenantClient). Debtors are `b2b` unless
 * given a type; answers their ids by number.
 */
export async function insertLedger(
  client: PoolClient,
  ids: { tenantId: string; administrationId: string },
  options: {
    timeZone?: string;
    debtors?: { id: string; number: string; type?: string; addresses?: object[] }[];
  } = {},
): Promise<void> {
  await client.query('insert into tenant (id, name) values ($1, $1) on conflict do nothing', [ids.tenantId]);
  await client.query(
    `insert into administration (id, tenant_id, code, name, currency, time_zone, country, payment_term_days)
     values ($1, $2, $1, 'A', 'EUR', $3, 'NL', 14)`,
    [ids.administrationId, ids.tenantId, options.timeZone ?? 'Europe/Amsterdam'],
  );
  for (const debtor of options.debtors ?? []) {
    await client.query(
      `insert into debtor (id, tenant_id, administration_id, number, name, type, addresses)
       values ($1, $2, $3, $4, 'D', $5, $6)`,
      [
        debtor.id,
        ids.tenantId,
        ids.administrationId,
        debtor.number,
        debtor.type ?? 'b2b',
        JSON.stringify(debtor.addresses ?? []),
      ],
    );
  }
}
