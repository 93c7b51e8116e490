import { createHash } from 'node:crypto';
import type { MessageInput, MessageReceipt } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type CapabilityDeps, callCapability, requireGrant } from '../capabilities/call-capability.ts';
import { messageReceipt } from '../capabilities/contracts.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { readDebtorRecords } from '../debtors/debtor-records.ts';
import { capabilityInstallation } from '../marketplace/index.ts';
import { DomainError, notFound } from '../shared/errors.ts';
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

/**
 * Sends a debtor an SMS or WhatsApp message through the tenant's message-channel plugin:
 * 1. the debtor, and the number: `to`, else the debtor's phone in E.164 (422 naming `phone` when
 *    it has none or it cannot be read as one);
 * 2. the installation, which must have been granted `debtors:read`: it learns the phone number;
 * 3. the message row, written `pending` first with its idempotency key: from the client's
 *    Idempotency-Key when it sent one (a retry after a failed send reaches the provider with the same
 *    key), else the message id;
 * 4. `send`, and the provider's receipt stored on the row. A failed call throws, and `em` being the
 *    request's transaction, leaves nothing behind: the collector retries (with the same key) or not.
 *    A receipt saying `failed` is stored as such: the provider took the message and refused it.
 */
export async function sendMessage(
  deps: CapabilityDeps,
  em: EntityManager,
  tenantId: string,
  request: MessageRequest,
) {
  const [debtor] = await readDebtorRecords(em, [request.debtorId]);
  if (!debtor) throw notFound('Debtor', request.debtorId);
  const to = request.to ?? recipient(debtor.phone, debtor.country);

  const installation = await readAsTenant(deps.orm, tenantId, (read) =>
    capabilityInstallation(read, 'messageChannel', request.installationId),
  );
  requireGrant(installation, 'debtors:read');

  const id = newId('message');
  const idempotencyKey = request.requestKey
    ? `msg:${createHash('sha256').update(`${tenantId}\n${debtor.id}\n${request.requestKey}`).digest('hex').slice(0, 40)}`
    : id;
  await em.execute(
    `insert into debtor_message (id, tenant_id, administration_id, debtor_id, installation_id, plugin,
       channel, "to", text, idempotency_key, status)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
    [
      id,
      tenantId,
      debtor.administrationId,
      debtor.id,
      installation.id,
      installation.plugin,
      request.channel,
      to,
      request.text,
      idempotencyKey,
    ],
  );

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
  const [row] = await em.execute<DebtorMessageRow[]>(
    `update debtor_message set status = ?, provider_message_id = ?, updated_at = now()
     where id = ? returning ${messageColumns}`,
    [receipt.status, receipt.providerMessageId, id],
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
