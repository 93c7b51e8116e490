import type { MessageReceipt } from '@kredo/sdk';

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
