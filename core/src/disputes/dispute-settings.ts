import type { EntityManager } from '@mikro-orm/postgresql';
import { Joi } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';

/** The tenant's dispute settings: who disputes past their due date go to when their type names nobody. */
export interface DisputeSettings {
  escalateTo: string | null;
  updatedAt: Date | null;
}

export const disputeSettingsView = named(
  'DisputeSettings',
  Joi.object({
    escalateTo: Joi.string()
      .allow(null)
      .required()
      .description(
        'Staff user (token subject) a dispute past its due date is reassigned to, unless its type names one',
      ),
    updatedAt: instant.allow(null).required(),
  }),
);

export async function readDisputeSettings(em: EntityManager): Promise<DisputeSettings> {
  const [row] = await em.execute<{ escalate_to: string | null; updated_at: string | Date }[]>(
    'select escalate_to, updated_at from dispute_settings',
  );
  return row
    ? { escalateTo: row.escalate_to, updatedAt: new Date(row.updated_at) }
    : { escalateTo: null, updatedAt: null };
}

export async function saveDisputeSettings(
  em: EntityManager,
  tenantId: string,
  settings: { escalateTo: string | null },
): Promise<DisputeSettings> {
  await em.execute(
    `insert into dispute_settings (tenant_id, escalate_to) values (?, ?)
     on conflict (tenant_id) do update set escalate_to = excluded.escalate_to, updated_at = now()`,
    [tenantId, settings.escalateTo],
  );
  return readDisputeSettings(em);
}
