import type { Orm } from '../db/orm.ts';
import type { MessageKind } from './default-templates.ts';
import type { DeliveryAction } from './delivery-action.ts';
import { type ReminderSources, readReminderSources } from './reminder-facts.ts';
import { type RenderedReminder, renderReminder } from './reminder-render.ts';
import { DEFAULT_PAY_WITHIN_DAYS, type ReminderExtras, reminderView } from './reminder-view.ts';
import type { ReminderView } from './template-variables.ts';

export interface ReminderForAction {
  sources: ReminderSources;
  view: ReminderView;
  rendered: RenderedReminder;
}

/**
 * One action's reminder for a channel: its sources read, the view built, the template rendered. The
 * collector is only a user id until the identity issue, so the view's collector is the
 * administration's reply-to address (with no name).
 */
export async function reminderForAction(
  orm: Orm,
  action: DeliveryAction,
  kind: MessageKind,
  extras: ReminderExtras,
  read?: ReminderSources,
): Promise<ReminderForAction> {
  const sources = read ?? (await readReminderSources(orm, action));
  const view = reminderView({
    action,
    sender: sources.sender,
    addressee: { ...sources.debtor, contactName: sources.recipient.contactName },
    payWithinDays: sources.step.payWithinDays ?? DEFAULT_PAY_WITHIN_DAYS,
    announcesCosts: sources.step.announcesCosts,
    extras,
    collector: { name: '', email: sources.sender.replyTo ?? '' },
  });
  const rendered = await renderReminder(kind, sources.step, action.language, view);
  return { sources, view, rendered };
}

/** The links and lines a delivered action recorded, to print it again exactly (a letter's PDF). */
export function recordedExtras(action: DeliveryAction): ReminderExtras {
  const delivery = action.delivery ?? {};
  return {
    links: Array.isArray(delivery.links) ? (delivery.links as ReminderExtras['links']) : [],
    lines: Array.isArray(delivery.lines) ? (delivery.lines as string[]) : [],
  };
}
