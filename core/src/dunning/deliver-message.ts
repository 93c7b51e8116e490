import { sendMessage, storeMessage } from '../messages/send-message.ts';
import { DomainError } from '../shared/errors.ts';
import { channelUnavailable } from './deliver-task.ts';
import type { DeliveryAction } from './delivery-action.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { DeliveryFailure } from './delivery-failure.ts';
import type { DeliveryOutcome } from './delivery-outcome.ts';
import { composeReminder } from './reminder-compose.ts';
import { reminderForAction } from './reminder-for-action.ts';

/**
 * An SMS or WhatsApp reminder through the tenant's message-channel plugin (messages/send-message.ts),
 * its idempotency key derived from the action id, so a retry reaches the provider with the same key.
 * The message is stored with the action's outcome. No plugin: a task saying so.
 */
export async function deliverMessage(
  deps: DeliveryDeps,
  action: DeliveryAction & { kind: 'sms' | 'whatsapp' },
): Promise<DeliveryOutcome> {
  const composition = await composeReminder(deps, action, action.kind);
  const { rendered } = await reminderForAction(deps.orm, action, action.kind, composition);
  const text = rendered.text.slice(0, 1600);
  try {
    const sent = await sendMessage(deps, action.tenantId, {
      debtorId: action.debtorId,
      channel: action.kind,
      text,
      requestKey: `dunning:${action.id}`,
    });
    return {
      status: 'sent',
      channel: action.kind,
      messageId: sent.receipt.providerMessageId ?? null,
      delivery: {
        channel: action.kind,
        to: sent.to,
        installationId: sent.installation.id,
        plugin: sent.installation.plugin,
        idempotencyKey: sent.idempotencyKey,
        providerStatus: sent.receipt.status,
        messageId: sent.receipt.providerMessageId ?? null,
        links: composition.links,
        lines: composition.lines,
        problems: composition.problems,
      },
      write: async (em) => ({ debtorMessageId: (await storeMessage(em, sent)).id }),
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'capability_not_installed') {
      return channelUnavailable(action, 'No message-channel plugin is installed');
    }
    if (
      error instanceof DomainError &&
      (error.code === 'debtor_phone_missing' || error.code === 'debtor_phone_invalid')
    ) {
      throw new DeliveryFailure('no_phone_number', error.message);
    }
    throw error;
  }
}
