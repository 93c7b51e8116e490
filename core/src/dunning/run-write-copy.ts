import type { PoolClient } from 'pg';
import { type CopyValue, copyRows } from '../db/copy-rows.ts';
import { queryIn } from '../events/event-sql.ts';
import {
  actionColumns,
  afterChunkWrite,
  chunkWriteSql,
  contextParams,
  type PartyWrite,
  STATE_RECORD,
  stateRecord,
  type WriteContext,
} from './run-write.ts';

/**
 * How a run writes its chunks, on its own connection: each chunk's actions and states are streamed
 * with COPY into two temporary tables, emptied at every commit, and one statement inserts and upserts
 * from them (run-write.ts's `chunkWriteSql`, the statement a manual action sends its one row to as
 * JSON). Measured at 1,000,000 invoices, COPY costs PostgreSQL less than unpacking one JSON document
 * per chunk with `jsonb_to_recordset`, and keeps doing so at bigger chunks. The actions' invoice lists
 * go as JSON text: building them in SQL from the run's invoice table instead (the evaluator sending
 * only ids) cost more than parsing them.
 */

const ACTION_COLUMNS = [
  'id',
  'debtor_id',
  'episode',
  'strategy_id',
  'strategy_version',
  'step_index',
  'step_name',
  'kind',
  'idempotency_key',
  'status',
  'due_on',
  'language',
  'currency',
  'total_open',
  'invoices',
  'credits',
  'charges',
  'reason',
] as const;

const JSONB = new Set<string>(['invoices', 'credits', 'charges', 'reason']);
const jsonText = (value: unknown) => (value === null ? null : JSON.stringify(value));

const STATE_COLUMNS = [
  'party_id',
  'episode',
  'episode_started_on',
  'strategy_id',
  'strategy_version',
  'segment_id',
  'last_step',
  'last_step_on',
  'next_step',
  'next_due_on',
  'closed_on',
  'with_action',
] as const;

/**
 * Creates the run's two staging tables, in the run's tenant transaction (so that the role that writes
 * them owns them); they go with the connection.
 */
export async function prepareRunWrites(client: PoolClient): Promise<void> {
  await client.query('drop table if exists pg_temp.dunning_run_action, pg_temp.dunning_run_state');
  await client.query(
    `create temporary table dunning_run_action (id text, debtor_id text, episode int, strategy_id text,
       strategy_version int, step_index int, step_name text, kind text, idempotency_key text, status text,
       due_on date, language text, currency text, total_open bigint, invoices jsonb, credits jsonb, charges jsonb,
       reason jsonb) on commit delete rows`,
  );
  await client.query(`create temporary table dunning_run_state (${STATE_RECORD}) on commit delete rows`);
}

/**
 * Writes a chunk of a run's decisions as writeChunk does (the same statement, so the same guarantees:
 * `on conflict do nothing` on the idempotency key, a state moving only with its inserted action), with
 * the rows sent by COPY. In the caller's tenant transaction on the run's connection, after
 * prepareRunWrites. Returns the inserted actions' ids and kinds.
 */
export async function writeRunChunk(
  client: PoolClient,
  writes: readonly PartyWrite[],
  context: WriteContext,
): Promise<{ id: string; kind: string }[]> {
  if (writes.length === 0) return [];
  const actions: CopyValue[][] = [];
  for (const { action } of writes) {
    if (!action) continue;
    const columns: Record<string, unknown> = actionColumns(action, context);
    // jsonb columns go as JSON text (copyRows would take an empty array for a PostgreSQL array).
    actions.push(
      ACTION_COLUMNS.map((c) => (JSONB.has(c) ? jsonText(columns[c]) : (columns[c] as CopyValue))),
    );
  }
  const states = writes.map((write) => {
    const columns: Record<string, CopyValue> = stateRecord(write);
    return STATE_COLUMNS.map((column) => columns[column]);
  });
  await copyRows(client, 'pg_temp.dunning_run_action', [...ACTION_COLUMNS], actions);
  await copyRows(client, 'pg_temp.dunning_run_state', [...STATE_COLUMNS], states);
  const inserted = await queryIn<{ id: string; kind: string }>(
    client,
    chunkWriteSql(
      `select ${ACTION_COLUMNS.join(', ')} from pg_temp.dunning_run_action`,
      'select * from pg_temp.dunning_run_state',
    ),
    contextParams(context),
  );
  return afterChunkWrite(client, inserted, context);
}
