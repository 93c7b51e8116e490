import { defineEntity, p } from '@mikro-orm/core';
import type { Address, Channel, Contact, DebtorType } from './debtor-types.ts';

export const Debtor = defineEntity({
  name: 'Debtor',
  tableName: 'debtor',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    administrationId: p.string(),
    /** The ERP's debtor number, unique per administration. */
    number: p.string(),
    name: p.string(),
    type: p.string().$type<DebtorType>(),
    vatNumber: p.string().nullable(),
    cocNumber: p.string().nullable(),
    email: p.string().nullable(),
    phone: p.string().nullable(),
    language: p.string().nullable(),
    preferredChannel: p.string().$type<Channel>().nullable(),
    addresses: p.json<Address[]>(),
    contacts: p.json<Contact[]>(),
    tags: p.array(),
    parentId: p.string().nullable(),
    /** The staff user (token subject) who works this debtor: tasks go to them, mail replies reach them. */
    collector: p.string().nullable(),
    /** On a parent: the group is dunned as one dossier, at this debtor (one reminder for the whole group). */
    groupDunning: p.boolean().default(false),
    /** The latest external credit assessment (credit-bureau plugins): 0–100, the bureau's rating, its limit. */
    creditScore: p.integer().nullable(),
    creditRating: p.string().nullable(),
    creditLimit: p.bigint('number').nullable(),
    creditLimitCurrency: p.string().nullable(),
    creditCheckedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
