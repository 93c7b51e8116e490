import type { Orm } from '../../db/orm.ts';
import { withTenantClient } from '../../db/tenant-scope.ts';
import { newId } from '../../shared/ids.ts';

/** An entry as a test writes it: what the bank said that matching reads. */
export interface TestEntry {
  amount: number;
  creditDebit?: 'credit' | 'debit';
  reversal?: boolean;
  status?: 'booked' | 'pending';
  currency?: string;
  remittanceText?: string;
  creditorReference?: string;
  counterpartyIban?: string;
  counterpartyName?: string;
  endToEndId?: string;
  bookingDate?: string;
}

/**
 * For tests of matching below the import: one statement of `entries`, written straight into the
 * bank-statement tables in the tenant's transaction (the statements' importer is tested on its own).
 * Answers the entry ids in order.
 */
export async function insertStatement(
  orm: Orm,
  tenantId: string,
  administrationId: string,
  entries: readonly TestEntry[],
): Promise<string[]> {
  const statementId = newId('bankStatement');
  const account = 'NL20INGB0001234567';
  return withTenantClient(orm, tenantId, async (client) => {
    await client.query(
      `insert into bank_statement (tenant_id, id, administration_id, account, statement_ref, format, import_id)
       values ($1, $2, $3, $4, $2, 'camt053', 'imp_test')`,
      [tenantId, statementId, administrationId, account],
    );
    const ids: string[] = [];
    for (const [i, entry] of entries.entries()) {
      const entryId = newId('bankStatementEntry');
      ids.push(entryId);
      await client.query(
        `insert into bank_statement_entry (tenant_id, id, administration_id, statement_id, account, entry_key, position,
           booking_date, value_date, amount, amount_text, currency, credit_debit, reversal, status, end_to_end_id,
           counterparty_name, counterparty_iban, remittance_text, creditor_reference)
         values ($1, $2, $3, $4, $5, $2, $6, $7, $7, $8::bigint, ($8::bigint::numeric / 100)::text, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [
          tenantId,
          entryId,
          administrationId,
          statementId,
          account,
          i + 1,
          entry.bookingDate ?? '2026-03-02',
          entry.amount,
          entry.currency ?? 'EUR',
          entry.creditDebit ?? 'credit',
          entry.reversal ?? false,
          entry.status ?? 'booked',
          entry.endToEndId ?? null,
          entry.counterpartyName ?? null,
          entry.counterpartyIban ?? null,
          entry.remittanceText ?? null,
          entry.creditorReference ?? null,
        ],
      );
    }
    return ids;
  });
}
