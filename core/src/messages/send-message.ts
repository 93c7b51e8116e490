import type { DebtorRecord, MessageInput, MessageReceipt } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type CapabilityDeps, callCapability, grantedInstallation } from '../capabilities/call-capability.ts';
import { messageReceipt } from '../capabilities/contracts.ts';
import { pluginIdempotencyKey } from '../capabilities/plugin-idempotency-key.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { readDebtorRecord } from '../debtors/debtor-records.ts';
import type { CapabilityInstallation } from '../marketplace/index.ts';
import { DomainError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { type DebtorMessageRow, messageColumns, presentMessage } from './message-store.ts';
import { toE164 } from './phone-number.ts';

export interface MessageRequest {
  debtorId: string;
  channel: MessageInput['channel'];
  text: string;
  /** E.164; default the debtor's phone number. */
  to?: string;
  /** The message-channel installation; default the tenant's first. */
  installationId?: string;
  /** The client's Idempotency-Key, when it sent one. */
  requestKey?: string;
}

/** A message the provider took, and what core stores of it. */
export interface SentMessage {
  id: string;
  tenantId: string;
  debtor: DebtorRecord;
  installation: CapabilityInstallation;
  channel: MessageInput['channel'];
  to: string;
  text: string;
  idempotencyKey: string;
  receipt: MessageReceipt;
}

/**
 * Sends a debtor an SMS or WhatsApp message through the tenant's message-channel plugin, in two steps
 * so that no transaction is open during the plugin call (the route's `idempotentCall` runs them).
 * `sendMessage`:
 * 1. the debtor, and the number: `to`, else the debtor's phone in E.164 (422 naming `phone` when
 *    it has none or it cannot be read as one);
 * 2. the installation, which must have been granted `debtors:read`: it learns the phone number;
 * 3. `send` with an idempotency key: from the client's Idempotency-Key when it sent one (a retry after
 *    a failed send reaches the provider with the same key), else the message id. A failed call throws
 *    and leaves nothing behind: the collector retries (with the same key) or not;
 * `storeMessage`:
 * 4. the message stored with the provider's receipt. A receipt saying `failed` is stored as such: the
 *    provider took the message and refused it.
 */
export async function sendMessage(
  deps: CapabilityDeps,
  tenantId: string,
  request: MessageRequest,
): Promise<SentMessage> {
  const debtor = await readAsTenant(deps.orm, tenantId, (read) => readDebtorRecord(read, request.debtorId));
  const to = request.to ?? recipient(debtor.phone, debtor.country);

  const installation = await grantedInstallation(deps, tenantId, 'messageChannel', request.installationId, [
    'debtors:read',
  ]);

  const id = newId('message');
  const idempotencyKey = pluginIdempotencyKey('msg', tenantId, debtor.id, request.requestKey, id);
  const { value: receipt } = await callCapability<'messageChannel', MessageReceipt>(
    deps,
    tenantId,
    {
      capability: 'messageChannel',
      operation: 'send',
      input: { to, channel: request.channel, text: request.text, idempotencyKey } satisfies MessageInput,
      installationId: installation.id,
    },
    messageReceipt,
  );
  return {
    id,
    tenantId,
    debtor,
    installation,
    channel: request.channel,
    to,
    text: request.text,
    idempotencyKey,
    receipt,
  };
}

/** Stores a message the provider took, with its receipt, in the caller's transaction. */
export async function storeMessage(em: EntityManager, sent: SentMessage) {
  const { debtor, installation, receipt } = sent;
  const [row] = await em.execute<DebtorMessageRow[]>(
    `insert into debtor_message (id, tenant_id, administration_id, debtor_id, installation_id, plugin,
       channel, "to", text, idempotency_key, status, provider_message_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning ${messageColumns}`,
    [
      sent.id,
      sent.tenantId,
      debtor.administrationId,
      debtor.id,
      installation.id,
      installation.plugin,
      sent.channel,
      sent.to,
      sent.text,
      sent.idempotencyKey,
      receipt.status,
      receipt.providerMessageId,
    ],
  );
  return presentMessage(row as DebtorMessageRow);
}

function recipient(phone: string | null | undefined, country: string | null | undefined): string {
  if (!phone) {
    throw new DomainError('debtor_phone_missing', 422, 'The debtor has no phone number; give `to`', {
      field: 'phone',
    });
  }
  const number = toE164(phone, country);
  if (!number) {
    throw new DomainError(
      'debtor_phone_invalid',
      422,
      `The debtor's phone "${phone}" cannot be read as an E.164 number${country ? '' : ' (the debtor has no country)'}; correct it or give \`to\``,
      { field: 'phone' },
    );
  }
  return number;
}
