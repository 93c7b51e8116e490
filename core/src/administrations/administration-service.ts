import type { InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { Joi } from '../shared/joi.ts';
import { country, currency, instant, named, prefixedId } from '../shared/schemas.ts';
import { Administration } from './administration.entity.ts';

export interface AdministrationInput {
  code: string;
  name: string;
  currency: string;
  timeZone: string;
  country: string;
  paymentTermDays: number;
}

export type AdministrationRow = InferEntity<typeof Administration>;

/** An administration as the API answers it: what `presentAdministration` builds. */
export const administrationView = named(
  'Administration',
  Joi.object({
    id: prefixedId('adm').required(),
    code: Joi.string().required(),
    name: Joi.string().required(),
    currency: currency.required(),
    timeZone: Joi.string().required().description('IANA time zone, e.g. Europe/Amsterdam'),
    country: country.required(),
    paymentTermDays: Joi.number().integer().required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

export function presentAdministration(a: AdministrationRow) {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    currency: a.currency,
    timeZone: a.timeZone,
    country: a.country,
    paymentTermDays: a.paymentTermDays,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export async function listAdministrations(em: EntityManager, after: string | undefined, limit: number) {
  return em.find(Administration, after ? { id: { $gt: after } } : {}, {
    orderBy: { id: 'asc' },
    limit: limit + 1,
  });
}

export async function getAdministration(em: EntityManager, id: string): Promise<AdministrationRow> {
  const found = await em.findOne(Administration, { id });
  if (!found) throw notFound('Administration', id);
  return found;
}

export async function findAdministrationByCode(em: EntityManager, code: string) {
  return em.findOne(Administration, { code });
}

export async function createAdministration(em: EntityManager, tenantId: string, input: AdministrationInput) {
  if (await findAdministrationByCode(em, input.code)) {
    throw conflict('administration_exists', `An administration with code ${input.code} already exists`, {
      code: input.code,
    });
  }
  const administration = em.create(Administration, { id: newId('administration'), tenantId, ...input });
  await em.flush();
  return administration;
}

export async function updateAdministration(
  em: EntityManager,
  id: string,
  patch: Partial<AdministrationInput>,
) {
  const administration = await getAdministration(em, id);
  if (patch.code && patch.code !== administration.code && (await findAdministrationByCode(em, patch.code))) {
    throw conflict('administration_exists', `An administration with code ${patch.code} already exists`);
  }
  em.assign(administration, patch);
  await em.flush();
  return administration;
}
