import { queryIn } from '../events/event-sql.ts';
import type { EventTransaction } from '../events/record-event.ts';
import { recordEventsFrom } from '../events/record-events-from.ts';
import { newId } from '../shared/ids.ts';
import { actionRecordSql } from './action-record.ts';
import type { DecidedAction, PartyState } from './evaluate-types.ts';

/** The channel the delivery of pending actions listens on; notified when actions commit. */
export const DUNNING_CHANNEL = 'kredo_dunning';

/** One party's write: its new state, and the action that moves it there (if any). */
export interface PartyWrite {
  partyId: string;
  state: PartyState;
  action: DecidedAction | null;
}

export interface WriteContext {
  administrationId: string;
  runId: string | null;
  /** Recorded on manual actions. */
  createdBy?: string | null;
  manual?: boolean;
  /** For a manual action already sent by hand: stored as `sent`. */
  alreadySent?: boolean;
  /** Whether an installation subscribes to `dunning.action.created` (asked once per run). */
  subscribed: boolean;
}

/** What a step leaves for the channels to do: a stop has nothing to deliver. */
const statusOf = (action: DecidedAction, context: WriteContext) =>
  action.kind === 'stop' ? 'skipped' : context.alreadySent ? 'sent' : 'pending';

/**
 * Writes decisions sent as JSON (a manual action's; a run's chunks go by COPY, run-write-copy.ts) in one
 * statement (chunkWriteSql), in the caller's tenant transaction, on either kind of transaction: the actions
 * (`on conflict (tenant_id, idempotency_key) do nothing`) and the parties' states, where a state that
 * comes with an action moves only if its action was inserted here. So a rerun, or a second run at once,
 * neither doubles an action nor moves a state twice. Then, when something was inserted, the
 * `kredo_dunning` notification and, if subscribed, `dunning.action.created` per action. Returns the
 * inserted actions' ids and kinds.
 */
export async function writeChunk(
  tx: EventTransaction,
  writes: readonly PartyWrite[],
  context: WriteContext,
): Promise<{ id: string; kind: string }[]> {
  if (writes.length === 0) return [];
  const actions = writes.flatMap(({ action }) => (action ? [actionColumns(action, context)] : []));
  const states = writes.map(stateRecord);
  const inserted = await queryIn<{ id: string; kind: string }>(
    tx,
    chunkWriteSql(
      `select * from jsonb_to_recordset($5::jsonb) as a (id text, debtor_id text, episode int, strategy_id text,
         strategy_version int, step_index int, step_name text, kind text, idempotency_key text, status text,
         due_on date, language text, currency text, total_open bigint, invoices jsonb, credits jsonb, charges jsonb,
         reason jsonb)`,
      `select * from jsonb_to_recordset($6::jsonb) as s (${STATE_RECORD})`,
    ),
    [...contextParams(context), JSON.stringify(actions), JSON.stringify(states)],
  );
  return afterChunkWrite(tx, inserted, context);
}

/** The columns of a party's state as the statement's `s` reads them (stateColumns, with `with_action`). */
export const STATE_RECORD = `party_id text, episode int, episode_started_on date, strategy_id text,
  strategy_version int, segment_id text, last_step int, last_step_on date, next_step int, next_due_on date,
  closed_on date, with_action boolean`;

/** `$1`…`$4` of chunkWriteSql: the administration, the run, and how a manual action was recorded. */
export const contextParams = (context: WriteContext) => [
  context.administrationId,
  context.runId,
  context.manual ?? false,
  context.createdBy ?? null,
];

/**
 * The one statement that writes a chunk: the actions selected by `actions` (the columns of
 * `dunning_action` a decision fills, by name) inserted `on conflict (tenant_id, idempotency_key) do
 * nothing`, and the states selected by `states` (STATE_RECORD) upserted, where a state that comes with an
 * action moves only if its action was inserted here. Answers the inserted actions' ids and kinds.
 */
