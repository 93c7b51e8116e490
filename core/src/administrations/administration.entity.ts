import { defineEntity, p } from '@mikro-orm/core';

/**
 * A tenant's ledger or legal entity: its own currency, time zone and payment term, and what its
 * reminders need (sender, bank account, logo, reply-to, signature).
 */
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
    /** The name reminders are signed with and letters come from; default the administration's name. */
    senderName: p.string().nullable(),
    /** The sender's postal address, one line per entry (a letter's sender block). */
    senderAddress: p.json<string[]>(),
    /** Where debtors pay: normalised (no spaces), its ISO 13616 checksum checked on the way in. */
    iban: p.string().nullable(),
    bic: p.string().nullable(),
    accountHolder: p.string().nullable(),
    /** PNG or JPEG, at most 200 kB, printed on letters; its type sniffed from its bytes. */
    logo: p.blob().nullable().lazy(),
    logoType: p.string().$type<'image/png' | 'image/jpeg'>().nullable(),
    /** The address replies to reminders go to. */
    replyTo: p.string().nullable(),
    /** The text under every reminder. */
    signature: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
