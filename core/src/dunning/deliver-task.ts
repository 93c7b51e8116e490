import type { DeliveryAction } from './delivery-action.ts';
import type { DeliveryOutcome, DeliveryTask } from './delivery-outcome.ts';
import { reminderFormat } from './reminder-format.ts';

/** Phone-call and manual steps are work for the collector: a task on the action list, titled by the step. */
export function stepTask(action: DeliveryAction & { kind: 'phone_call' | 'manual_task' }): DeliveryOutcome {
  const kind = action.kind === 'phone_call' ? 'phone_call' : 'manual';
  return {
    status: 'task_created',
    task: { kind, title: action.stepName, body: taskBody(action) },
    delivery: { channel: kind },
  };
}

/** A message or hand-off no plugin can carry: a task telling the collector to do it another way. */
export function channelUnavailable(action: DeliveryAction, reason: string): DeliveryOutcome {
  return {
    status: 'task_created',
    task: {
      kind: 'channel_unavailable',
      title: `${action.stepName}: ${action.kind} cannot be sent`.slice(0, 500),
      body: `${reason}, so this ${action.kind} step was not sent. Contact the debtor another way, or install a plugin for the channel.\n\n${taskBody(action)}`,
    },
    delivery: { channel: action.kind, unavailable: reason },
  };
}

/** The task for a reminder that could not go (no address, a refusal): the collector sees why on the action. */
export function failureTask(action: DeliveryAction, error: { code: string; message: string }): DeliveryTask {
  return {
    kind: 'dunning_failed',
    title: `${action.stepName}: ${action.kind} failed (${error.code})`.slice(0, 500),
    body: `${error.message}\n\n${taskBody(action)}`,
  };
}

/** The invoices the action covers, one line each, then the amount asked and why the action exists. */
export function taskBody(action: DeliveryAction): string {
  const format = reminderFormat('en', action.currency);
  const lines = action.invoices.map(
    (i) => `${i.number}  due ${i.dueDate} (${i.daysOverdue} days overdue)  ${format.money(i.openAmount)}`,
  );
  for (const c of action.credits)
    lines.push(
      `${c.kind === 'credit_note' ? 'Credit note' : 'Unallocated payment'} ${c.reference}  ${format.money(c.amount)}`,
    );
  if (action.charges) lines.push(`Charges  ${format.money(action.charges.total)}`);
  lines.push(`Total asked  ${format.money(action.totalOpen)}`, '', action.reason?.summary ?? '');
  return lines.join('\n').trim().slice(0, 10_000);
}
