import type { PoolClient } from 'pg';
import { getAdministration } from '../administrations/administration-service.ts';
import { businessDateSql } from '../administrations/business-date.ts';
import type { Orm } from '../db/orm.ts';
import { scopeTransaction, tenantEm } from '../db/tenant-scope.ts';
import { hasSubscriber } from '../events/has-subscriber.ts';
import { evaluateParty } from './evaluate-party.ts';
import type { DecidedAction } from './evaluate-types.ts';
import {
  type ChargeClaim,
  chargeActions,
  chargeClaim,
  prepareCharges,
  type RunCharges,
} from './run-charges.ts';
import { endHolds } from './run-holds.ts';
import { loadPolicy, type Policy, placeParty } from './run-policy.ts';
import {
  CHUNK_PARTIES,
  nextParties,
  type PortfolioScope,
  preparePortfolio,
  readChunk,
} from './run-portfolio.ts';
import {
  emptySummary,
  failInterruptedRuns,
  failRun,
  finishRun,
  type RunRow,
  type RunSummary,
  type RunTrigger,
  readRun,
  startRun,
} from './run-store.ts';
import { type PartyWrite, stateChanged } from './run-write.ts';
import { prepareRunWrites, writeRunChunk } from './run-write-copy.ts';

export interface RunInput {
  tenantId: string;
  administrationId: string;
  /** The business date to run as; default today in the administration's time zone. */
  asOf?: string;
  /** Decide and answer, write nothing but the run row. */
  dryRun: boolean;
  trigger: RunTrigger;
  /** The staff user (token subject) who started it; null for the schedule. */
  startedBy: string | null;
  /** Parties per chunk (one transaction each). */
  chunkSize?: number;
  /** How many decided actions a dry run answers. */
  sampleSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called after each chunk has committed (tests stop a run there). */
  afterChunk?: (chunk: number) => Promise<void> | void;
}

export interface RunResult {
  run: RunRow;
  /** A dry run's decided actions (the first `sampleSize`); empty for a real run. */
  actions: DecidedAction[];
}

/**
 * One dunning run of one administration, as a procedure:
 * 1. the as-of date (default the business date) and the run row, committed at once;
 * 2. manual holds past their end lifted, with a task for the collector (not in a dry run);
 * 3. the policy (strategies at their current versions, segments, default) read once, and the rates
 *    when a strategy claims late-payment charges;
 * 4. on a connection of its own, holding the administration's advisory lock for the whole run (a
 *    second run of the same administration waits, then finds every step of today taken): earlier runs
 *    left `running` marked failed (`interrupted`: they died, or they would hold the lock), then the
 *    portfolio's parties in temporary tables (run-portfolio.ts), and the staging tables of its writes;
 * 5. chunk by chunk, each in one tenant transaction: read the chunk's facts in five statements,
 *    evaluate each party (pure), charge the actions whose step claims charges (run-charges.ts), write
 *    actions and states: COPY into the staging tables, then one statement (run-write-copy.ts);
 * 6. the summary on the run row.
 * A run stopped anywhere is simply run again: committed chunks' actions exist under their keys and
 * their parties took today's step; the rest is done by the next run.
 */
export async function runDunning(deps: { orm: Orm }, input: RunInput): Promise<RunResult> {
  const em = tenantEm(deps.orm, input.tenantId);
  const administration = await getAdministration(em, input.administrationId);
  const asOf = input.asOf ?? (await businessDate(deps.orm, input.tenantId, input.administrationId));
  const runId = await startRun(em, input.tenantId, { ...input, asOf });
  const summary = emptySummary();
  const sample: DecidedAction[] = [];
  try {
    if (!input.dryRun) {
      summary.pausesEnded = await em.transactional((tx) =>
        endHolds(tx, input.tenantId, input.administrationId, asOf),
      );
    }
    const policy = await loadPolicy(em, input.administrationId);
    const charges = await prepareCharges(em, policy, administration.timeZone);
    const subscribed = await em.transactional((tx) => hasSubscriber(tx, 'dunning.action.created'));
    const scope = { administrationId: input.administrationId, asOf, currency: administration.currency };
    await withRunConnection(deps.orm, input, async (client) => {
      if (!input.dryRun) {
        await inTenant(client, input.tenantId, () =>
          failInterruptedRuns(client, input.administrationId, runId),
        );
      }
      const { parties: total, takenToday } = await inTenant(client, input.tenantId, async () => {
        if (!input.dryRun) await prepareRunWrites(client);
        return preparePortfolio(client, scope);
      });
      if (takenToday > 0) {
        summary.debtorsEvaluated += takenToday;
        summary.skipped.taken_today = takenToday;
      }
      input.onProgress?.(0, total);
      let after = '';
      for (let chunk = 1; ; chunk++) {
        const done = await inTenant(client, input.tenantId, async () => {
          const parties = await nextParties(client, after, input.chunkSize ?? CHUNK_PARTIES);
          if (parties.length === 0) return true;
          const writes = await decideChunk(
            client,
            scope,
            parties,
            { policy, charges },
            runId,
            summary,
            sample,
            input,
          );
          if (!input.dryRun) {
            const inserted = await writeRunChunk(client, writes, {
              administrationId: input.administrationId,
              runId,
              subscribed,
            });
            for (const { kind } of inserted)
              summary.actionsCreated[kind] = (summary.actionsCreated[kind] ?? 0) + 1;
          }
          after = parties.at(-1) as string;
          return false;
        });
        if (done) break;
        input.onProgress?.(summary.debtorsEvaluated, total);
        await input.afterChunk?.(chunk);
      }
    });
    await finishRun(em, runId, summary);
  } catch (error) {
    await failRun(em, runId, summary, error).catch(() => {});
    throw error;
  }
  return { run: await readRun(em, runId), actions: sample };
}

