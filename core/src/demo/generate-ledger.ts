// Deterministic demo ledgers: the debtors and invoices of one Dutch administration, for the demo
// start-up, the import benchmark and tests. Both are lazy generators, so a million invoices stream
// through without being held in memory. The same options give the same records on every machine,
// and invoices generated with the same seed and debtorCount refer only to generated debtors.

import type { DebtorImportRow, InvoiceImportRow } from '../imports/import-rows.ts';
import { buildDebtor } from './build-debtor.ts';
import { buildInvoice, type DemoInvoice } from './build-invoice.ts';
import { previousWorkday, toDayNumber, todayIso, toIsoDate } from './dates.ts';
import { pickDebtor, planLedger, Role } from './ledger-plan.ts';
import { createRandom, deriveSeed } from './random.ts';

export interface DemoLedgerOptions {
  /** Any safe integer; the same seed gives the same ledger. Default 1. */
  seed?: number;
  /** Debtors in the administration. Default 500. */
  debtorCount?: number;
  /** The business date the ledger is aged against (`YYYY-MM-DD`). Default today (UTC): pin it for repeatable output. */
  today?: string;
  /** ISO 4217 code of the administration's currency, written on every document. Default EUR. */
  currency?: string;
}

export interface DemoInvoiceOptions extends DemoLedgerOptions {
  /** Invoices and credit notes to generate. Default 10,000. */
  count?: number;
}

/** Issue dates span the last ~14 months up to and including `today`. */
export const HISTORY_DAYS = 425;

interface Resolved {
  seed: number;
  debtorCount: number;
  today: string;
  currency: string;
  count: number;
}

/** Debtors in number order; every parent comes before its children. */
export function generateDebtors(
  options: DemoLedgerOptions = {},
): Generator<DebtorImportRow, void, undefined> {
  // Validation runs here, not inside the generator body, so bad options fail at the call.
  return debtors(resolve(options));
}

/**
 * Invoices and credit notes in issue-date order, numbered per issue year ("2026-000123"). About 5 %
 * are credit notes; open amounts reflect each debtor's payment behaviour as of `today`.
 */
export function generateInvoices(
  options: DemoInvoiceOptions = {},
): Generator<InvoiceImportRow, void, undefined> {
  return importRows(invoices(resolve(options)));
}

/**
 * The same documents with the day each invoice paid in full was paid: what the demo records as
 * payments, so its ledger has a payment history (KPIs, payment-behaviour scores, the forecast).
 */
export function generateInvoiceHistory(
  options: DemoInvoiceOptions = {},
): Generator<DemoInvoice, void, undefined> {
  return invoices(resolve(options));
}

function* importRows(documents: Iterable<DemoInvoice>): Generator<InvoiceImportRow, void, undefined> {
  for (const document of documents) yield document.invoice;
}

function* debtors(options: Resolved): Generator<DebtorImportRow, void, undefined> {
  const plan = planLedger(options.seed, options.debtorCount);
  const random = createRandom(deriveSeed(options.seed, 'debtors'));
  let groupBrand: string | undefined;
  for (let index = 0; index < plan.debtorCount; index++) {
    const role = plan.role[index];
    const built = buildDebtor(plan, index, random, role === Role.child ? groupBrand : undefined);
    if (role === Role.parent) groupBrand = built.brand;
    yield built.debtor;
  }
}

function* invoices(options: Resolved): Generator<DemoInvoice, void, undefined> {
  const plan = planLedger(options.seed, options.debtorCount);
  const random = createRandom(deriveSeed(options.seed, 'invoices'));
  const today = toDayNumber(options.today);
  const setting = { plan, today, currency: options.currency };
  const firstDay = today - HISTORY_DAYS + 1;
  let year = 0;
  let sequence = 0;
  for (let index = 0; index < options.count; index++) {
    // Spread evenly over the window in order, so issue dates never go backwards and a per-year
    // sequence gives unique numbers, as an ERP's numbering does.
    const issueDay = previousWorkday(firstDay + Math.floor((index * HISTORY_DAYS) / options.count));
    const issueYear = Number(toIsoDate(issueDay).slice(0, 4));
    if (issueYear !== year) {
      year = issueYear;
      sequence = 0;
    }
    sequence += 1;
    const slot = { debtor: pickDebtor(plan, random), issueDay, year, sequence, line: index + 2 };
    yield buildInvoice(setting, slot, random);
  }
}

function resolve(options: DemoInvoiceOptions): Resolved {
  const resolved: Resolved = {
    seed: options.seed ?? 1,
    debtorCount: options.debtorCount ?? 500,
    today: options.today ?? todayIso(),
    currency: options.currency ?? 'EUR',
    count: options.count ?? 10_000,
  };
  if (!Number.isSafeInteger(resolved.seed))
    throw new RangeError(`seed must be a safe integer, got ${resolved.seed}`);
  if (!Number.isSafeInteger(resolved.debtorCount) || resolved.debtorCount < 1) {
    throw new RangeError(`debtorCount must be a positive integer, got ${resolved.debtorCount}`);
  }
  if (!Number.isSafeInteger(resolved.count) || resolved.count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${resolved.count}`);
  }
  if (!/^[A-Z]{3}$/.test(resolved.currency)) {
    throw new RangeError(`currency must be an ISO 4217 code such as EUR, got "${resolved.currency}"`);
  }
  toDayNumber(resolved.today);
  return resolved;
}
