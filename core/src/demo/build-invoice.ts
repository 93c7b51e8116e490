// One demo invoice or credit note. Whether it is still open on `today` follows from the debtor's
// payer behaviour and the document's age, so the ledger shows what a credit manager really sees:
// mostly paid history, a band not yet due, overdue invoices thinning out through the ageing
// buckets, partial payments and unused credit notes.

import type { InvoiceImportRow } from '../imports/import-rows.ts';
import { isoWeek, previousWorkday, toIsoDate } from './dates.ts';
import { dutchPaymentReference } from './identifiers.ts';
import { debtorNumber, Kind, type LedgerPlan, Payer, Size } from './ledger-plan.ts';
import { localeAt } from './locales.ts';
import type { Random } from './random.ts';

export interface InvoiceSlot {
  debtor: number;
  issueDay: number;
  /** Issue year and sequence within it: the document number. */
  year: number;
  sequence: number;
  line: number;
}

export interface InvoiceSetting {
  plan: LedgerPlan;
  today: number;
  currency: string;
}

const CREDIT_NOTE_SHARE = 0.05;

// Median net amount in euros and log-normal spread per kind of debtor: most invoices are modest,
// a long tail is large, as in any real receivables ledger.
const CONSUMER = { median: 89, sigma: 0.7 };
const PUBLIC_BODY = { median: 2600, sigma: 1.0 };
const BUSINESS_BY_SIZE = [
  { median: 420, sigma: 1.0 },
  { median: 1100, sigma: 1.0 },
  { median: 4200, sigma: 1.1 },
];

/** Days between due date and payment, per payer behaviour; null means not paid at all. */
type Delay = readonly [number, number] | null;
const DELAYS: Record<number, readonly (readonly [Delay, number])[] | undefined> = {
  [Payer.prompt]: [
    [[-10, 0], 0.5],
    [[1, 7], 0.35],
    [[8, 30], 0.13],
    [null, 0.02],
  ],
  [Payer.late]: [
    [[0, 14], 0.25],
    [[15, 45], 0.45],
    [[46, 120], 0.25],
    [null, 0.05],
  ],
  [Payer.poor]: [
    [[10, 60], 0.3],
    [[61, 150], 0.35],
    [[151, 400], 0.15],
    [null, 0.2],
  ],
};

const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december'.split('|');
const PRODUCTS =
  'installatiemateriaal|bouwmaterialen|verpakkingsmateriaal|reserveonderdelen|werkkleding|kantoorartikelen'.split(
    '|',
  );
const PROJECTS = 'Nieuwbouw Oost|Renovatie Stadhuis|De Kade|Fase 2'.split('|');
const CREDIT_REASONS =
  'retour goederen|prijsafspraak|dubbel gefactureerd|kwantumkorting|beschadigde levering'.split('|');

/** A generated document and, when it is paid in full by `today`, the day the money arrived. */
export interface DemoInvoice {
  invoice: InvoiceImportRow;
  /** `YYYY-MM-DD`, a workday; undefined for credit notes and for invoices still (partly) open. */
  paidOn: string | undefined;
}

export function buildInvoice(setting: InvoiceSetting, slot: InvoiceSlot, random: Random): DemoInvoice {
  const { plan, today } = setting;
  const kind = plan.kind[slot.debtor];
  const issueDate = toIsoDate(slot.issueDay);
  const creditNote = random.chance(CREDIT_NOTE_SHARE);
  const shape = amountShape(plan, slot.debtor);
  // Credit notes correct part of an invoice, so they are smaller.
  const net = netCents(shape.median * (creditNote ? 0.35 : 1), shape.sigma, random);
  const gross = net + Math.round((net * vatRate(plan, slot.debtor)) / 100);
  const invoice: InvoiceImportRow = {
    line: slot.line,
    number: `${slot.year}-${String(slot.sequence).padStart(6, '0')}`,
    documentType: creditNote ? 'credit_note' : 'invoice',
    debtorNumber: debtorNumber(slot.debtor),
    issueDate,
    dueDate: issueDate,
    amount: creditNote ? -gross : gross,
    openAmount: 0,
    currency: setting.currency,
  };

  if (creditNote) {
    // A credit note waits to be offset against a next invoice; older ones mostly have been.
    const open = random.chance(today - slot.issueDay < 45 ? 0.7 : 0.2);
    invoice.openAmount = open ? -partlyUsed(gross, random.chance(0.1), random) : 0;
    invoice.description = `Creditering: ${random.pick(CREDIT_REASONS)}`;
    return { invoice, paidOn: undefined };
  }

  const dueDay = slot.issueDay + (plan.term[slot.debtor] as number);
  invoice.dueDate = toIsoDate(dueDay);
  const delays = DELAYS[plan.payer[slot.debtor] as number];
  if (!delays) throw new Error(`no payment delays for payer class ${plan.payer[slot.debtor]}`);
  const delay = random.weighted(delays);
  // A few invoices of any debtor get stuck (disputed, lost in approval) and are never paid.
  const stuck = delay === null || random.chance(0.015);
  const payDay = stuck ? undefined : dueDay + random.int(delay[0], delay[1]);
  const paid = payDay !== undefined && payDay <= today;
  if (!paid) invoice.openAmount = partlyUsed(gross, random.chance(dueDay < today ? 0.12 : 0.03), random);

  const po = purchaseOrder(plan, slot, random);
  if (po !== undefined) invoice.poNumber = po;
  if (random.chance(kind === Kind.consumer ? 0.95 : 0.75)) {
    invoice.paymentReference = dutchPaymentReference(
      `${slot.year}${String(slot.sequence).padStart(11, '0')}`,
    );
  }
  invoice.description = describe(kind === Kind.consumer, slot.issueDay, issueDate, random);
  // Banks book on workdays: money due to arrive on a weekend is booked on the Friday before.
  return { invoice, paidOn: paid ? toIsoDate(previousWorkday(payDay)) : undefined };
}

