import { formatIban } from '../administrations/bank-account.ts';
import { wikCosts } from '../late-charges/index.ts';
import { addDays } from '../shared/iso-date.ts';
import type { DeliveryAction } from './delivery-action.ts';
import { reminderFormat } from './reminder-format.ts';
import { reminderWords } from './reminder-words.ts';
import type { ReminderView } from './template-variables.ts';

/** The sender: what the administration gives a reminder (administrations' sender fields). */
export interface ReminderSender {
  name: string;
  senderName: string | null;
  address: string[];
  iban: string | null;
  bic: string | null;
  accountHolder: string | null;
  replyTo: string | null;
  signature: string | null;
}

/** The addressee: the debtor and, when one is chosen, its contact. */
export interface ReminderAddressee {
  name: string;
  number: string;
  type: string;
  contactName: string | null;
}

/** What plugins and core's pay link added before the reminder goes (reminder-compose.ts). */
export interface ReminderExtras {
  links: { label: string; url: string }[];
  lines: string[];
}

export interface ReminderFacts {
  action: DeliveryAction;
  sender: ReminderSender;
  addressee: ReminderAddressee;
  /** The step's pay-within days: the pay-by date is this many days after the step's date. */
  payWithinDays: number;
  /** The step is the fourteen-day letter of a strategy charging collection costs (reminder-step.ts). */
  announcesCosts?: boolean;
  extras: ReminderExtras;
  collector: { name: string; email: string };
}

/** Days to pay when the step does not say: the fourteen days Dutch law asks of the last reminder. */
export const DEFAULT_PAY_WITHIN_DAYS = 14;

/**
 * The view a reminder template renders (template-variables.ts), built from the stored action: pure, so
 * what a debtor reads follows from the action alone. The total asked is the action's `total_open`
 * (invoices less credits, plus charges when the step claims them), never recomputed here.
 */
export function reminderView(facts: ReminderFacts): ReminderView {
  const { action, sender, addressee } = facts;
  const format = reminderFormat(action.language, action.currency);
  const words = reminderWords(action.language);
  const invoicesTotal = action.invoices.reduce((sum, i) => sum + i.openAmount, 0);
  const creditsTotal = action.credits.reduce((sum, c) => sum + c.amount, 0);
  const chargesTotal = action.charges?.total ?? 0;
  return {
    debtor: {
      name: addressee.name,
      number: addressee.number,
      type: addressee.type,
      contactName: addressee.contactName ?? addressee.name,
    },
    administration: {
      name: sender.name,
      senderName: sender.senderName ?? sender.name,
      address: sender.address,
      // Printed in groups of four, as banks print it and people type it; the QR code carries it bare.
      iban: sender.iban ? formatIban(sender.iban) : '',
      bic: sender.bic ?? '',
      accountHolder: sender.accountHolder ?? sender.senderName ?? sender.name,
      replyTo: sender.replyTo ?? '',
      signature: sender.signature ?? '',
    },
    reminder: {
      step: action.stepName,
      date: format.date(action.dueOn),
      payBy: format.date(payByDate(action.dueOn, facts.payWithinDays)),
      totalDue: format.money(action.totalOpen),
      currency: action.currency,
      invoiceCount: action.invoices.length,
      paymentReference: paymentReference(action, addressee.number),
      announcedCosts: announcedCosts(facts, invoicesTotal + creditsTotal, format.money),
    },
    invoices: action.invoices.map((i) => ({
      number: i.number,
      issueDate: format.date(i.issueDate),
      dueDate: format.date(i.dueDate),
      daysOverdue: i.daysOverdue,
      amount: format.money(i.amount),
      openAmount: format.money(i.openAmount),
    })),
    credits: action.credits.map((c) => ({
      description:
        `${c.kind === 'credit_note' ? words.creditNote : words.unallocatedPayment} ${c.reference}`.trim(),
      amount: format.money(c.amount),
    })),
    totals: {
      invoices: format.money(invoicesTotal),
      credits: format.money(creditsTotal),
      charges: format.money(chargesTotal),
      due: format.money(action.totalOpen),
    },
    charges: action.charges
      ? {
          interest: format.money(action.charges.interest ?? 0),
          compensation: format.money(action.charges.compensation ?? 0),
          total: format.money(action.charges.total),
          explanation: action.charges.explanation ?? [],
        }
      : null,
    links: facts.extras.links,
    lines: facts.extras.lines,
    collector: facts.collector,
  };
}

/**
 * The collection costs a fourteen-day letter to a consumer announces, formatted: the WIK scale on the
 * principal of the claim the letter demands (its invoices less credits), what will be charged if it is
 * not paid within the term. The Hoge Raad wants the amount stated concretely (HR 13 June 2014,
 * ECLI:NL:HR:2014:1405); the amount charged later may be lower when part was paid meanwhile. Null for
 * other reminders, businesses, and claims not in euros (the scale is in euros).
 */
function announcedCosts(
  facts: ReminderFacts,
  principal: number,
  money: (minor: number) => string,
): string | null {
  if (!facts.announcesCosts || facts.addressee.type !== 'b2c') return null;
  const wik = wikCosts(principal, facts.action.currency);
  return wik && wik.amount > 0 ? money(wik.amount) : null;
}

export function payByDate(stepDate: string, payWithinDays: number): string {
  return addDays(stepDate, payWithinDays);
}

/**
 * What the debtor pays with: the debtor's number and the invoice numbers, so that a bank statement
 * (CAMT) matches the payment by invoice number; at most 140 characters (SEPA unstructured remittance).
 */
export function paymentReference(action: Pick<DeliveryAction, 'invoices'>, debtorNumber: string): string {
  const text = [debtorNumber, ...action.invoices.map((i) => i.number)].join(' ');
  return text.slice(0, 140);
}
