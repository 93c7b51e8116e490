// A debtor's late-payment charges at a date: interest per invoice, compensation on the claim, totals
// and the lines a reminder prints. Pure: the rates come in, nothing is read or written.
import type { DebtorType } from '../debtors/debtor-types.ts';
import { addDays } from './charge-dates.ts';
import { type ChargeLanguage, explainCharges } from './charge-explanation.ts';
import type { ChargesPolicy } from './charges-policy.ts';
import { type CompensationCharge, compensate } from './claim-compensation.ts';
import { computeInterest, type InterestResult } from './interest.ts';
import { type RateKind, type RateTables, rateLookup, rateThousandths } from './rate-table.ts';

/** An invoice or credit note (negative open amount) of the debtor, as the ledger has it. */
export interface ChargeableInvoice {
  id: string;
  number: string;
  dueDate: string;
  /** Minor units; negative for a credit note. */
  openAmount: number;
  currency: string;
}

export interface ChargesInput {
  debtorType: DebtorType;
  policy: ChargesPolicy;
  /** One currency; at least one document. */
  invoices: readonly ChargeableInvoice[];
  /** When the 14-day letter was sent, if it was. */
  noticeSentOn: string | null;
  /** The business date the charges are computed for, included. */
  asOf: string;
  rates: RateTables;
  /** The explanation's language; en by default. */
  language?: ChargeLanguage;
}

/**
 * - `charged`: overdue with principal left after credit notes;
 * - `credited`: overdue, but credit notes cover it;
 * - `not_due`: its due date is `asOf` or later;
 * - `credit_note`: a negative open amount, deducted from the oldest overdue invoices;
 * - `settled`: nothing open.
 */
export type InvoiceChargeStatus = 'charged' | 'credited' | 'not_due' | 'credit_note' | 'settled';

export interface InvoiceCharges {
  id: string;
  number: string;
  dueDate: string;
  openAmount: number;
  status: InvoiceChargeStatus;
  /** Minor units of credit notes deducted from this invoice. */
  creditApplied: number;
  /** Minor units interest and costs are charged on: the open amount less `creditApplied`. */
  principal: number;
  interest: InterestResult;
  /** Minor units of per-invoice compensation (EU fixed). */
  compensation: number;
}

/** Which interest applies, after the debtor's type is taken into account. */
export interface InterestBasis {
  kind: RateKind | 'fixed' | 'none';
  ratePercent?: number;
  compound: boolean;
  /** The policy asked for the commercial rate and the debtor is a consumer: art. 6:119 BW applied. */
  consumerRate: boolean;
}

export interface ChargesResult {
  currency: string;
  asOf: string;
  interestBasis: InterestBasis;
  invoices: InvoiceCharges[];
  compensation: CompensationCharge;
  totals: { principal: number; interest: number; compensation: number; total: number };
  /** "How it was computed", one line each, in `language`. */
  explanation: string[];
}

/**
 * The charges on a debtor's documents at `asOf`:
 * 1. Credit notes are deducted from the overdue invoices, oldest first, for the whole period: Kredo
 *    never charges interest on an amount later credited.
 * 2. Interest per charged invoice from the day after its due date (interest.ts), at the policy's
 *    rate; a consumer is never charged the commercial rate (art. 6:119a BW is for commercial
 *    transactions) but the art. 6:119 BW rate.
 * 3. Compensation: for a business, €40 per charged invoice or the WIK scale on the whole claim, as
 *    the policy says, without a letter; for a consumer, only the WIK scale and only on the invoices
 *    overdue when the 14-day letter was sent, once its term has passed (art. 6:96 lid 6 BW).
 * Throws RateMissingError when a half-year has no rate.
 */
export function computeCharges(input: ChargesInput): ChargesResult {
  const currency = oneCurrency(input.invoices);
  const invoices = applyCredits(input.invoices, input.asOf);
  const basis = interestBasis(input);
  const rateOn = rateSource(basis, input.rates);
  for (const invoice of invoices) {
    if (invoice.status !== 'charged' || !rateOn) continue;
    invoice.interest = computeInterest({
      principal: invoice.principal,
      from: addDays(invoice.dueDate, 1),
      asOf: input.asOf,
      rateOn,
      compound: basis.compound,
    });
  }
  const compensation = compensate(input, invoices, currency);
  const principal = sum(invoices.map((i) => i.principal));
  const interest = sum(invoices.map((i) => i.interest.amount));
  const result: Omit<ChargesResult, 'explanation'> = {
    currency,
    asOf: input.asOf,
    interestBasis: basis,
    invoices,
    compensation,
    totals: {
      principal,
      interest,
      compensation: compensation.amount,
      total: principal + interest + compensation.amount,
    },
  };
  return { ...result, explanation: explainCharges(result, input.language ?? 'en') };
}

function oneCurrency(invoices: readonly ChargeableInvoice[]): string {
  const currencies = new Set(invoices.map((i) => i.currency));
  const [currency] = currencies;
  if (currencies.size !== 1 || currency === undefined) {
    throw new RangeError(
      `computeCharges takes documents in one currency, got ${[...currencies].join(', ') || 'none'}`,
    );
  }
  for (const invoice of invoices) {
    if (!Number.isSafeInteger(invoice.openAmount)) {
      throw new RangeError(`open amount of ${invoice.number} must be an integer of minor units`);
    }
  }
  return currency;
}

function applyCredits(documents: readonly ChargeableInvoice[], asOf: string): InvoiceCharges[] {
  const none: InterestResult = { amount: 0, periods: [] };
  const rows: InvoiceCharges[] = documents.map((d) => ({
    id: d.id,
    number: d.number,
    dueDate: d.dueDate,
    openAmount: d.openAmount,
    status:
      d.openAmount < 0
        ? 'credit_note'
        : d.openAmount === 0
          ? 'settled'
          : d.dueDate >= asOf
            ? 'not_due'
            : 'charged',
    creditApplied: 0,
    principal: 0,
    interest: none,
    compensation: 0,
  }));
  let credit = -sum(rows.filter((r) => r.status === 'credit_note').map((r) => r.openAmount));
  const overdue = rows
    .filter((r) => r.status === 'charged')
    .sort((a, b) =>
      a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.number < b.number ? -1 : 1,
    );
  for (const row of overdue) {
    row.creditApplied = Math.min(credit, row.openAmount);
    credit -= row.creditApplied;
    row.principal = row.openAmount - row.creditApplied;
    if (row.principal === 0) row.status = 'credited';
  }
  return rows;
}

function interestBasis({ policy, debtorType }: ChargesInput): InterestBasis {
  const { interest } = policy;
  if (interest === 'none') return { kind: 'none', compound: false, consumerRate: false };
  if (typeof interest === 'object') {
    return {
      kind: 'fixed',
      ratePercent: interest.fixedRatePercent,
      compound: interest.compound ?? false,
      consumerRate: false,
    };
  }
  const consumerRate = interest === 'statutory_commercial' && debtorType === 'b2c';
  return { kind: consumerRate ? 'statutory' : interest, compound: true, consumerRate };
}

function rateSource(basis: InterestBasis, rates: RateTables): ((date: string) => number) | undefined {
  if (basis.kind === 'none') return undefined;
  if (basis.kind === 'fixed') {
    const rate = rateThousandths(basis.ratePercent ?? Number.NaN);
    return () => rate;
  }
  return rateLookup(basis.kind, rates[basis.kind]);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
