import type { DisputeLanguage } from '../disputes/index.ts';
import { reminderFormat } from '../dunning/index.ts';
import { CONFIRMATION_WORDS } from './confirmation-texts.ts';

/** The portal actions a debtor gets an e-mail confirmation of (a dispute gets its acknowledgement). */
export type ConfirmationAction = 'promise' | 'payment_plan' | 'po_number' | 'contact_changed' | 'question';
/** Who a confirmation goes to: the debtor's address, or the address it had before a contact change. */
export type ConfirmationRecipient = 'debtor' | 'previous_address';

/** An invoice the action is about, in the action's currency (minor units). */
export interface FactInvoice {
  number: string;
  openAmount: number;
  currency: string;
}

/** What each action did, as the route knows it: unformatted, the view formats it for the language. */
export type ConfirmationFacts =
  | { action: 'promise'; promisedOn: string; amount: number; currency: string; invoices: FactInvoice[] }
  | {
      action: 'payment_plan';
      currency: string;
      total: number;
      frequency: string;
      instalments: { dueOn: string; amount: number }[];
      invoices: FactInvoice[];
    }
  | { action: 'po_number'; invoiceNumber: string; poNumber: string }
  | {
      action: 'contact_changed';
      changes: { field: string; from: string | null; to: string }[];
      /** The e-mail address before the change, when the change replaced it: it is told too. */
      previousEmail: string | null;
    }
  | { action: 'question'; message: string; invoiceNumbers: string[] };

/**
 * What a confirmation template sees: the debtor, the creditor, and the action's facts with amounts,
 * dates and words written in the mail's language (as reminders write them, by Intl).
 */
export function confirmationView(
  facts: ConfirmationFacts,
  language: DisputeLanguage,
  parties: { debtorName: string; debtorNumber: string; creditorName: string; email: string | null },
): Record<string, unknown> {
  const words = CONFIRMATION_WORDS[language];
  const date = (iso: string) => reminderFormat(language, 'EUR').date(iso);
  const money = (minor: number, currency: string) => reminderFormat(language, currency).money(minor);
  const invoices = (list: FactInvoice[]) =>
    list.map((i) => ({ number: i.number, openAmount: money(i.openAmount, i.currency) }));
  const common = {
    debtor: { name: parties.debtorName, number: parties.debtorNumber },
    creditor: { name: parties.creditorName },
  };
  switch (facts.action) {
    case 'promise':
      return {
        ...common,
        promise: { date: date(facts.promisedOn), amount: money(facts.amount, facts.currency) },
        invoices: invoices(facts.invoices),
      };
    case 'payment_plan':
      return {
        ...common,
        plan: {
          total: money(facts.total, facts.currency),
          instalmentCount: facts.instalments.length,
          frequency: words[facts.frequency] ?? facts.frequency,
          instalments: facts.instalments.map((i) => ({
            dueOn: date(i.dueOn),
            amount: money(i.amount, facts.currency),
          })),
        },
        invoices: invoices(facts.invoices),
      };
    case 'po_number':
      return { ...common, invoice: { number: facts.invoiceNumber }, poNumber: facts.poNumber };
    case 'contact_changed':
      return {
        ...common,
        newEmail: parties.email ?? '—',
        changes: facts.changes.map((c) => ({
          field: words[c.field] ?? c.field,
          from: contactValue(c.field, c.from, language),
          to: contactValue(c.field, c.to, language),
        })),
      };
    case 'question':
      return { ...common, question: { message: facts.message, invoiceNumbers: facts.invoiceNumbers } };
  }
}

/** A contact field's value for the reader: a language by its name, a channel by its word. */
function contactValue(field: string, value: string | null, language: DisputeLanguage): string {
  if (value === null || value === '') return '—';
  if (field === 'language') return new Intl.DisplayNames([language], { type: 'language' }).of(value) ?? value;
  if (field === 'preferredChannel') return CONFIRMATION_WORDS[language][value] ?? value;
  return value;
}
