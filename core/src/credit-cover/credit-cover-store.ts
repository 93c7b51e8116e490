import type { Cover } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CapabilityInstallation } from '../marketplace/index.ts';
import { newId } from '../shared/ids.ts';
import { Joi } from '../shared/joi.ts';
import { instant, isoDate, money, named, prefixedId } from '../shared/schemas.ts';

/** An insurer's cover for a debtor as stored; the newest row is the debtor's current cover. */
export interface CreditCoverRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  installation_id: string;
  plugin: string;
  cover_reference: string;
  status: Cover['status'];
  requested_amount: string | number;
  covered_amount: string | number;
  currency: string;
  valid_until: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

/** Each debtor's current cover, the newest of its rows: a derived table of `credit_cover`, one row per debtor. */
export const CURRENT_COVERS_SQL = `(select distinct on (c.debtor_id) c.* from credit_cover c
   order by c.debtor_id, c.created_at desc, c.id desc)`;

export const coverColumns = `id, administration_id, debtor_id, installation_id, plugin, cover_reference, status,
  requested_amount, covered_amount, currency, to_char(valid_until, 'YYYY-MM-DD') as valid_until, created_at, updated_at`;

/** A credit-insurance cover as the API answers it: what `presentCreditCover` builds. */
export const creditCoverView = named(
  'CreditCover',
  Joi.object({
    id: prefixedId('cov').required(),
    debtorId: prefixedId('dbt').required(),
    installationId: prefixedId('ins').required(),
    plugin: Joi.string().required(),
    coverReference: Joi.string().required().description("The insurer's"),
    status: Joi.string().valid('granted', 'partial', 'refused', 'pending').required(),
    requestedAmount: money.required(),
    coveredAmount: money.required(),
    validUntil: isoDate.allow(null).required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

export function presentCreditCover(row: CreditCoverRow) {
  return {
    id: row.id,
    debtorId: row.debtor_id,
    installationId: row.installation_id,
    plugin: row.plugin,
    coverReference: row.cover_reference,
    status: row.status,
    requestedAmount: { amount: Number(row.requested_amount), currency: row.currency },
    coveredAmount: { amount: Number(row.covered_amount), currency: row.currency },
    validUntil: row.valid_until,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * Stores an insurer's answer. The cover reference is the insurer's: the same reference again (a
 * repeated request, a re-read) updates that cover rather than adding one. Undefined when the insurer
 * gave a reference core already holds for another debtor.
 */
export async function storeCover(
  em: EntityManager,
  tenantId: string,
  target: { administrationId: string; debtorId: string; requested: number },
  installation: CapabilityInstallation,
  cover: Cover,
): Promise<CreditCoverRow | undefined> {
  const [row] = await em.execute<CreditCoverRow[]>(
    `insert into credit_cover (id, tenant_id, administration_id, debtor_id, installation_id, plugin,
       cover_reference, status, requested_amount, covered_amount, currency, valid_until)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (tenant_id, installation_id, cover_reference) do update set
       status = excluded.status, requested_amount = excluded.requested_amount,
       covered_amount = excluded.covered_amount, currency = excluded.currency,
       valid_until = excluded.valid_until, plugin = excluded.plugin, updated_at = now()
     where credit_cover.debtor_id = excluded.debtor_id
     returning ${coverColumns}`,
    [
      newId('creditCover'),
      tenantId,
      target.administrationId,
      target.debtorId,
      installation.id,
      installation.plugin,
      cover.coverReference,
      cover.status,
      target.requested,
      cover.coveredAmount.amount,
      cover.coveredAmount.currency,
      cover.validUntil ?? null,
    ],
  );
  return row;
}
