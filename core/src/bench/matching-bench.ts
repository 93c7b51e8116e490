import { matchEntries } from '../bank-statements/index.ts';
import type { Orm } from '../db/orm.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { type BenchRow, compared } from './bench-rows.ts';
import { createBenchTenant, timed } from './import-bench.ts';

export interface MatchingBenchOptions {
  orm: Orm;
  /** Credits to match, each paying one invoice by its structured reference. */
  entries: number;
  /** Open invoices they are matched against (at least `entries`). */
  invoices: number;
  log: (line: string) => void;
}

/**
 * Matching credits that carry structured references against a ledger of open invoices through
 * Kredo's matcher (one payment per credit through the payment service, each in a transaction of its
 * own) against one SQL statement joining the same entries to the invoices by reference. The ledger and
 * the statement are written by SQL: what is timed is the matching alone.
 */
export async function benchMatching({
  orm,
  entries,
  invoices,
  log,
}: MatchingBenchOptions): Promise<BenchRow[]> {
  const pool = await orm.em.getConnection().getNativeClient();
  const { tenantId, administrationId } = await createBenchTenant(orm);
  log(
    `Writing ${invoices.toLocaleString('en')} open invoices and a statement of ${entries.toLocaleString('en')} credits …`,
  );
  const entryIds = await withTenantClient(orm, tenantId, async (client) => {
    // Ten invoices a debtor, as a ledger has them: per-debtor work stays per-debtor sized.
    await client.query(
      `insert into debtor (id, tenant_id, administration_id, number, name, type)
       select 'dbt_bench' || lpad(d::text, 21, '0'), $1, $2, 'BENCH-' || d, 'Bench debtor ' || d, 'b2b'
       from generate_series(0, ($3::int - 1) / 10) d`,
      [tenantId, administrationId, invoices],
    );
    await client.query(
      `insert into invoice (id, tenant_id, administration_id, debtor_id, number, document_type, issue_date, due_date,
         amount, open_amount, currency, status, payment_reference)
       select 'inv_bench' || lpad(n::text, 21, '0'), $1, $2, 'dbt_bench' || lpad(((n - 1) / 10)::text, 21, '0'),
         'B-' || n, 'invoice',
         '2026-11-01', '2026-12-01', 10000, 10000, 'EUR', 'open', 'BENCH-REF-' || n
       from generate_series(1, $3::int) n`,
      [tenantId, administrationId, invoices],
    );
    await client.query(
      `insert into bank_statement (tenant_id, id, administration_id, account, statement_ref, format, import_id)
       values ($1, 'bst_bench0000000000000000000000', $2, 'NL20INGB0001234567', 'bench', 'camt053', 'bsi_bench')`,
      [tenantId, administrationId],
    );
    const inserted = await client.query<{ id: string }>(
      `insert into bank_statement_entry (tenant_id, id, administration_id, statement_id, account, entry_key, position,
         booking_date, value_date, amount, amount_text, currency, credit_debit, status, creditor_reference)
       select $1, 'bse_bench' || lpad(n::text, 21, '0'), $2, 'bst_bench0000000000000000000000', 'NL20INGB0001234567',
         'bench-' || n, n, '2026-12-15', '2026-12-15', 10000, '100.00', 'EUR', 'credit', 'booked', 'BENCH-REF-' || n
       from generate_series(1, $3::int) n order by n returning id`,
      [tenantId, administrationId, entries],
    );
    return inserted.rows.map((row) => row.id);
  });
  await pool.query('analyze invoice; analyze bank_statement_entry');

  log('One SQL join of the entries to the invoices by reference …');
  const join = await timed(pool, () =>
    withTenantClient(orm, tenantId, (client) =>
      client.query(
        `select count(*)::int as n from bank_statement_entry e join invoice i
           on i.administration_id = e.administration_id and i.payment_reference is not null
          and upper(replace(i.payment_reference, ' ', '')) = upper(replace(e.creditor_reference, ' ', ''))
         where e.statement_id = 'bst_bench0000000000000000000000'`,
      ),
    ),
  );
  log(`Matching ${entries.toLocaleString('en')} credits …`);
  const matched = await timed(pool, () => matchEntries(orm, tenantId, entryIds));
  const joined = join.result.rows[0]?.n;
  if (matched.result.outcomes.matched !== entries || joined !== entries) {
    throw new Error(
      `matching: expected ${entries} matched, got ${JSON.stringify(matched.result.outcomes)}; the join found ${joined}`,
    );
  }
  return [
    compared(
      `match ${entries.toLocaleString('en')} credits by structured reference against ${invoices.toLocaleString('en')} open invoices`,
      's',
      matched.seconds,
      join.seconds,
      { atMost: 3, of: 'one SQL join' },
    ),
  ];
}