export function chunkWriteSql(actions: string, states: string): string {
  return `with a as (${actions}),
     ins as (
       insert into dunning_action (tenant_id, id, administration_id, debtor_id, run_id, episode, strategy_id,
         strategy_version, step_index, step_name, kind, idempotency_key, status, due_on, language, currency,
         total_open, invoices, credits, charges, reason, manual, created_by, sent_at)
       select current_setting('kredo.tenant_id'), a.id, $1, a.debtor_id, $2, a.episode, a.strategy_id,
         a.strategy_version, a.step_index, a.step_name, a.kind, a.idempotency_key, a.status, a.due_on, a.language,
         a.currency, a.total_open, a.invoices, a.credits, a.charges, a.reason, $3, $4,
         case when a.status = 'sent' then now() end
       from a
       on conflict (tenant_id, idempotency_key) do nothing
       returning id, debtor_id, kind),
     s as (${states}),
     moved as (
       insert into dunning_state (tenant_id, administration_id, debtor_id, episode, episode_started_on, strategy_id,
         strategy_version, segment_id, last_step, last_step_on, next_step, next_due_on, closed_on)
       select current_setting('kredo.tenant_id'), $1, s.party_id, s.episode, s.episode_started_on, s.strategy_id,
         s.strategy_version, s.segment_id, s.last_step, s.last_step_on, s.next_step, s.next_due_on, s.closed_on
       from s
       where not s.with_action or s.party_id in (select debtor_id from ins)
       on conflict (tenant_id, debtor_id) do update set episode = excluded.episode,
         episode_started_on = excluded.episode_started_on, strategy_id = excluded.strategy_id,
         strategy_version = excluded.strategy_version, segment_id = excluded.segment_id,
         last_step = excluded.last_step, last_step_on = excluded.last_step_on, next_step = excluded.next_step,
         next_due_on = excluded.next_due_on, closed_on = excluded.closed_on, updated_at = now()
       returning 1)
     select id, kind from ins`;
}

/**
 * After a chunk's statement, when something was inserted: the `kredo_dunning` notification and, if
 * subscribed, `dunning.action.created` per action. Answers `inserted`.
 */
export async function afterChunkWrite(
  tx: EventTransaction,
  inserted: { id: string; kind: string }[],
  context: WriteContext,
): Promise<{ id: string; kind: string }[]> {
  if (inserted.length > 0) {
    await queryIn(tx, "select pg_notify($1, current_setting('kredo.tenant_id'))", [DUNNING_CHANNEL]);
    if (context.subscribed) {
      await recordEventsFrom(
        tx,
        'dunning.action.created',
        `select jsonb_build_object('action', ${actionRecordSql('x')}) as payload
         from dunning_action x where x.id = any($1::text[]) order by x.id`,
        [inserted.map((row) => row.id)],
      );
    }
  }
  return inserted;
}

/** A new action as the statement's `a` record reads it, under a new id. */
export function actionColumns(action: DecidedAction, context: WriteContext) {
  return {
    id: newId('dunningAction'),
    debtor_id: action.debtorId,
    episode: action.episode,
    strategy_id: action.strategyId,
    strategy_version: action.strategyVersion,
    step_index: action.stepIndex,
    step_name: action.stepName,
    kind: action.kind,
    idempotency_key: action.idempotencyKey,
    status: statusOf(action, context),
    due_on: action.dueOn,
    language: action.language,
    currency: action.currency,
    total_open: action.totalOpen,
    invoices: action.invoices,
    credits: action.credits,
    charges: action.charges ?? null,
    reason: action.reason,
  };
}

/** A party's write as the statement's `s` record (STATE_RECORD) reads it. */
export const stateRecord = ({ partyId, state, action }: PartyWrite) => ({
  party_id: partyId,
  ...stateColumns(state),
  with_action: action !== null,
});

/** A party's state as the statement's `s` record reads it. */
function stateColumns(state: PartyState) {
  return {
    episode: state.episode,
    episode_started_on: state.episodeStartedOn,
    strategy_id: state.strategyId,
    strategy_version: state.strategyVersion,
    segment_id: state.segmentId,
    last_step: state.lastStep,
    last_step_on: state.lastStepOn,
    next_step: state.nextStep,
    next_due_on: state.nextDueOn,
    closed_on: state.closedOn,
  };
}

/** Whether storing `next` would change `previous`: unchanged states are not written. */
export function stateChanged(previous: PartyState | undefined, next: PartyState): boolean {
  if (!previous) return true;
  return JSON.stringify(stateColumns(previous)) !== JSON.stringify(stateColumns(next));
}
