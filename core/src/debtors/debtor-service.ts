import type { InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/administration-service.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { Joi } from '../shared/joi.ts';
import { country, currency, instant, language, minorUnits, named, prefixedId } from '../shared/schemas.ts';
import { Debtor } from './debtor.entity.ts';
import { recordDebtorsCreated } from './debtor-created-events.ts';
import {
  ADDRESS_TYPES,
  type Address,
  CHANNELS,
  type Channel,
  type Contact,
  DEBTOR_TYPES,
  type DebtorType,
} from './debtor-types.ts';

/** The debtor's vocabulary as the API and the bulk import check it (debtor-types.ts). */
export const debtorTypeSchema = Joi.string().valid(...DEBTOR_TYPES);
export const channelSchema = Joi.string().valid(...CHANNELS);
export const addressTypeSchema = Joi.string().valid(...ADDRESS_TYPES);

export type DebtorRow = InferEntity<typeof Debtor>;

export interface DebtorInput {
  administrationId: string;
  number: string;
  name: string;
  type: DebtorType;
  vatNumber?: string | null;
  cocNumber?: string | null;
  email?: string | null;
  phone?: string | null;
  language?: string | null;
  preferredChannel?: Channel | null;
  addresses?: Address[];
  contacts?: Contact[];
  tags?: string[];
  parentId?: string | null;
  collector?: string | null;
  groupDunning?: boolean;
}

const addressView = named(
  'Address',
  Joi.object({
    type: addressTypeSchema.required(),
    line1: Joi.string().required(),
    line2: Joi.string(),
    postalCode: Joi.string(),
    city: Joi.string(),
    region: Joi.string(),
    country,
  }),
);
const contactView = named(
  'Contact',
  Joi.object({
    name: Joi.string(),
    role: Joi.string(),
    email: Joi.string(),
    phone: Joi.string(),
    language,
    preferredChannel: channelSchema,
  }),
);

/** A debtor as the API answers it: what `presentDebtor` builds. */
export const debtorView = named(
  'Debtor',
  Joi.object({
    id: prefixedId('dbt').required(),
    administrationId: prefixedId('adm').required(),
    number: Joi.string().required(),
    name: Joi.string().required(),
    type: debtorTypeSchema.required(),
    vatNumber: Joi.string().allow(null).required(),
    cocNumber: Joi.string().allow(null).required(),
    email: Joi.string().allow(null).required(),
    phone: Joi.string().allow(null).required(),
    language: language.allow(null).required(),
    preferredChannel: channelSchema.allow(null).required(),
    addresses: Joi.array().items(addressView).required(),
    contacts: Joi.array().items(contactView).required(),
    tags: Joi.array().items(Joi.string()).required(),
    parentId: prefixedId('dbt').allow(null).required(),
    collector: Joi.string()
      .allow(null)
      .required()
      .description('The staff user (token subject) who works this debtor'),
    groupDunning: Joi.boolean()
      .required()
      .description(
        'On a parent: its group is dunned as one dossier here, one reminder for all its overdue invoices',
      ),
    credit: Joi.object({
      score: Joi.number().integer().required(),
      rating: Joi.string().allow(null).required(),
      limit: Joi.object({ amount: minorUnits.required(), currency: currency.allow(null).required() })
        .allow(null)
        .required(),
      checkedAt: instant.allow(null).required(),
    })
      .allow(null)
      .required()
      .description('The latest external credit check (`POST /debtors/{debtorId}/credit-checks`), or null'),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

export function presentDebtor(d: DebtorRow) {
  return {
    id: d.id,
    administrationId: d.administrationId,
    number: d.number,
    name: d.name,
    type: d.type,
    vatNumber: d.vatNumber ?? null,
    cocNumber: d.cocNumber ?? null,
    email: d.email ?? null,
    phone: d.phone ?? null,
    language: d.language ?? null,
    preferredChannel: d.preferredChannel ?? null,
    addresses: d.addresses,
    contacts: d.contacts,
    tags: d.tags,
    parentId: d.parentId ?? null,
    collector: d.collector ?? null,
    groupDunning: d.groupDunning ?? false,
    /** The latest external credit check (`POST /debtors/{id}/credit-checks`), or null. */
    credit:
      d.creditScore == null
        ? null
        : {
            score: d.creditScore,
            rating: d.creditRating ?? null,
            limit:
              d.creditLimit == null
                ? null
                : { amount: Number(d.creditLimit), currency: d.creditLimitCurrency },
            checkedAt: d.creditCheckedAt ?? null,
          },
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** A debtor row as PostgreSQL returns it: pg parses jsonb and text[]; timestamps stay text. */
export interface DebtorColumns {
  id: string;
  tenant_id: string;
  administration_id: string;
  number: string;
  name: string;
  type: DebtorType;
  vat_number: string | null;
  coc_number: string | null;
  email: string | null;
  phone: string | null;
  language: string | null;
  preferred_channel: Channel | null;
  addresses: Address[];
  contacts: Contact[];
  tags: string[];
  parent_id: string | null;
  collector: string | null;
  group_dunning: boolean;
  credit_score: number | null;
  credit_rating: string | null;
  credit_limit: string | null;
  credit_limit_currency: string | null;
  credit_checked_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The entity's fields from a raw row: read paths return plain data, so no entity is built or tracked. */
export function debtorFromColumns(c: DebtorColumns): DebtorRow {
  return {
    id: c.id,
    tenantId: c.tenant_id,
    administrationId: c.administration_id,
    number: c.number,
    name: c.name,
    type: c.type,
    vatNumber: c.vat_number,
    cocNumber: c.coc_number,
    email: c.email,
    phone: c.phone,
    language: c.language,
    preferredChannel: c.preferred_channel,
    addresses: c.addresses,
    contacts: c.contacts,
    tags: c.tags,
    parentId: c.parent_id,
    collector: c.collector,
    groupDunning: c.group_dunning,
    creditScore: c.credit_score,
    creditRating: c.credit_rating,
    creditLimit: c.credit_limit == null ? null : Number(c.credit_limit),
    creditLimitCurrency: c.credit_limit_currency,
    creditCheckedAt: c.credit_checked_at == null ? null : new Date(c.credit_checked_at),
    createdAt: new Date(c.created_at),
    updatedAt: new Date(c.updated_at),
  };
}

/** The tenant's debtors whose name matches `pattern` (SQL: an ILIKE pattern, a parameter) as an id subquery. */
export function debtorsNamedSql(pattern: string): string {
  return `(select d.id from debtor d where d.name ilike ${pattern})`;
}

/** A debtor as plain data, for reading; `getDebtor` gives the entity, for a caller that changes it. */
export async function readDebtor(em: EntityManager, id: string): Promise<DebtorRow> {
  const [row] = await em.execute<DebtorColumns[]>('select * from debtor where id = ?', [id]);
  if (!row) throw notFound('Debtor', id);
  return debtorFromColumns(row);
}

/**
 * Throws debtor_not_found unless the debtor exists and, under row-level security, is the tenant's: a
 * list of things about a debtor must not answer an empty page for a debtor that is not there.
 */
export async function assertDebtorExists(em: EntityManager, id: string): Promise<void> {
  const [row] = await em.execute<{ found: number }[]>('select 1 as found from debtor where id = ?', [id]);
  if (!row) throw notFound('Debtor', id);
}

export async function getDebtor(em: EntityManager, id: string): Promise<DebtorRow> {
  const debtor = await em.findOne(Debtor, { id });
  if (!debtor) throw notFound('Debtor', id);
  return debtor;
}

export async function findDebtorByNumber(em: EntityManager, administrationId: string, number: string) {
  return em.findOne(Debtor, { administrationId, number });
}

export async function createDebtor(
  em: EntityManager,
  tenantId: string,
  input: DebtorInput,
): Promise<DebtorRow> {
  await getAdministration(em, input.administrationId);
  if (await findDebtorByNumber(em, input.administrationId, input.number)) {
    throw conflict('debtor_exists', `Debtor ${input.number} already exists in this administration`, {
      number: input.number,
    });
  }
  if (input.parentId) await checkParent(em, input.administrationId, input.parentId, undefined);
  const debtor = em.create(Debtor, {
    id: newId('debtor'),
    tenantId,
    ...input,
    addresses: input.addresses ?? [],
    contacts: input.contacts ?? [],
    tags: input.tags ?? [],
  });
  await em.flush();
  await recordDebtorsCreated(em, 'debtor d where d.id = $1', [debtor.id]);
  return debtor;
}

export async function updateDebtor(
  em: EntityManager,
  id: string,
  patch: Partial<Omit<DebtorInput, 'administrationId'>>,
): Promise<DebtorRow> {
  const debtor = await getDebtor(em, id);
  if (patch.number && patch.number !== debtor.number) {
    if (await findDebtorByNumber(em, debtor.administrationId, patch.number)) {
      throw conflict('debtor_exists', `Debtor ${patch.number} already exists in this administration`);
    }
  }
  if (patch.parentId) await checkParent(em, debtor.administrationId, patch.parentId, debtor.id);
  em.assign(debtor, patch);
  await em.flush();
  return debtor;
}

/** A parent must be in the same administration and must not make the group a cycle. */
async function checkParent(em: EntityManager, administrationId: string, parentId: string, selfId?: string) {
  let current: string | null | undefined = parentId;
  for (let depth = 0; current; depth++) {
    if (current === selfId) throw invalid('parentId', 'would make the debtor its own ancestor');
    if (depth > 20) throw invalid('parentId', 'debtor groups nest at most 20 levels');
    const parent: DebtorRow | null = await em.findOne(Debtor, { id: current });
    if (!parent) throw invalid('parentId', `debtor ${current} does not exist`);
    if (parent.administrationId !== administrationId) {
      throw invalid('parentId', 'the parent belongs to another administration');
    }
    current = parent.parentId;
  }
}

/** The collector (staff user) of the debtor whose id is `debtorId` (SQL: a parameter or column), as a scalar subquery. */
export function debtorCollectorSql(debtorId: string): string {
  return `(select d.collector from debtor d where d.id = ${debtorId})`;
}
