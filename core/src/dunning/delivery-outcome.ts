import type { ReminderChannel } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';

/** A task a delivery puts on the action list (kind phone_call, manual, channel_unavailable, dunning_failed). */
export interface DeliveryTask {
  kind: string;
  title: string;
  body: string;
}

/**
 * What delivering an action came to, recorded in one transaction (deliver-action.ts): the action's
 * status and `delivery`, a task, the `dunning.message.sent` event for a message that went, and what
 * the channel's owner stores (`write`: the message, the collection case) in that same transaction.
 */
export type DeliveryOutcome =
  | {
      status: 'sent';
      channel: ReminderChannel | 'collection';
      messageId: string | null;
      delivery: Record<string, unknown>;
      write?: (em: EntityManager) => Promise<Record<string, unknown> | undefined>;
    }
  | { status: 'task_created'; task: DeliveryTask; delivery: Record<string, unknown> }
  | { status: 'skipped'; delivery: Record<string, unknown> };
