/**
 * What a reminder template sees: the one contract between the templates a credit manager writes (in
 * a strategy step, per language) and the code that renders them. Amounts and dates arrive formatted
 * for the reminder's language, so a template never formats money itself. Validation on save renders
 * every template against `SAMPLE_REMINDER` with strict variables: a name not listed here is refused.
 */
export interface ReminderView {
  debtor: {
    name: string;
    number: string;
    /** `b2b` or `b2c`. */
    type: string;
    /** The contact the reminder is addressed to, or the debtor's name. */
    contactName: string;
  };
  administration: {
    name: string;
    /** The name reminders are signed with. */
    senderName: string;
    /** The sender's postal address, one line per entry. */
    address: string[];
    iban: string;
    bic: string;
    accountHolder: string;
    replyTo: string;
    signature: string;
  };
  reminder: {
    /** The strategy step's name, e.g. "First reminder". */
    step: string;
    /** Today's business date, formatted. */
    date: string;
    /** The date the debtor is asked to pay by, formatted. */
    payBy: string;
    /** The amount asked: invoices less credits, plus charges when the strategy claims them. */
    totalDue: string;
    currency: string;
    invoiceCount: number;
    /** The remittance reference to pay with. */
    paymentReference: string;
    /**
     * In a fourteen-day letter to a consumer under a strategy charging collection costs: the WIK amount
     * that will be charged if the claim is not paid within the term, formatted; else null.
     */
    announcedCosts: string | null;
  };
  /** The overdue invoices covered, oldest due first, each with its own days overdue. */
  invoices: {
    number: string;
    issueDate: string;
    dueDate: string;
    daysOverdue: number;
    amount: string;
    openAmount: string;
  }[];
  /** Credit notes and unallocated payments that lower the amount asked. */
  credits: { description: string; amount: string }[];
  totals: { invoices: string; credits: string; charges: string; due: string };
  /** Late-payment charges when the step claims them, with the lines explaining how they were computed. */
  charges: { interest: string; compensation: string; total: string; explanation: string[] } | null;
  /** Links plugins added through `reminder.compose` (a pay link). */
  links: { label: string; url: string }[];
  /** Text lines plugins added through `reminder.compose`. */
  lines: string[];
  collector: { name: string; email: string };
}

/** A full view with every field set: what validation renders templates against. */
export const SAMPLE_REMINDER: ReminderView = {
  debtor: { name: 'Bakkerij De Vries B.V.', number: 'D-1001', type: 'b2b', contactName: 'Anna de Vries' },
  administration: {
    name: 'Kredo Demo B.V.',
    senderName: 'Kredo Demo B.V.',
    address: ['Keizersgracht 1', '1015 CJ Amsterdam'],
    iban: 'NL91 ABNA 0417 1643 00',
    bic: 'ABNANL2A',
    accountHolder: 'Kredo Demo B.V.',
    replyTo: 'debiteuren@example.com',
    signature: 'Afdeling debiteurenbeheer',
  },
  reminder: {
    step: 'First reminder',
    date: '7 December 2026',
    payBy: '21 December 2026',
    totalDue: '€ 1,210.00',
    currency: 'EUR',
    invoiceCount: 2,
    paymentReference: 'RF18 5390 0754 7034',
    announcedCosts: '€ 181.50',
  },
  invoices: [
    {
      number: 'INV-2026-0001',
      issueDate: '1 October 2026',
      dueDate: '31 October 2026',
      daysOverdue: 37,
      amount: '€ 1,000.00',
      openAmount: '€ 1,000.00',
    },
  ],
  credits: [{ description: 'Credit note CN-2026-0002', amount: '€ -90.00' }],
  totals: { invoices: '€ 1,300.00', credits: '€ -90.00', charges: '€ 0.00', due: '€ 1,210.00' },
  charges: null,
  links: [{ label: 'Pay now', url: 'https://pay.example.com/pl_1' }],
  lines: [],
  collector: { name: 'Jan Jansen', email: 'jan@example.com' },
};