/** Evaluates a chunk's parties and answers what to write; counts into `summary`, samples into `sample`. */
async function decideChunk(
  client: PoolClient,
  scope: PortfolioScope,
  parties: string[],
  { policy, charges }: { policy: Policy; charges: RunCharges | null },
  runId: string,
  summary: RunSummary,
  sample: DecidedAction[],
  input: RunInput,
): Promise<PartyWrite[]> {
  const { facts, states } = await readChunk(client, scope, parties);
  const context = { asOf: scope.asOf, currency: scope.currency, trigger: 'run' as const, runId };
  const writes: PartyWrite[] = [];
  const claims: ChargeClaim[] = [];
  for (const partyId of parties) {
    const party = facts.get(partyId);
    if (!party) continue;
    const state = states.get(partyId);
    const placement = placeParty(policy, party, state);
    const decision = evaluateParty(party, state ?? null, placement, context);
    summary.debtorsEvaluated++;
    if (decision.type === 'none' || decision.type === 'wait') {
      summary.skipped[decision.reason] = (summary.skipped[decision.reason] ?? 0) + 1;
    }
    if (decision.type === 'close') summary.episodesClosed++;
    if ((decision.type === 'wait' || decision.type === 'step') && decision.episodeStarted)
      summary.episodesStarted++;
    if (decision.type === 'step') {
      writes.push({ partyId, state: decision.state, action: decision.action });
      const claim = charges && placement && chargeClaim(decision.action, placement, party.type);
      if (claim) claims.push(claim);
      if (input.dryRun) {
        const kind = decision.action.kind;
        summary.actionsCreated[kind] = (summary.actionsCreated[kind] ?? 0) + 1;
        if (sample.length < (input.sampleSize ?? 100)) sample.push(decision.action);
      }
    } else if (decision.type !== 'none' && stateChanged(state, decision.state)) {
      writes.push({ partyId, state: decision.state, action: null });
    }
  }
  if (charges) await chargeActions(client, charges, claims, scope.asOf, summary);
  return writes;
}

async function businessDate(orm: Orm, tenantId: string, administrationId: string): Promise<string> {
  const [row] = await tenantEm(orm, tenantId).execute<{ today: string }[]>(
    `select ${businessDateSql('?')}::text as today`,
    [administrationId],
  );
  if (!row) throw new Error(`no business date for ${administrationId}`);
  return row.today;
}

/**
 * A pooled connection of the run's own, closed afterwards (its temporary tables and advisory lock go
 * with it, also when the process dies). A real run holds the administration's lock while it works.
 */
async function withRunConnection(
  orm: Orm,
  input: RunInput,
  work: (client: PoolClient) => Promise<void>,
): Promise<void> {
  const pool = await orm.em.getConnection().getNativeClient();
  const client = await pool.connect();
  try {
    if (!input.dryRun) {
      await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [
        `kredo_dunning:${input.tenantId}:${input.administrationId}`,
      ]);
    }
    await work(client);
  } finally {
    client.release(true);
  }
}

/** One transaction on `client` as the tenant, under row-level security (as withTenantClient does). */
async function inTenant<T>(client: PoolClient, tenantId: string, work: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    await scopeTransaction(client, tenantId);
    const result = await work();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
}
