import type { EntityManager } from '@mikro-orm/postgresql';
import { readDebtor } from '../debtors/debtor-service.ts';
import { Joi } from '../shared/joi.ts';
import { instant, isoDate, named, prefixedId } from '../shared/schemas.ts';
import { PAUSE_KINDS } from './pauses.ts';
import { partyOf, todayIn } from './state-party.ts';
import type { StrategyDefinition } from './strategy-definition.ts';

export const pauseView = named(
  'DunningPause',
  Joi.object({
    id: prefixedId('dps').required(),
    debtorId: prefixedId('dbt').required(),
    invoiceId: prefixedId('inv').allow(null).required().description('null: the whole debtor is held'),
    kind: Joi.string()
      .valid(...PAUSE_KINDS)
      .required(),
    sourceId: Joi.string().allow(null).required().description('The dispute, promise or plan it stands for'),
    reason: Joi.string().allow(null).required(),
    startsOn: isoDate.required(),
    endsOn: isoDate.allow(null).required().description('The last day it holds; null: until lifted'),
    liftedAt: instant.allow(null).required(),
    liftedBecause: Joi.string().valid('ended', 'broken', 'resolved', 'cancelled').allow(null).required(),
    createdBy: Joi.string().allow(null).required(),
    createdAt: instant.required(),
  }),
);

export interface PauseColumns {
  id: string;
  debtor_id: string;
  invoice_id: string | null;
  kind: string;
  source_id: string | null;
  reason: string | null;
  starts_on: string;
  ends_on: string | null;
  lifted_at: Date | null;
  lifted_because: string | null;
  created_by: string | null;
  created_at: Date;
}

export const PAUSE_COLUMNS = `id, debtor_id, invoice_id, kind, source_id, reason, starts_on::text, ends_on::text,
  lifted_at, lifted_because, created_by, created_at`;

export function presentPause(p: PauseColumns) {
  return {
    id: p.id,
    debtorId: p.debtor_id,
    invoiceId: p.invoice_id,
    kind: p.kind,
    sourceId: p.source_id,
    reason: p.reason,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    liftedAt: p.lifted_at,
    liftedBecause: p.lifted_because,
    createdBy: p.created_by,
    createdAt: p.created_at,
  };
}

const stepRef = Joi.object({
  index: Joi.number().integer().required(),
  name: Joi.string().allow(null).required(),
});

export const dunningStateView = named(
  'DebtorDunningState',
  Joi.object({
    debtorId: prefixedId('dbt').required(),
    dunnedAs: prefixedId('dbt')
      .required()
      .description('The party dunned: the debtor, or the parent of its group'),
    episode: Joi.object({
      number: Joi.number().integer().required(),
      startedOn: isoDate.required(),
      closedOn: isoDate.allow(null).required(),
      strategy: Joi.object({
        id: prefixedId('dst').required(),
        name: Joi.string().allow(null).required(),
        version: Joi.number().integer().required().description('The version of the last step taken'),
        currentVersion: Joi.number().integer().allow(null).required(),
      }).required(),
      segmentId: prefixedId('dsg').allow(null).required(),
      lastStep: stepRef.keys({ on: isoDate.required() }).allow(null).required(),
      nextStep: stepRef
        .keys({ dueOn: isoDate.allow(null).required() })
        .allow(null)
        .required(),
    })
      .allow(null)
      .required()
      .description('null: never dunned'),
    activePauses: Joi.array().items(pauseView).required(),
  }),
);

/**
 * Where a debtor stands in dunning: the party it is dunned as, its episode (strategy and version, last
 * step, next step and its date) and the pauses holding it or its invoices today.
 */
export async function readDunningState(em: EntityManager, debtorId: string) {
  const debtor = await readDebtor(em, debtorId);
  const partyId = await partyOf(em, debtor.administrationId, debtorId);
  const today = await todayIn(em, debtor.administrationId);
  const [state] = await em.execute<
    {
      episode: number;
      episode_started_on: string;
      closed_on: string | null;
      strategy_id: string;
      strategy_version: number;
      segment_id: string | null;
      last_step: number | null;
      last_step_on: string | null;
      next_step: number | null;
      next_due_on: string | null;
      name: string | null;
      current_version: number | null;
      definition: StrategyDefinition | null;
    }[]
  >(
    `select s.episode, s.episode_started_on::text, s.closed_on::text, s.strategy_id, s.strategy_version, s.segment_id,
       s.last_step, s.last_step_on::text, s.next_step, s.next_due_on::text, d.name, d.current_version, v.definition
     from dunning_state s
     left join dunning_strategy d on d.id = s.strategy_id
     left join dunning_strategy_version v on v.strategy_id = d.id and v.version = d.current_version
     where s.debtor_id = ?`,
    [partyId],
  );
  const pauses = await em.execute<PauseColumns[]>(
    `select ${PAUSE_COLUMNS} from dunning_pause
     where debtor_id in (?, ?) and lifted_at is null and starts_on <= ? and (ends_on is null or ends_on >= ?)
     order by id`,
    [debtorId, partyId, today, today],
  );
  const stepName = (index: number | null) =>
    index === null ? null : (state?.definition?.steps[index - 1]?.name ?? null);
  return {
    debtorId,
    dunnedAs: partyId,
    episode: state
      ? {
          number: state.episode,
          startedOn: state.episode_started_on,
          closedOn: state.closed_on,
          strategy: {
            id: state.strategy_id,
            name: state.name,
            version: state.strategy_version,
            currentVersion: state.current_version,
          },
          segmentId: state.segment_id,
          lastStep:
            state.last_step === null
              ? null
              : { index: state.last_step, name: stepName(state.last_step), on: state.last_step_on as string },
          nextStep:
            state.next_step === null
              ? null
              : { index: state.next_step, name: stepName(state.next_step), dueOn: state.next_due_on },
        }
      : null,
    activePauses: pauses.map(presentPause),
  };
}
