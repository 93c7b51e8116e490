import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/administration-service.ts';
import { invalid } from '../shared/errors.ts';

/** An administration's dunning settings: its default strategy and when its daily run starts. */
export interface DunningSettings {
  administrationId: string;
  /** The strategy for debtors no segment matches; none: such debtors are not dunned. */
  defaultStrategyId: string | null;
  /** `HH:MM`, local time in the administration's time zone. */
  runTime: string;
  /** Whether the daily run happens (a run by hand always can). */
  enabled: boolean;
}

const DEFAULTS = { defaultStrategyId: null, runTime: '06:00', enabled: true };

export async function readSettings(em: EntityManager, administrationId: string): Promise<DunningSettings> {
  await getAdministration(em, administrationId);
  const [row] = await em.execute<
    { default_strategy_id: string | null; run_time: string; enabled: boolean }[]
  >(
    `select default_strategy_id, to_char(run_time, 'HH24:MI') as run_time, enabled
     from dunning_settings where administration_id = ?`,
    [administrationId],
  );
  if (!row) return { administrationId, ...DEFAULTS };
  return {
    administrationId,
    defaultStrategyId: row.default_strategy_id,
    runTime: row.run_time,
    enabled: row.enabled,
  };
}

/** Changes the given settings (the others keep their value), in the caller's transaction. */
export async function writeSettings(
  em: EntityManager,
  tenantId: string,
  administrationId: string,
  patch: Partial<Omit<DunningSettings, 'administrationId'>>,
): Promise<DunningSettings> {
  const current = await readSettings(em, administrationId);
  const next = { ...current, ...patch };
  if (patch.defaultStrategyId) {
    const [live] = await em.execute(
      'select 1 from dunning_strategy where id = ? and administration_id = ? and archived_at is null',
      [patch.defaultStrategyId, administrationId],
    );
    if (!live) throw invalid('defaultStrategyId', 'not a live strategy of this administration');
  }
  await em.execute(
    `insert into dunning_settings (tenant_id, administration_id, default_strategy_id, run_time, enabled)
     values (?, ?, ?, ?::time, ?)
     on conflict (tenant_id, administration_id) do update set default_strategy_id = excluded.default_strategy_id,
       run_time = excluded.run_time, enabled = excluded.enabled, updated_at = now()`,
    [tenantId, administrationId, next.defaultStrategyId, next.runTime, next.enabled],
  );
  return next;
}
