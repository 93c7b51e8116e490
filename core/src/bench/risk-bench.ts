import type { Orm } from '../db/orm.ts';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { refreshRisk } from '../risk/index.ts';
import { alternateRounds } from './alternate-rounds.ts';
import { type BenchRow, compared } from './bench-rows.ts';
import { INSIGHT_AS_OF, type InsightLedger } from './insight-ledger.ts';
import { createRiskCopyTable, riskDifferences, riskUpsertSql } from './risk-baseline-sql.ts';

/**
 * The risk refresh of the insight ledger's administration (risk/refresh-risk.ts, as the nightly job
 * runs it) against one SQL statement upserting the same scores, inputs and limit use into a copy of
 * `debtor_risk` (risk-baseline-sql.ts). Both run once untimed first: the refresh's first run records
 * every debtor already over its limit (a crossing row and an event each), which the nightly run after
 * it does not; then both are timed as the nightly run. Their rows must agree before any time is reported.
 */
export async function benchRisk(
  orm: Orm,
  ledger: InsightLedger,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const { tenantId, administrationId } = ledger;
  const refresh = () =>
    tenantEm(orm, tenantId).transactional((em) =>
      refreshRisk(em, tenantId, administrationId, { asOf: INSIGHT_AS_OF }),
    );
  const upsert = () =>
    withTenantClient(orm, tenantId, async (client) => {
      await client.query('set local role none');
      await client.query(riskUpsertSql(), [administrationId, INSIGHT_AS_OF, tenantId]);
    });
  await withTenantClient(orm, tenantId, async (client) => {
    await client.query('set local role none');
    await createRiskCopyTable(client);
  });
  log('The first risk refresh and its baseline (untimed: the first records the limit crossings) …');
  const first = await refresh();
  await upsert();
  const sides = await alternateRounds(
    { label: 'The risk refresh as one SQL statement', run: upsert },
    { label: 'The risk refresh through risk/', run: refresh },
    log,
  );
  const check = await withTenantClient(orm, tenantId, async (client) => {
    await client.query('set local role none');
    return riskDifferences(client, administrationId);
  });
  if (check.differ > 0 || check.rows !== first.debtors || sides.kredo.result.debtors !== first.debtors) {
    throw new Error(
      `the risk refresh wrote ${first.debtors} debtors, the SQL's table differs on ${check.differ} of ${check.rows}`,
    );
  }
  const n = ledger.invoices.toLocaleString('en');
  return [
    compared(
      `risk refresh, ${n} invoices (${first.debtors.toLocaleString('en')} debtors)`,
      's',
      sides.kredo.seconds,
      sides.baseline.seconds,
      { atMost: 1.5, of: 'one SQL upsert of the same scores' },
    ),
  ];
}
