import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/index.ts';
import { checkEdges, DEFAULT_AGEING_EDGES } from './ageing-buckets.ts';

/** An administration's insight settings (insight_settings); the defaults where it has none. */
export interface InsightSettings {
  /** Ageing bucket edges (ageing-buckets.ts) when a call gives none. */
  ageingEdges: number[];
  /** The trailing period, in days up to and including the day, of a daily snapshot's KPIs. */
  kpiPeriodDays: number;
}

export const DEFAULT_INSIGHT_SETTINGS: InsightSettings = {
  ageingEdges: [...DEFAULT_AGEING_EDGES],
  kpiPeriodDays: 30,
};

export async function readInsightSettings(
  em: EntityManager,
  administrationId: string,
): Promise<InsightSettings> {
  const [row] = await em.execute<{ ageing_edges: number[]; kpi_period_days: number }[]>(
    'select ageing_edges, kpi_period_days from insight_settings where administration_id = ?',
    [administrationId],
  );
  return row
    ? { ageingEdges: row.ageing_edges, kpiPeriodDays: row.kpi_period_days }
    : DEFAULT_INSIGHT_SETTINGS;
}

/** Changes what is given of an administration's settings (400 naming a bad edge; 404 for no such administration). */
export async function writeInsightSettings(
  em: EntityManager,
  tenantId: string,
  administrationId: string,
  patch: Partial<InsightSettings>,
): Promise<InsightSettings> {
  await getAdministration(em, administrationId);
  if (patch.ageingEdges) checkEdges(patch.ageingEdges, 'ageingEdges');
  const settings = { ...(await readInsightSettings(em, administrationId)), ...patch };
  await em.execute(
    `insert into insight_settings (tenant_id, administration_id, ageing_edges, kpi_period_days)
     values (?, ?, ?::int[], ?)
     on conflict (tenant_id, administration_id) do update set ageing_edges = excluded.ageing_edges,
       kpi_period_days = excluded.kpi_period_days, updated_at = now()`,
    [tenantId, administrationId, `{${settings.ageingEdges.join(',')}}`, settings.kpiPeriodDays],
  );
  return settings;
}
