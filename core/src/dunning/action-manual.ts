import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/administration-service.ts';
import { readDebtor } from '../debtors/debtor-service.ts';
import { hasSubscriber } from '../events/has-subscriber.ts';
import { conflict, DomainError, invalid } from '../shared/errors.ts';
import { readAction } from './action-store.ts';
import { claimSentCharges } from './claim-sent-charges.ts';
import { decideAction, newEpisode, nextStepIndex, stepDate } from './evaluate-party.ts';
import type { PartyState } from './evaluate-types.ts';
import { chargeActions, chargeClaim, prepareCharges } from './run-charges.ts';
import { loadPolicy, placeParty } from './run-policy.ts';
import { readChunk } from './run-portfolio.ts';
import { emptySummary } from './run-store.ts';
import { writeChunk } from './run-write.ts';
import { partyOf, todayIn } from './state-party.ts';
import type { Step, StepAction } from './strategy-definition.ts';

export interface ManualActionInput {
  /** The step it stands for: its 1-based index or its name, in the current version of the party's strategy. */
  step: number | string;
  /** How it was (or is to be) done, when not the step's own action. */
  channel?: StepAction;
  note?: string;
  /** Done already (a letter posted by hand): stored as `sent`, nothing is delivered. */
  alreadySent?: boolean;
}

/**
 * Records an action by hand, counting as the step it stands for: the same idempotency key as the run's
 * (so the run will not take that step again in this episode), the party's state moved as the run
 * would move it, in the caller's transaction, with the step's charges as a run would compute them
 * (run-charges.ts). Pending for the channels to deliver unless already sent.
 * 422 `nothing_overdue` / `no_strategy`, 409 `duplicate` when the step was taken in this episode.
 */
export async function recordManualAction(
  em: EntityManager,
  debtorId: string,
  input: ManualActionInput,
  createdBy: string,
) {
  const debtor = await readDebtor(em, debtorId);
  const administrationId = debtor.administrationId;
  const { currency, timeZone } = await getAdministration(em, administrationId);
  const asOf = await todayIn(em, administrationId);
  const partyId = await partyOf(em, administrationId, debtorId);
  const policy = await loadPolicy(em, administrationId);
  const scope = { administrationId, asOf, currency };
  const { facts, states } = await readChunk(em, scope, [partyId], { partyMap: 'fragment' });
  const party = facts.get(partyId);
  const state = states.get(partyId);
  const placement = party ? placeParty(policy, party, state) : null;
  if (!party || !placement) {
    throw new DomainError(
      'no_strategy',
      422,
      'No segment matches the debtor and there is no default strategy',
    );
  }
  const active = party.invoices.filter((invoice) => !invoice.paused);
  if (active.length === 0)
    throw new DomainError('nothing_overdue', 422, 'The debtor has no overdue invoice to dun');
  const { definition } = placement.strategy;
  const index =
    typeof input.step === 'number'
      ? input.step
      : definition.steps.findIndex((s) => s.name.toLowerCase() === String(input.step).toLowerCase()) + 1;
  const step = definition.steps[index - 1];
  if (!step) throw invalid('step', `strategy ${placement.strategy.name} has no step ${input.step}`);
  const open = state !== undefined && state.closedOn === null;
  const base: PartyState = open ? state : newEpisode(state, placement, asOf);
  const taken: Step = { ...step, action: input.channel ?? step.action };
  const totalOpen = [...active, ...party.credits].reduce(
    (sum, x) => sum + ('openAmount' in x ? x.openAmount : x.amount),
    0,
  );
  const context = { asOf, currency, trigger: 'manual' as const, runId: null };
  const action = decideAction(party, placement, base.episode, index, taken, active, totalOpen, context);
  if (input.note) action.reason.note = input.note;
  // A step that claims charges claims them by hand too, as a run would today (none when a rate is missing).
  const claim = chargeClaim(action, placement, party.type);
  const charges = claim && (await prepareCharges(em, policy, timeZone));
  if (claim && charges) await chargeActions(em, charges, [claim], asOf, emptySummary());
  const following = nextStepIndex(definition, party, index);
  const followingStep = following === null ? undefined : definition.steps[following - 1];
  const moved: PartyState = {
    ...base,
    strategyVersion: placement.strategy.version,
    lastStep: index,
    lastStepOn: asOf,
    nextStep: following,
    nextDueOn: followingStep ? stepDate(followingStep, action.reason.oldestDueDate, asOf) : null,
  };
  const inserted = await writeChunk(em, [{ partyId, state: moved, action }], {
    administrationId,
    runId: null,
    manual: true,
    createdBy,
    alreadySent: input.alreadySent,
    subscribed: await hasSubscriber(em, 'dunning.action.created'),
  });
  const [created] = inserted;
  if (!created) {
    throw conflict('duplicate', `Step ${index} was already taken in episode ${base.episode}`, {
      idempotencyKey: action.idempotencyKey,
    });
  }
  // Sent by hand: the debtor was told of the charges, which are owed from now on.
  if (input.alreadySent) await claimSentCharges(em, { ...action, id: created.id, administrationId });
  return readAction(em, created.id);
}
