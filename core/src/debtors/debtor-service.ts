import type { FilterQuery, InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/administration-service.ts';
import type { AddressRecord, Channel, ContactRecord, DebtorType } from '../imports/records.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { likeEscape } from '../shared/schemas.ts';
import { Debtor } from './debtor.entity.ts';

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
  addresses?: AddressRecord[];
  contacts?: ContactRecord[];
  tags?: string[];
  parentId?: string | null;
}

export interface DebtorFilter {
  administrationId?: string;
  parentId?: string;
  tag?: string;
  /** Matches name (anywhere) or number (prefix), case-insensitively. */
  q?: string;
  after?: string;
  limit: number;
}

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
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export async function listDebtors(em: EntityManager, filter: DebtorFilter): Promise<DebtorRow[]> {
  const where: FilterQuery<DebtorRow>[] = [];
  if (filter.administrationId) where.push({ administrationId: filter.administrationId });
  if (filter.parentId) where.push({ parentId: filter.parentId });
  if (filter.tag) where.push({ tags: { $contains: [filter.tag] } });
  if (filter.q) {
    const q = likeEscape(filter.q);
    where.push({ $or: [{ name: { $ilike: `%${q}%` } }, { number: { $ilike: `${q}%` } }] });
  }
  if (filter.after) where.push({ id: { $gt: filter.after } });
  return em.find(Debtor, { $and: where }, { orderBy: { id: 'asc' }, limit: filter.limit + 1 });
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
