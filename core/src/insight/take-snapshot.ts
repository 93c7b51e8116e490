import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays } from '../shared/iso-date.ts';
import { ageingByGroup } from './ageing.ts';
import type { GroupBy } from './insight-scope.ts';
import { readInsightSettings } from './insight-settings.ts';
import { emptyKpis, kpisByGroup } from './kpis.ts';

/** What a snapshot keeps per day: the administration as a whole, each segment, each collector. */
export const SNAPSHOT_GROUPS = [
  'administration',
  'segment',
  'collector',
] as const satisfies readonly GroupBy[];
export type SnapshotGroup = (typeof SNAPSHOT_GROUPS)[number];

/**
 * Takes one administration's snapshot of `day`, inside the caller's transaction, replacing one taken
 * before (so a rerun never doubles a day):
 * 1. the settings it is taken with: the ageing edges and the KPIs' trailing period;
 * 2. the day's row, replaced (its figures go with it: on delete cascade);
 * 3. per group (SNAPSHOT_GROUPS), the KPIs of the period ending on `day` and the ageing on `day`.
 * `rebuilt`: taken later than the day after `day`, from the ledger as it stands (insight.md).
 * Answers how many figure rows it wrote.
 */
export async function takeSnapshot(
  em: EntityManager,
  tenantId: string,
  administrationId: string,
  day: string,
  rebuilt: boolean,
): Promise<number> {
  const settings = await readInsightSettings(em, administrationId);
  await em.execute('delete from insight_snapshot_day where administration_id = ? and day = ?', [
    administrationId,
    day,
  ]);
  await em.execute(
    `insert into insight_snapshot_day (tenant_id, administration_id, day, rebuilt, ageing_edges, kpi_period_days)
     values (?, ?, ?, ?, ?::int[], ?)`,
    [tenantId, administrationId, day, rebuilt, `{${settings.ageingEdges.join(',')}}`, settings.kpiPeriodDays],
  );
  const period = { administrationId, from: addDays(day, 1 - settings.kpiPeriodDays), to: day };
  let written = 0;
  for (const groupBy of SNAPSHOT_GROUPS) {
    const kpis = await kpisByGroup(em, period, groupBy);
    const ageing = await ageingByGroup(
      em,
      { administrationId, asOf: day, edges: settings.ageingEdges },
      groupBy,
    );
    for (const key of new Set([...kpis.keys(), ...ageing.keys()])) {
      await em.execute(
        `insert into insight_snapshot (tenant_id, administration_id, day, group_by, group_key, kpis, ageing)
         values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)`,
        [
          tenantId,
          administrationId,
          day,
          groupBy,
          key,
          JSON.stringify(kpis.get(key) ?? emptyKpis(period)),
          JSON.stringify(
            ageing.get(key) ?? { asOf: day, edges: settings.ageingEdges, currencies: [], conversion: null },
          ),
        ],
      );
      written++;
    }
  }
  return written;
}
