import type { EntityManager } from '@mikro-orm/postgresql';
import { type ActionStatus, DELIVERY_ACTION_COLUMNS, type DeliveryAction } from './delivery-action.ts';

/**
 * The delivery's reads and writes of `dunning_action` (the outbox the runs fill), each one statement in
 * the caller's transaction under the tenant's row-level security.
 */

type Row = Omit<DeliveryAction, 'totalOpen'> & { totalOpen: string | number };
const action = (row: Row): DeliveryAction => ({ ...row, totalOpen: Number(row.totalOpen) });

/** Actions waiting for delivery (and deliveries that stalled in `sending`), locked so concurrent pollers split them. */
export async function claimActionsToDeliver(
  em: EntityManager,
  options: { limit: number; stalledAfterSeconds: number },
): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from dunning_action
     where status = 'pending'
        or (status = 'sending' and updated_at < now() - make_interval(secs => ?))
     order by created_at limit ? for update skip locked`,
    [options.stalledAfterSeconds, options.limit],
  );
  return rows.map((row) => row.id);
}

/**
 * Step 1 of a delivery: the action marked `sending`, its attempt counted, committed before anything
 * goes out. Answers nothing when the action is no longer to deliver (sent, failed, a task, skipped,
 * cancelled): a duplicate job then does nothing.
 */
export async function startAttempt(em: EntityManager, id: string): Promise<DeliveryAction | undefined> {
  const [row] = await em.execute<Row[]>(
    `update dunning_action a set status = 'sending', attempts = a.attempts + 1, updated_at = now()
     where a.id = ? and a.status in ('pending', 'sending')
     returning ${DELIVERY_ACTION_COLUMNS}`,
    [id],
  );
  return row ? action(row) : undefined;
}

export async function readAction(em: EntityManager, id: string): Promise<DeliveryAction | undefined> {
  const [row] = await em.execute<Row[]>(
    `select ${DELIVERY_ACTION_COLUMNS} from dunning_action a where a.id = ?`,
    [id],
  );
  return row ? action(row) : undefined;
}

/**
 * Which actions are letters in a print batch: letter steps being sent or sent, and e-mail steps that
 * went as a letter because the debtor had no e-mail address (deliver-email.ts). SQL over `a`.
 */
export const PRINTED_LETTER_SQL = `((a.kind = 'letter' and a.status in ('sending', 'sent'))
  or (a.status = 'sent' and a.delivery ->> 'channel' = 'letter'))`;

/** A run's letters in the print batch (the route puts them in debtor order). */
export async function readRunLetters(em: EntityManager, runId: string): Promise<DeliveryAction[]> {
  const rows = await em.execute<Row[]>(
    `select ${DELIVERY_ACTION_COLUMNS} from dunning_action a
     where a.run_id = ? and ${PRINTED_LETTER_SQL}
     order by a.id`,
    [runId],
  );
  return rows.map(action);
}

/** Merges `patch` into the action's `delivery` (what was composed, what was sent), keeping what was there. */
export async function mergeDelivery(
  em: EntityManager,
  id: string,
  patch: Record<string, unknown>,
): Promise<void> {
  await em.execute(
    `update dunning_action set delivery = coalesce(delivery, '{}'::jsonb) || ?::jsonb, updated_at = now() where id = ?`,
    [JSON.stringify(patch), id],
  );
}

/** The last step: the outcome, the delivery record and, for a message that went, when. */
export async function finishAction(
  em: EntityManager,
  id: string,
  outcome: {
    status: Extract<ActionStatus, 'sent' | 'failed' | 'task_created' | 'skipped' | 'pending'>;
    delivery?: Record<string, unknown>;
    error?: { code: string; message: string } | null;
  },
): Promise<void> {
  await em.execute(
    `update dunning_action
     set status = ?, delivery = coalesce(delivery, '{}'::jsonb) || ?::jsonb,
         last_error = coalesce(?::jsonb, last_error),
         sent_at = case when ? = 'sent' then coalesce(sent_at, now()) else sent_at end,
         updated_at = now()
     where id = ?`,
    [
      outcome.status,
      JSON.stringify(outcome.delivery ?? {}),
      outcome.error ? JSON.stringify({ ...outcome.error, at: new Date().toISOString() }) : null,
      outcome.status,
      id,
    ],
  );
}

/**
 * The strategy step's definition as the run stored it (templates, pay-within days, fourteen-day notice),
 * and the strategy's charges policy. `stepIndex` is the action's: 1 is the first step (the JSON array
 * counts from 0).
 */
export async function readStepDefinition(
  em: EntityManager,
  strategyId: string,
  version: number,
  stepIndex: number,
): Promise<{ step: unknown; charges: unknown }> {
  const [row] = await em.execute<{ step: unknown; charges: unknown }[]>(
    `select definition -> 'steps' -> (?::int - 1) as step, definition -> 'charges' as charges
     from dunning_strategy_version where strategy_id = ? and version = ?`,
    [stepIndex, strategyId, version],
  );
  return { step: row?.step ?? null, charges: row?.charges ?? null };
}
