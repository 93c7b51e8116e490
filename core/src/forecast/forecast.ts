import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOf, getAdministration } from '../administrations/index.ts';
import { openDisputedInvoicesSql } from '../disputes/index.ts';
import { receivablesSql } from '../invoices/overdue-rule.ts';
import { outstandingArrangements } from '../promises/index.ts';
import { type PaymentDelays, paymentDelays } from '../risk/index.ts';
import { addDays } from '../shared/iso-date.ts';
import { type OpenItem, placeReceipts, type Receipt } from './place-receipts.ts';

/** The forecast's reach: 13 ISO weeks (Monday to Sunday), the first the one holding the business date. */
export const FORECAST_WEEKS = 13;

export type Granularity = 'day' | 'week';

export interface ForecastRequest {
  administrationId: string;
  /** Default the administration's currency. Only items in this currency are counted: currencies are never added. */
  currency?: string;
  granularity: Granularity;
  /** The business date to forecast from; default the administration's today. */
  asOf?: string;
}

/** What arrives in one period, in minor units of the forecast's currency. */
export interface ForecastPeriod {
  /** First and last day (inclusive). */
  start: string;
  end: string;
  /** The expected receipts: the sum of `invoices`, `overdue`, `promises` and `plans`. */
  expected: number;
  invoices: number;
  /** Invoices whose expected date had passed, caught up on the business date (only the first day or week). */
  overdue: number;
  promises: number;
  plans: number;
  /** Invoices in an open dispute: a separate series, not in `expected`. */
  disputed: number;
}

export interface Forecast {
  administrationId: string;
  currency: string;
  asOf: string;
  granularity: Granularity;
  /** The first and last day of the forecast: the business date, and the Sunday of the 13th week. */
  from: string;
  to: string;
  periods: ForecastPeriod[];
  total: { expected: number; disputed: number };
  /** What is expected after `to` (invoices due later, later instalments). */
  beyondHorizon: { expected: number; disputed: number };
  /** The days beyond terms used for debtors without history, and how many debtors had their own. */
  behaviour: { administrationDaysBeyondTerms: number | null; debtorsWithHistory: number };
}

/**
 * The cash-flow forecast of one administration in one currency (docs/forecast.md), in the caller's
 * tenant-scoped (read) transaction:
 * 1. the administration, its currency and business date;
 * 2. the facts: open invoices (open amount above zero) with whether a dispute holds them, the open
 *    promises and active plans with what is still due of them, and the debtors' payment delays;
 * 3. where each amount lands (place-receipts.ts, pure);
 * 4. summed per day or per ISO week.
 */
export async function forecast(em: EntityManager, request: ForecastRequest): Promise<Forecast> {
  const administration = await getAdministration(em, request.administrationId);
  const currency = request.currency ?? administration.currency;
  const today = request.asOf ?? (await businessDateOf(em, administration.id));
  const { receipts, delays } = await expectedReceipts(em, administration.id, currency, today);
  const weeks = forecastWeeks(today);
  const from = today;
  const to = (weeks.at(-1) as { end: string }).end;
  const periods = (request.granularity === 'day' ? daysBetween(from, to) : weeks).map(emptyPeriod);
  const periodOf = new Map<string, ForecastPeriod>();
  for (const period of periods) {
    for (let day = period.start; day <= period.end; day = addDays(day, 1)) periodOf.set(day, period);
  }
  const beyondHorizon = { expected: 0, disputed: 0 };
  for (const receipt of receipts) {
    const period = periodOf.get(receipt.on);
    if (period) addTo(period, receipt);
    else if (receipt.kind === 'disputed') beyondHorizon.disputed += receipt.amount;
    else beyondHorizon.expected += receipt.amount;
  }
  return {
    administrationId: administration.id,
    currency,
    asOf: today,
    granularity: request.granularity,
    from,
    to,
    periods,
    total: {
      expected: periods.reduce((sum, p) => sum + p.expected, 0),
      disputed: periods.reduce((sum, p) => sum + p.disputed, 0),
    },
    beyondHorizon,
    behaviour: {
      administrationDaysBeyondTerms: delays.administration?.daysBeyondTerms ?? null,
      debtorsWithHistory: delays.byDebtor.size,
    },
  };
}

/** Steps 2 and 3: every amount the administration expects in `currency`, placed on its day. */
export async function expectedReceipts(
  em: EntityManager,
  administrationId: string,
  currency: string,
  today: string,
): Promise<{ receipts: Receipt[]; delays: PaymentDelays }> {
  // Unordered: the amounts are summed per day whatever their order (sorting 330,000 open invoices by id
  // cost a fifth of reading them).
  const invoices = await em.execute<
    { id: string; debtor_id: string; due_date: string; open_amount: string; disputed: boolean }[]
  >(
    `select i.id, i.debtor_id, to_char(i.due_date, 'YYYY-MM-DD') as due_date, i.open_amount,
       exists (select from ${openDisputedInvoicesSql('?')} d where d.invoice_id = i.id) as disputed
     from ${receivablesSql('?')} i where i.currency = ?`,
    [administrationId, administrationId, currency],
  );
  const delays = await paymentDelays(em, administrationId, today);
  const arrangements = await outstandingArrangements(em, administrationId, currency, today);
  const items: OpenItem[] = invoices.map((i) => ({
    id: i.id,
    debtorId: i.debtor_id,
    dueDate: i.due_date,
    openAmount: Number(i.open_amount),
    disputed: i.disputed,
  }));
  const receipts = placeReceipts({
    today,
    invoices: items,
    arrangements,
    debtorDelays: new Map([...delays.byDebtor].map(([id, delay]) => [id, delay.daysBeyondTerms])),
    fallbackDelay: delays.administration?.daysBeyondTerms ?? null,
  });
  return { receipts, delays };
}

/** The 13 ISO weeks of the forecast: the first holds `today`. */
export function forecastWeeks(today: string): { start: string; end: string }[] {
  const weekday = (new Date(Date.parse(today)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = addDays(today, -weekday);
  return Array.from({ length: FORECAST_WEEKS }, (_, week) => ({
    start: addDays(monday, 7 * week),
    end: addDays(monday, 7 * week + 6),
  }));
}

function daysBetween(from: string, to: string): { start: string; end: string }[] {
  const days: { start: string; end: string }[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push({ start: day, end: day });
  return days;
}

function emptyPeriod(range: { start: string; end: string }): ForecastPeriod {
  return { ...range, expected: 0, invoices: 0, overdue: 0, promises: 0, plans: 0, disputed: 0 };
}

function addTo(period: ForecastPeriod, receipt: Receipt): void {
  if (receipt.kind === 'disputed') {
    period.disputed += receipt.amount;
    return;
  }
  period.expected += receipt.amount;
  if (receipt.kind === 'invoice') period.invoices += receipt.amount;
  else if (receipt.kind === 'overdue') period.overdue += receipt.amount;
  else if (receipt.kind === 'promise') period.promises += receipt.amount;
  else period.plans += receipt.amount;
}
