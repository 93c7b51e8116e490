import type { EntityManager } from '@mikro-orm/postgresql';
import { Joi } from '../shared/joi.ts';
import { instant, minorUnits, named } from '../shared/schemas.ts';

/** Per administration: grace days of promises and plans, and the limits a payment plan must keep. */
export interface ArrangementSettings {
  /** Days after the promised date before an unpaid promise is broken. */
  promiseGraceDays: number;
  /** Days after an instalment's due date before a plan whose payments fall short defaults. */
  planGraceDays: number;
  planMaxInstalments: number;
  /** Minor units in the administration's currency. */
  planMinInstalment: number;
  updatedAt: Date | null;
}

/** What an administration that never changed its settings has: the table's column defaults. */
export const DEFAULT_ARRANGEMENT_SETTINGS: ArrangementSettings = {
  promiseGraceDays: 3,
  planGraceDays: 3,
  planMaxInstalments: 24,
  planMinInstalment: 2500,
  updatedAt: null,
};

const days = Joi.number().integer().min(0).max(60);
export const arrangementSettingsFields = {
  promiseGraceDays: days.description(
    'Days after the promised date before an unpaid promise is broken (default 3)',
  ),
  planGraceDays: days.description('Days after an instalment’s due date before a plan defaults (default 3)'),
  planMaxInstalments: Joi.number()
    .integer()
    .min(1)
    .max(120)
    .description('At most this many instalments (default 24)'),
  planMinInstalment: minorUnits
    .min(1)
    .description('Each instalment at least this, in minor units (default 2500)'),
};

export const arrangementSettingsView = named(
  'ArrangementSettings',
  Joi.object({
    promiseGraceDays: arrangementSettingsFields.promiseGraceDays.required(),
    planGraceDays: arrangementSettingsFields.planGraceDays.required(),
    planMaxInstalments: arrangementSettingsFields.planMaxInstalments.required(),
    planMinInstalment: arrangementSettingsFields.planMinInstalment.required(),
    updatedAt: instant.allow(null).required(),
  }),
);

interface SettingsRow {
  promise_grace_days: number;
  plan_grace_days: number;
  plan_max_instalments: number;
  plan_min_instalment: string | number;
  updated_at: string | Date;
}

export async function readArrangementSettings(
  em: EntityManager,
  administrationId: string,
): Promise<ArrangementSettings> {
  const [row] = await em.execute<SettingsRow[]>(
    'select * from arrangement_settings where administration_id = ?',
    [administrationId],
  );
  if (!row) return DEFAULT_ARRANGEMENT_SETTINGS;
  return {
    promiseGraceDays: row.promise_grace_days,
    planGraceDays: row.plan_grace_days,
    planMaxInstalments: row.plan_max_instalments,
    planMinInstalment: Number(row.plan_min_instalment),
    updatedAt: new Date(row.updated_at),
  };
}

/** Changes some settings; the others keep their value (or default). */
export async function saveArrangementSettings(
  em: EntityManager,
  tenantId: string,
  administrationId: string,
  patch: Partial<Omit<ArrangementSettings, 'updatedAt'>>,
): Promise<ArrangementSettings> {
  const next = { ...(await readArrangementSettings(em, administrationId)), ...patch };
  await em.execute(
    `insert into arrangement_settings (tenant_id, administration_id, promise_grace_days, plan_grace_days,
       plan_max_instalments, plan_min_instalment)
     values (?, ?, ?, ?, ?, ?)
     on conflict (tenant_id, administration_id) do update set promise_grace_days = excluded.promise_grace_days,
       plan_grace_days = excluded.plan_grace_days, plan_max_instalments = excluded.plan_max_instalments,
       plan_min_instalment = excluded.plan_min_instalment, updated_at = now()`,
    [
      tenantId,
      administrationId,
      next.promiseGraceDays,
      next.planGraceDays,
      next.planMaxInstalments,
      next.planMinInstalment,
    ],
  );
  return readArrangementSettings(em, administrationId);
}
