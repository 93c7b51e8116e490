import type { DunningActionRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateSql } from '../administrations/business-date.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { hasSubscriber, recordEvent } from '../events/index.ts';
import { readInvoiceRecords } from '../invoices/invoice-records.ts';
import { createTask } from '../tasks/index.ts';
import { claimSentCharges } from './claim-sent-charges.ts';
import { deliverCollection } from './deliver-collection.ts';
import { deliverEmail } from './deliver-email.ts';
import { deliverLetter } from './deliver-letter.ts';
import { deliverMessage } from './deliver-message.ts';
import { failureTask, stepTask } from './deliver-task.ts';
import type { DeliveryAction } from './delivery-action.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { type DeliveryError, deliveryError } from './delivery-failure.ts';
import type { DeliveryOutcome, DeliveryTask } from './delivery-outcome.ts';
import { finishAction, startAttempt } from './delivery-store.ts';

/** Thrown for graphile-worker to retry the job with its backoff; the action shows the error meanwhile. */
export class RetryDelivery extends Error {
  override name = 'RetryDelivery';
  constructor(readonly error: DeliveryError) {
    super(`${error.code}: ${error.message}`);
  }
}

export type DeliveryResult =
  | { status: 'not_pending' }
  | { status: DeliveryOutcome['status'] }
  | { status: 'failed'; error: DeliveryError };

/**
 * Delivers one decided action (the `dunning_deliver` job):
 * 1. start the attempt: `sending`, attempts + 1, committed before anything goes out; an action no
 *    longer pending or sending (a duplicate job, a delivery that already finished) is left alone;
 * 2. skip it when every invoice it covers was paid or closed since the run decided it;
 * 3. deliver by kind: e-mail, letter, SMS / WhatsApp, collection hand-off, a task for phone-call and
 *    manual steps (and for a channel no plugin provides), nothing for `stop`;
 * 4. record the outcome in one transaction: status, `delivery`, `sent_at`, the task, what the
 *    channel's owner stores, the charges a message that went claims (late-charges' ledger), and
 *    `dunning.message.sent` for it;
 * on failure: a retryable one (SMTP 4xx, a plugin out of time) goes back to `pending` with
 * `last_error` and is retried with backoff until the last attempt; a permanent one (SMTP 5xx, no
 * address, a refusal) or the last attempt makes the action `failed`, with `last_error` and a task for
 * the collector.
 * Exactly once: the action is the outbox row; a crash before step 4 leaves it `sending`, and the job's
 * retry (or the poll) delivers it again, with the same Message-ID and plugin idempotency key. Between
 * "the server accepted it" and step 4's commit, that retry sends a second copy with the same
 * Message-ID, which mail clients fold into one; a plugin receives the same idempotency key.
 */
export async function deliverAction(
  deps: DeliveryDeps,
  job: { tenantId: string; actionId: string; lastAttempt: boolean },
): Promise<DeliveryResult> {
  const em = tenantEm(deps.orm, job.tenantId);
  const action = await em.transactional((tx) => startAttempt(tx, job.actionId));
  if (!action) return { status: 'not_pending' };
  try {
    const outcome = (await nothingLeftToAsk(deps, action)) ?? (await deliverByKind(deps, action));
    await em.transactional((tx) => recordOutcome(tx, action, outcome));
    return { status: outcome.status };
  } catch (thrown) {
    const error = deliveryError(thrown);
    if (error.retryable && !job.lastAttempt) {
      await em.transactional((tx) => finishAction(tx, action.id, { status: 'pending', error }));
      throw new RetryDelivery(error);
    }
    await em.transactional(async (tx) => {
      await finishAction(tx, action.id, { status: 'failed', error });
      await putTask(tx, action, failureTask(action, error));
    });
    return { status: 'failed', error };
  }
}

