// Late-payment charges on the actions a run decides: a step that claims them, under a strategy with a
// charges policy, gets the charges module's amounts for the party's covered invoices at the as-of date.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DebtorType } from '../debtors/debtor-types.ts';
import { queryIn } from '../events/event-sql.ts';
import type { EventTransaction } from '../events/record-event.ts';
import {
  CHARGE_LANGUAGES,
  type ChargeableInvoice,
  type ChargeLanguage,
  type ChargesPolicy,
  type ChargesResult,
  computeCharges,
  earlierCharges,
  RateMissingError,
  type RateTables,
  type RestatedCharges,
  readRateTables,
  restateCharges,
} from '../late-charges/index.ts';
import type { ClaimedCharges, DecidedAction, Placement } from './evaluate-types.ts';
import type { Policy } from './run-policy.ts';
import type { RunSummary } from './run-store.ts';
import type { StrategyDefinition } from './strategy-definition.ts';

/** What a run charges with, read once: the tenant's rate tables and the administration's time zone. */
export interface RunCharges {
  rates: RateTables;
  timeZone: string;
}

/** A decided action whose step claims charges, with what computing them needs of its party. */
export interface ChargeClaim {
  action: DecidedAction;
  debtorType: DebtorType;
  policy: ChargesPolicy;
}

/** Why a claimed action went without charges: counted in the run summary's `chargesSkipped`. */
export type ChargesSkipReason = 'rate_missing';

/**
 * The rates, read once per run under the tenant, when a strategy of the policy claims charges; null
 * (nothing read) when none does.
 */
export async function prepareCharges(
  em: EntityManager,
  policy: Policy,
  timeZone: string,
): Promise<RunCharges | null> {
  const claims = [...policy.strategies.values()].some((strategy) => claimingPolicy(strategy.definition));
  return claims ? { rates: await readRateTables(em), timeZone } : null;
}

/** The claim of a decided action, when its step claims charges under a policy that charges something. Pure. */
export function chargeClaim(
  action: DecidedAction,
  placement: Placement,
  debtorType: DebtorType,
): ChargeClaim | null {
  const { definition } = placement.strategy;
  const policy = claimingPolicy(definition);
  const step = definition.steps[action.stepIndex - 1];
  return policy && step?.claimCharges ? { action, debtorType, policy } : null;
}

function claimingPolicy(definition: StrategyDefinition): ChargesPolicy | null {
  const policy = definition.charges;
  if (!policy || (policy.interest === 'none' && policy.compensation === 'none')) return null;
  return definition.steps.some((step) => step.claimCharges) ? policy : null;
}

/**
 * Charges a chunk's claimed actions, in the caller's tenant transaction:
 * 1. the 14-day letters of the claimants' episodes, in one statement (notice-dates below);
 * 2. per action, in Node, `computeCharges` on its invoices and credits at the as-of date, with the
 *    letter's date, in the reminder's language;
 * 3. restated against what the episode's sent reminders claimed (late-charges' ledger, one statement
 *    for the chunk): never below an earlier claim, a part waived in full not claimed again, what was
 *    paid or waived subtracted, so the reminder asks what is open;
 * 4. the result on the action (`charges`), its total added to `totalOpen`. The actions are the ones the
 *    run writes (and a dry run answers), so they are changed in place.
 * A half-year without a rate (RateMissingError) leaves that action without charges, counted in
 * `summary.chargesSkipped.rate_missing`; the run goes on.
 */
export async function chargeActions(
  tx: EventTransaction,
  run: RunCharges,
  claims: readonly ChargeClaim[],
  asOf: string,
  summary: RunSummary,
): Promise<void> {
  if (claims.length === 0) return;
  const notices = await noticeDates(tx, claims, run.timeZone);
  const earlier = await earlierCharges(
    tx,
    claims.map(({ action }) => ({ debtorId: action.debtorId, episode: action.episode })),
  );
  for (const { action, debtorType, policy } of claims) {
    const notice = notices.get(`${action.debtorId}:${action.episode}`) ?? null;
    let result: ChargesResult;
    try {
      result = computeCharges({
        debtorType,
        policy,
        invoices: documentsOf(action, asOf),
        noticeSentOn: notice?.on ?? null,
        asOf,
        rates: run.rates,
        language: chargeLanguage(action.language),
      });
    } catch (error) {
      if (!(error instanceof RateMissingError)) throw error;
      const skipped = summary.chargesSkipped ?? {};
      skipped.rate_missing = (skipped.rate_missing ?? 0) + 1;
      summary.chargesSkipped = skipped;
      continue;
    }
    const episodeKey = `${action.debtorId}:${action.episode}`;
    const restated = restateCharges(result, earlier.get(episodeKey) ?? [], action.language);
    action.charges = claimedCharges(result, notice, restated);
    action.totalOpen += action.charges.total;
  }
}

