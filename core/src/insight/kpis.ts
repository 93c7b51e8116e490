import type { EntityManager } from '@mikro-orm/postgresql';
import { invalid } from '../shared/errors.ts';
import { convertIngredients } from './convert-figures.ts';
import { countBackMonths } from './count-back-months.ts';
import type { GroupBy, InsightScope } from './insight-scope.ts';
import {
  averageDaysDelinquent,
  bestPossibleDso,
  cei,
  countBackDso,
  dso,
  overdueShare,
  rounded,
} from './kpi-formulas.ts';
import {
  type CurrencyIngredients,
  type DisputeFigures,
  daysIn,
  disputeFigures,
  type Period,
  promiseOutcomes,
  receivableSums,
} from './kpi-ledger.ts';
import { type Conversion, ratesOn } from './rates.ts';

export interface KpiQuery extends InsightScope, Period {
  /** Convert every currency into this one at the tenant's rates valid on `to` (rates.ts); none: per currency. */
  convertTo?: string;
}

/** One currency's KPIs for the period (docs/insight.md has each formula). Days and percentages to one decimal. */
export interface CurrencyKpis {
  currency: string;
  receivables: { beginning: number; ending: number; endingCurrent: number; endingPastDue: number };
  creditSales: number;
  days: number;
  dso: number | null;
  countBackDso: number | null;
  /** The count back used up 24 months of sales before the receivables: `countBackDso` is a lower bound. */
  countBackExhausted: boolean;
  bestPossibleDso: number | null;
  averageDaysDelinquent: number | null;
  cei: number | null;
  overdueShare: number | null;
}

export interface Kpis extends Period {
  /** Per currency, in code order: amounts in different currencies are never added, unless converted. */
  currencies: CurrencyKpis[];
  /** null: per currency; else the target, the date and the rates the sums were converted with. */
  conversion: Conversion | null;
  /** Promises whose promised date is in the period: kept, broken, and the kept share in percent. */
  promises: { kept: number; broken: number; keptRate: number | null };
  disputes: DisputeFigures;
}

/** The longest period KPIs are computed for: ten years. */
const MAX_DAYS = 3660;

/** The KPIs of `scope` for the period, per currency, read under the caller's row-level security. */
export async function kpis(em: EntityManager, query: KpiQuery): Promise<Kpis> {
  const groups = await kpisByGroup(em, query, 'all');
  return groups.get('') ?? emptyKpis(query);
}

/**
 * The same split by `groupBy` (insight-scope.ts): one `Kpis` per group that has documents, promises or
 * disputes in scope, keyed by the group's key (the administration's, segment's, debtor's id, the
 * collector's subject; '' for debtors without a segment or collector). Each query groups once.
 */
export async function kpisByGroup(
  em: EntityManager,
  query: KpiQuery,
  groupBy: GroupBy,
): Promise<Map<string, Kpis>> {
  const { from, to, convertTo, ...scope } = query;
  const period = { from, to };
  checkPeriod(period);
  const ingredients = await receivableSums(em, scope, period, countBackMonths(to), groupBy);
  const conversion = convertTo
    ? await ratesOn(
        em,
        convertTo,
        to,
        ingredients.map((i) => i.currency),
      )
    : null;
  const promises = await promiseOutcomes(em, scope, period, groupBy);
  const disputes = await disputeFigures(em, scope, period, groupBy);
  const keys = new Set([...ingredients.map((i) => i.group), ...promises.keys(), ...disputes.keys()]);
  const groups = new Map<string, Kpis>();
  for (const key of [...keys].sort()) {
    const { kept, broken } = promises.get(key) ?? { kept: 0, broken: 0 };
    groups.set(key, {
      from,
      to,
      currencies: groupKpis(
        ingredients.filter((i) => i.group === key),
        conversion,
      ),
      conversion,
      promises: {
        kept,
        broken,
        keptRate: kept + broken > 0 ? rounded((kept / (kept + broken)) * 100) : null,
      },
      disputes: disputes.get(key) ?? NO_DISPUTES,
    });
  }
  return groups;
}

/** A group's KPIs per currency, or, converted, in the one target currency. */
function groupKpis(list: CurrencyIngredients[], conversion: Conversion | null): CurrencyKpis[] {
  if (conversion) {
    const converted = convertIngredients(list, conversion);
    return converted ? [currencyKpis(converted)] : [];
  }
  return list.map(currencyKpis).sort((a, b) => a.currency.localeCompare(b.currency));
}

const NO_DISPUTES: DisputeFigures = {
  opened: 0,
  resolved: 0,
  averageDaysToResolve: null,
  open: 0,
  averageOpenAgeDays: null,
};

/** KPIs of a period with nothing in scope. */
export function emptyKpis(period: Period): Kpis {
  return {
    from: period.from,
    to: period.to,
    currencies: [],
    conversion: null,
    promises: { kept: 0, broken: 0, keptRate: null },
    disputes: NO_DISPUTES,
  };
}

/** The KPIs of one currency's sums: also of sums converted to the reporting currency (rates). */
export function currencyKpis(k: CurrencyIngredients): CurrencyKpis {
  const countBack = countBackDso(k.ending, k.months);
  return {
    currency: k.currency,
    receivables: {
      beginning: k.beginning,
      ending: k.ending,
      endingCurrent: k.endingCurrent,
      endingPastDue: k.ending - k.endingCurrent,
    },
    creditSales: k.creditSales,
    days: k.days,
    dso: rounded(dso(k)),
    countBackDso: rounded(countBack.days),
    countBackExhausted: countBack.exhausted,
    bestPossibleDso: rounded(bestPossibleDso(k)),
    averageDaysDelinquent: rounded(averageDaysDelinquent(k)),
    cei: rounded(cei(k)),
    overdueShare: rounded(overdueShare(k)),
  };
}

/** `from` on or before `to`, at most ten years apart (400 naming the field). */
export function checkPeriod(period: Period): void {
  if (period.from > period.to) throw invalid('from', 'must not be after to');
  if (daysIn(period) > MAX_DAYS) throw invalid('from', `the period may be at most ${MAX_DAYS} days`);
}
