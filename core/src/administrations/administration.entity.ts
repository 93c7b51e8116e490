import { defineEntity, p } from '@mikro-orm/core';

/** A tenant's ledger or legal entity: its own currency, time zone and payment term. */
export const Administration = defineEntity({
  name: 'Administration',
  tableName: 'administration',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    code: p.string(),
    name: p.string(),
    currency: p.string(),
    timeZone: p.string(),
    country: p.string(),
    paymentTermDays: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