function deliverByKind(
  deps: DeliveryDeps,
  action: DeliveryAction,
): Promise<DeliveryOutcome> | DeliveryOutcome {
  switch (action.kind) {
    case 'email':
      return deliverEmail(deps, action);
    case 'letter':
      return deliverLetter(deps, action);
    case 'sms':
    case 'whatsapp':
      return deliverMessage(deps, action as DeliveryAction & { kind: 'sms' | 'whatsapp' });
    case 'collection':
      return deliverCollection(deps, action);
    case 'phone_call':
    case 'manual_task':
      return stepTask(action as DeliveryAction & { kind: 'phone_call' | 'manual_task' });
    case 'stop':
      return { status: 'skipped', delivery: { reason: 'stop', message: 'The strategy ends here' } };
  }
}

/** Step 2: the covered invoices as they are now; none still open means there is nothing to ask. */
async function nothingLeftToAsk(deps: DeliveryDeps, action: DeliveryAction): Promise<DeliveryOutcome | null> {
  if (action.kind === 'stop' || action.invoices.length === 0) return null;
  const invoices = await readAsTenant(deps.orm, action.tenantId, (em) =>
    readInvoiceRecords(
      em,
      action.invoices.map((i) => i.invoiceId),
    ),
  );
  const open = invoices.filter((i) => i.status === 'open' && i.openAmount.amount > 0);
  if (open.length > 0) return null;
  return {
    status: 'skipped',
    delivery: { reason: 'paid', message: 'Every invoice it covers was paid or closed before it went' },
  };
}

async function recordOutcome(
  tx: EntityManager,
  action: DeliveryAction,
  outcome: DeliveryOutcome,
): Promise<void> {
  let delivery = outcome.delivery;
  if (outcome.status === 'task_created') {
    delivery = { ...delivery, taskId: await putTask(tx, action, outcome.task) };
  }
  if (outcome.status === 'sent' && outcome.write) delivery = { ...delivery, ...(await outcome.write(tx)) };
  await finishAction(tx, action.id, { status: outcome.status, delivery, error: null });
  // The debtor was told of the charges the reminder states: they are owed from now on.
  if (outcome.status === 'sent' && outcome.channel !== 'collection') await claimSentCharges(tx, action);
  if (
    outcome.status === 'sent' &&
    outcome.channel !== 'collection' &&
    (await hasSubscriber(tx, 'dunning.message.sent'))
  ) {
    await recordEvent(tx, action.tenantId, 'dunning.message.sent', {
      action: actionRecord(action),
      channel: outcome.channel,
      messageId: outcome.messageId,
    });
  }
}

async function putTask(tx: EntityManager, action: DeliveryAction, task: DeliveryTask): Promise<string> {
  const [{ today } = { today: action.dueOn }] = await tx.execute<{ today: string }[]>(
    `select to_char(${businessDateSql('?')}, 'YYYY-MM-DD') as today`,
    [action.administrationId],
  );
  const { id } = await createTask(tx, action.tenantId, {
    administrationId: action.administrationId,
    debtorId: action.debtorId,
    kind: task.kind,
    title: task.title,
    body: task.body,
    dueOn: today,
    sourceType: 'dunning_action',
    sourceId: action.id,
    idempotencyKey: `dunning_action:${action.id}:${task.kind}`,
  });
  return id;
}

/** The SDK's view of the action (sdk/src/records.ts DunningActionRecord). */
function actionRecord(action: DeliveryAction): DunningActionRecord {
  return {
    id: action.id,
    administrationId: action.administrationId,
    debtorId: action.debtorId,
    kind: action.kind,
    step: action.stepName,
    strategyId: action.strategyId,
    strategyVersion: action.strategyVersion,
    episode: action.episode,
    dueOn: action.dueOn,
    language: action.language,
    totalOpen: { amount: action.totalOpen, currency: action.currency },
    invoices: action.invoices.map((i) => ({
      invoiceId: i.invoiceId,
      number: i.number,
      dueDate: i.dueDate,
      daysOverdue: i.daysOverdue,
      openAmount: { amount: i.openAmount, currency: i.currency },
    })),
  };
}
