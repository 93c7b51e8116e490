import type { MessageReceipt } from '@kredo/sdk';
import { Joi } from '../shared/joi.ts';
import { instant, named, prefixedId } from '../shared/schemas.ts';

/** A message sent to a debtor through a message-channel plugin, as stored. */
export interface DebtorMessageRow {
  id: string;
  debtor_id: string;
  installation_id: string;
  plugin: string;
  channel: 'sms' | 'whatsapp';
  to: string;
  text: string;
  status: 'pending' | MessageReceipt['status'];
  provider_message_id: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

export const messageColumns = `id, debtor_id, installation_id, plugin, channel, "to", text, status,
  provider_message_id, created_at, updated_at`;

/** A message as the API answers it: what `presentMessage` builds. */
export const messageView = named(
  'DebtorMessage',
  Joi.object({
    id: prefixedId('msg').required(),
    debtorId: prefixedId('dbt').required(),
    installationId: prefixedId('ins').required(),
    plugin: Joi.string().required(),
    channel: Joi.string().valid('sms', 'whatsapp').required(),
    to: Joi.string().required().description('E.164 phone number'),
    text: Joi.string().required(),
    status: Joi.string()
      .valid('pending', 'queued', 'sent', 'delivered', 'failed')
      .required()
      .description("The provider's receipt"),
    providerMessageId: Joi.string().allow(null).required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

export function presentMessage(row: DebtorMessageRow) {
  return {
    id: row.id,
    debtorId: row.debtor_id,
    installationId: row.installation_id,
    plugin: row.plugin,
    channel: row.channel,
    to: row.to,
    text: row.text,
    status: row.status,
    providerMessageId: row.provider_message_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