/**
 * The date of each claimant's 14-day letter in its episode: when the action of a step marked
 * `fourteenDayNotice` (in the strategy version it was taken under) was sent, as a date in the
 * administration's time zone; while it is still pending or sending, the day it was decided. A letter
 * that failed or was cancelled never reached the debtor and does not count.
 */
async function noticeDates(
  tx: EventTransaction,
  claims: readonly ChargeClaim[],
  timeZone: string,
): Promise<Map<string, { on: string; basis: 'sent' | 'decided' }>> {
  const rows = await queryIn<{ debtor_id: string; episode: number; sent_on: string | null; due_on: string }>(
    tx,
    `select a.debtor_id, a.episode, to_char(a.sent_at at time zone $3, 'YYYY-MM-DD') as sent_on,
       to_char(a.due_on, 'YYYY-MM-DD') as due_on
     from unnest($1::text[], $2::int[]) as p (debtor_id, episode)
     join dunning_action a on a.debtor_id = p.debtor_id and a.episode = p.episode
     join dunning_strategy_version v on v.strategy_id = a.strategy_id and v.version = a.strategy_version
     where a.status in ('pending', 'sending', 'sent')
       and v.definition -> 'steps' -> (a.step_index - 1) ->> 'fourteenDayNotice' = 'true'`,
    [claims.map((c) => c.action.debtorId), claims.map((c) => c.action.episode), timeZone],
  );
  const dates = new Map<string, { on: string; basis: 'sent' | 'decided' }>();
  for (const row of rows) {
    const notice = row.sent_on
      ? { on: row.sent_on, basis: 'sent' as const }
      : { on: row.due_on, basis: 'decided' as const };
    const key = `${row.debtor_id}:${row.episode}`;
    const known = dates.get(key);
    // One letter per episode; should a new strategy version have marked another step, the first counts.
    if (!known || notice.on < known.on) dates.set(key, notice);
  }
  return dates;
}

/**
 * The action's documents as the charges module takes them: its invoices, and its credits (credit notes
 * and unallocated payments, negative) deducted from the oldest overdue invoices first. A credit has no
 * due date that matters; it gets the as-of date.
 */
function documentsOf(action: DecidedAction, asOf: string): ChargeableInvoice[] {
  return [
    ...action.invoices.map((i) => ({
      id: i.invoiceId,
      number: i.number,
      dueDate: i.dueDate,
      openAmount: i.openAmount,
      currency: i.currency,
    })),
    ...action.credits.map((c) => ({
      id: c.id,
      number: c.reference,
      dueDate: asOf,
      openAmount: c.amount,
      currency: action.currency,
    })),
  ];
}

function chargeLanguage(language: string): ChargeLanguage {
  return CHARGE_LANGUAGES.find((known) => known === language) ?? 'en';
}

/**
 * What the action stores of a result restated against the episode's ledger: what is open (the totals
 * it asks), what the episode claims per part, the lines.
 */
export function claimedCharges(
  result: ChargesResult,
  notice: { on: string; basis: 'sent' | 'decided' } | null,
  restated: RestatedCharges,
): ClaimedCharges {
  const { totals, compensation } = result;
  const { open, settled } = restated;
  const parts = new Map(restated.invoices.map((i) => [i.invoiceId, i]));
  return {
    interest: open.interest,
    compensation: open.compensation,
    total: open.interest + open.compensation,
    claimCosts: restated.claimCosts,
    ...(settled.interest + settled.compensation > 0 ? { settled } : {}),
    explanation: restated.explanation,
    asOf: result.asOf,
    interestKind: result.interestBasis.kind,
    compensationKind: compensation.kind,
    principal: totals.principal,
    ...(compensation.withheld ? { withheld: compensation.withheld } : {}),
    ...(compensation.chargeableFrom ? { chargeableFrom: compensation.chargeableFrom } : {}),
    notice,
    invoices: result.invoices
      .filter((i) => i.status === 'charged')
      .map((i) => ({
        invoiceId: i.id,
        number: i.number,
        principal: i.principal,
        interest: parts.get(i.id)?.interest ?? i.interest.amount,
        compensation: parts.get(i.id)?.compensation ?? i.compensation,
      })),
  };
}
