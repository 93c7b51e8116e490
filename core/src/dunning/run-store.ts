import type { EntityManager } from '@mikro-orm/postgresql';
import type { PoolClient } from 'pg';
import { notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { SkipReason } from './evaluate-types.ts';
import type { ChargesSkipReason } from './run-charges.ts';

export type RunTrigger = 'schedule' | 'api' | 'cli';

/** What a run did, as the CLI prints it and the API answers it. */
export interface RunSummary {
  debtorsEvaluated: number;
  actionsCreated: Record<string, number>;
  skipped: Partial<Record<SkipReason | 'foreign_currency', number>>;
  episodesStarted: number;
  episodesClosed: number;
  pausesEnded: number;
  /** Actions whose step claims charges but that went without them, by reason (run-charges.ts). */
  chargesSkipped?: Partial<Record<ChargesSkipReason, number>>;
}

export interface RunRow {
  id: string;
  administrationId: string;
  asOf: string;
  dryRun: boolean;
  trigger: RunTrigger;
  status: 'running' | 'succeeded' | 'failed';
  startedBy: string | null;
  summary: RunSummary | null;
  error: { code?: 'interrupted'; message: string } | null;
  startedAt: Date;
  finishedAt: Date | null;
}

interface Columns {
  id: string;
  administration_id: string;
  as_of: string;
  dry_run: boolean;
  trigger: RunTrigger;
  status: RunRow['status'];
  started_by: string | null;
  summary: RunSummary | null;
  error: { code?: 'interrupted'; message: string } | null;
  started_at: Date;
  finished_at: Date | null;
}

const SELECT = `select id, administration_id, as_of::text, dry_run, trigger, status, started_by, summary, error,
  started_at, finished_at from dunning_run`;

const fromColumns = (c: Columns): RunRow => ({
  id: c.id,
  administrationId: c.administration_id,
  asOf: c.as_of,
  dryRun: c.dry_run,
  trigger: c.trigger,
  status: c.status,
  startedBy: c.started_by,
  summary: c.summary,
  error: c.error,
  startedAt: new Date(c.started_at),
  finishedAt: c.finished_at ? new Date(c.finished_at) : null,
});

export const emptySummary = (): RunSummary => ({
  debtorsEvaluated: 0,
  actionsCreated: {},
  skipped: {},
  episodesStarted: 0,
  episodesClosed: 0,
  pausesEnded: 0,
});

/** Records a run as started (committed at once, so a run that dies shows as `running` with its start). */
export async function startRun(
  em: EntityManager,
  tenantId: string,
  run: {
    administrationId: string;
    asOf: string;
    dryRun: boolean;
    trigger: RunTrigger;
    startedBy: string | null;
  },
): Promise<string> {
  const id = newId('dunningRun');
  await em.execute(
    `insert into dunning_run (tenant_id, id, administration_id, as_of, dry_run, trigger, status, started_by)
     values (?, ?, ?, ?, ?, ?, 'running', ?)`,
    [tenantId, id, run.administrationId, run.asOf, run.dryRun, run.trigger, run.startedBy],
  );
  return id;
}

export async function finishRun(em: EntityManager, id: string, summary: RunSummary): Promise<void> {
  await em.execute(
    `update dunning_run set status = 'succeeded', summary = ?::jsonb, finished_at = now() where id = ?`,
    [JSON.stringify(summary), id],
  );
}

/**
 * Marks the administration's earlier runs still `running` as failed (`interrupted`): called by a run
 * holding the administration's advisory lock, which a live run would hold, so those died (a killed
 * process, a lost connection). Dry runs take no lock and are left alone. Answers how many.
 */
export async function failInterruptedRuns(
  client: PoolClient,
  administrationId: string,
  runId: string,
): Promise<number> {
  const { rowCount } = await client.query(
    `update dunning_run set status = 'failed', finished_at = now(),
       error = jsonb_build_object('code', 'interrupted', 'message',
         'The run stopped before it finished (its process or connection ended); ' || $3::text || ' took over its work')
     where administration_id = $1 and status = 'running' and not dry_run and id <> $2`,
    [administrationId, runId, runId],
  );
  return rowCount ?? 0;
}

export async function failRun(
  em: EntityManager,
  id: string,
  summary: RunSummary,
  error: unknown,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await em.execute(
    `update dunning_run set status = 'failed', summary = ?::jsonb, error = ?::jsonb, finished_at = now() where id = ?`,
    [JSON.stringify(summary), JSON.stringify({ message: message.slice(0, 2000) }), id],
  );
}

export async function readRun(em: EntityManager, id: string): Promise<RunRow> {
  const [row] = await em.execute<Columns[]>(`${SELECT} where id = ?`, [id]);
  if (!row) throw notFound('Dunning run', id);
  return fromColumns(row);
}

/** Runs newest first (ids are time-ordered): `after` is the last id of the previous page. */
export async function listRuns(
  em: EntityManager,
  filter: { administrationId?: string; after?: string; limit: number },
): Promise<RunRow[]> {
  const rows = await em.execute<Columns[]>(
    `${SELECT} where (?::text is null or administration_id = ?) and (?::text is null or id < ?)
     order by id desc limit ?`,
    [
      filter.administrationId ?? null,
      filter.administrationId ?? null,
      filter.after ?? null,
      filter.after ?? null,
      filter.limit + 1,
    ],
  );
  return rows.map(fromColumns);
}