/** The amount still open: all of it, or what is left after a partial payment of 10–90 %. */
function partlyUsed(gross: number, partial: boolean, random: Random): number {
  if (!partial) return gross;
  // Integer arithmetic: a share in tenths of an integer amount, floored, stays an integer.
  return gross - Math.floor((gross * random.int(1, 9)) / 10);
}

function amountShape(plan: LedgerPlan, debtor: number): { median: number; sigma: number } {
  if (plan.kind[debtor] === Kind.consumer) return CONSUMER;
  if (plan.kind[debtor] === Kind.publicBody) return PUBLIC_BODY;
  const shape = BUSINESS_BY_SIZE[plan.size[debtor] as number];
  if (!shape) throw new Error(`no amount shape for size class ${plan.size[debtor]}`);
  return shape;
}

function netCents(medianEuros: number, sigma: number, random: Random): number {
  // Clamp the tail so one draw cannot produce a billion-euro invoice.
  const z = Math.max(-3.5, Math.min(3.5, random.normal()));
  return Math.max(500, Math.round(medianEuros * Math.exp(sigma * z) * 100));
}

/** Dutch VAT for Dutch customers and consumers; reverse charge (0 %) for EU businesses abroad. */
function vatRate(plan: LedgerPlan, debtor: number): number {
  if (plan.kind[debtor] === Kind.consumer) return 21;
  return localeAt(plan.locale[debtor] as number).country === 'NL' ? 21 : 0;
}

function purchaseOrder(plan: LedgerPlan, slot: InvoiceSlot, random: Random): string | undefined {
  const kind = plan.kind[slot.debtor];
  if (kind === Kind.consumer) return undefined;
  const keyAccount = plan.size[slot.debtor] === Size.keyAccount;
  // Public bodies reject invoices without their order number; large buyers run SAP (45xxxxxxxx).
  if (kind === Kind.publicBody) return `INK-${slot.year}-${random.digits(5)}`;
  if (keyAccount) return random.chance(0.6) ? `45${random.digits(8)}` : undefined;
  return random.chance(0.25) ? `PO-${slot.year}-${random.digits(4)}` : undefined;
}

function describe(consumer: boolean, issueDay: number, issueDate: string, random: Random): string {
  const period = `${MONTHS[Number(issueDate.slice(5, 7)) - 1]} ${issueDate.slice(0, 4)}`;
  if (consumer) {
    const choice = random.int(0, 2);
    if (choice === 0) return `Webshopbestelling ${random.digits(6, false)}`;
    return choice === 1 ? 'Reparatie en onderdelen' : `Abonnement ${period}`;
  }
  // Some descriptions carry commas and quotes, as real ones do, so every export path must quote them.
  switch (random.int(0, 6)) {
    case 0:
      return `Levering ${random.pick(PRODUCTS)}`;
    case 1:
      return `Levering ${random.pick(PRODUCTS)}, deellevering ${random.int(1, 4)}`;
    case 2:
      return `Onderhoudscontract ${period}`;
    case 3:
      return `Werkzaamheden week ${isoWeek(issueDay)}`;
    case 4:
      return `Advieswerkzaamheden ${period}`;
    case 5:
      return `Huur materieel ${period}`;
    default:
      return `Meerwerk project "${random.pick(PROJECTS)}"`;
  }
}
