import type { InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { Joi } from '../shared/joi.ts';
import { country, currency, instant, named, prefixedId } from '../shared/schemas.ts';
import { textArrayLiteral } from '../shared/text-array.ts';
import { Administration } from './administration.entity.ts';
import { logoColumns, type SenderInput } from './sender-fields.ts';

export interface AdministrationInput extends SenderInput {
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
    senderName: Joi.string().allow(null).required().description('Name reminders are signed with'),
    senderAddress: Joi.array().items(Joi.string()).required(),
    iban: Joi.string().allow(null).required().description('Without spaces'),
    bic: Joi.string().allow(null).required(),
    accountHolder: Joi.string().allow(null).required(),
    logo: Joi.object({ contentType: Joi.string().valid('image/png', 'image/jpeg').required() })
      .allow(null)
      .required()
      .description('Whether a logo is set, and its type (sniffed from its bytes)'),
    replyTo: Joi.string().allow(null).required(),
    signature: Joi.string().allow(null).required(),
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
    senderName: a.senderName ?? null,
    senderAddress: a.senderAddress ?? [],
    iban: a.iban ?? null,
    bic: a.bic ?? null,
    accountHolder: a.accountHolder ?? null,
    logo: a.logoType ? { contentType: a.logoType } : null,
    replyTo: a.replyTo ?? null,
    signature: a.signature ?? null,
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

/** Those of `ids` that are administrations the caller's session sees (row-level security decides). */
export async function visibleAdministrationIds(
  em: EntityManager,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await em.execute<{ id: string }[]>('select id from administration where id = any(?::text[])', [
    textArrayLiteral(ids),
  ]);
  return new Set(rows.map((row) => row.id));
}

export async function findAdministrationByCode(em: EntityManager, code: string) {
  return em.findOne(Administration, { code });
}

/** The administrations whose own account (where debtors pay) is this IBAN: bank statements find theirs so. */
export async function findAdministrationsByIban(em: EntityManager, iban: string) {
  return em.find(Administration, { iban }, { orderBy: { id: 'asc' } });
}

export async function createAdministration(em: EntityManager, tenantId: string, input: AdministrationInput) {
  if (await findAdministrationByCode(em, input.code)) {
    throw conflict('administration_exists', `An administration with code ${input.code} already exists`, {
      code: input.code,
    });
  }
  const { logo, ...fields } = input;
  const administration = em.create(Administration, {
    id: newId('administration'),
    tenantId,
    senderAddress: [],
    ...fields,
    ...logoColumns(logo),
  });
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
  const { logo, ...fields } = patch;
  em.assign(administration, { ...fields, ...logoColumns(logo) });
  await em.flush();
  return administration;
}

/** An administration's logo (PNG or JPEG bytes), loaded on demand: letters print it. */
export async function administrationLogo(
  em: EntityManager,
  id: string,
): Promise<{ bytes: Buffer; contentType: 'image/png' | 'image/jpeg' } | null> {
  const found = await em.findOne(Administration, { id }, { populate: ['logo'] });
  if (!found) throw notFound('Administration', id);
  return found.logo && found.logoType
    ? { bytes: Buffer.from(found.logo), contentType: found.logoType }
    : null;
}
