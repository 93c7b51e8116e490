import { msg, str } from '@lit/localize';

/**
 * The widget's words. English is the source, written here with `msg()`; the other languages are
 * XLIFF files in portal/xliff/, compiled by `lit-localize build` into src/i18n/locales/ (see
 * docs/portal.md, "Languages"). Each text has an explicit id, so a change of English wording keeps
 * its translations findable. `messages()` reads the texts in the current locale: call it in
 * `render()`, of an element that updates when the locale changes (`updateWhenLocaleChanges`).
 */
export const LANGUAGES = ['nl', 'en', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nl: 'Nederlands',
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
};

export interface Messages {
  title: string;
  language: string;
  loading: string;
  failed: string;
  sessionExpired: string;
  tabOpen: string;
  tabPaid: string;
  invoicesOpen: string;
  invoicesPaid: string;
  noInvoices: string;
  number: string;
  issueDate: string;
  dueDate: string;
  amount: string;
  openAmount: string;
  /** The column naming whose invoice it is, in a group session. */
  debtor: string;
  state: string;
  notDue: string;
  paid: string;
  overdueDays: (days: number) => string;
  /** What holds an invoice out of reminders, after its state: an open dispute, a promise, a plan. */
  inDispute: string;
  promised: string;
  inPlan: string;
  totals: string;
  totalOpen: string;
  totalOverdue: string;
  ageing: string;
  ageingBuckets: Record<'notDue' | 'days1to30' | 'days31to60' | 'days61to90' | 'days90plus', string>;
  dispute: string;
  disputeTitle: string;
  disputeReason: string;
  disputeMessage: string;
  disputeSend: string;
  disputeOpened: (invoices: string, answerBy: string) => string;
  promise: string;
  promiseTitle: string;
  promiseDate: string;
  promiseSend: string;
  promiseMade: (amount: string, date: string) => string;
  plan: string;
  planTitle: string;
  planLimits: (instalments: number, smallest: string) => string;
  planInstalments: string;
  planFrequency: string;
  frequencies: Record<'monthly' | 'weekly' | 'biweekly', string>;
  planFirstDue: string;
  planSend: string;
  planMade: (instalments: number, amount: string, first: string) => string;
  po: string;
  poTitle: string;
  poInvoice: string;
  poNumber: string;
  poSend: string;
  poAdded: (poNumber: string, invoice: string) => string;
  contact: string;
  contactTitle: string;
  email: string;
  phone: string;
  contactLanguage: string;
  preferredChannel: string;
  channels: Record<'email' | 'letter' | 'sms' | 'whatsapp', string>;
  contactSend: string;
  contactChanged: string;
  nothingChanged: string;
  question: string;
  questionTitle: string;
  questionAbout: string;
  questionMessage: string;
  questionSend: string;
  questionAsked: string;
  pay: string;
  payTitle: string;
  paySend: string;
  payGoing: string;
  pdf: string;
  downloadPdf: (invoice: string) => string;
  downloaded: (invoice: string) => string;
  whichInvoices: string;
  chooseInvoice: string;
  /** In a group session: one write takes one debtor's invoices. */
  oneDebtorAtATime: string;
  cancel: string;
}

/** The texts in the current locale (lit-localize's, set by `useLanguage`). */
export function messages(): Messages {
  return {
    title: msg('Your invoices', { id: 'title' }),
    language: msg('Language', { id: 'language' }),
    loading: msg('Loading…', { id: 'loading' }),
    failed: msg('Something went wrong. Please try again later.', { id: 'failed' }),
    sessionExpired: msg('Your session has ended. Reload the page to continue.', { id: 'sessionExpired' }),
    tabOpen: msg('Open', { id: 'tabOpen' }),
    tabPaid: msg('Paid', { id: 'tabPaid' }),
    invoicesOpen: msg('Open invoices', { id: 'invoicesOpen' }),
    invoicesPaid: msg('Paid invoices', { id: 'invoicesPaid' }),
    noInvoices: msg('No invoices.', { id: 'noInvoices' }),
    number: msg('Invoice', { id: 'number' }),
    issueDate: msg('Date', { id: 'issueDate' }),
    dueDate: msg('Due', { id: 'dueDate' }),
    amount: msg('Amount', { id: 'amount' }),
    openAmount: msg('Open', { id: 'openAmount' }),
    debtor: msg('Customer', { id: 'debtor' }),
    state: msg('Status', { id: 'state' }),
    notDue: msg('Not yet due', { id: 'notDue' }),
    paid: msg('Paid', { id: 'paid' }),
    // Plural forms as separate messages: one for a single day, one for more.
    overdueDays: (days) =>
      days === 1
        ? msg('1 day overdue', { id: 'overdueDay' })
        : msg(str`${days} days overdue`, { id: 'overdueDays' }),
    inDispute: msg('in dispute', { id: 'inDispute' }),
    promised: msg('payment promised', { id: 'promised' }),
    inPlan: msg('in a payment plan', { id: 'inPlan' }),
    totals: msg('Totals', { id: 'totals' }),
    totalOpen: msg('Open', { id: 'totalOpen' }),
    totalOverdue: msg('Overdue', { id: 'totalOverdue' }),
    ageing: msg('By age', { id: 'ageing' }),
    ageingBuckets: {
      notDue: msg('Not yet due', { id: 'ageingBuckets.notDue' }),
      days1to30: msg('1–30 days', { id: 'ageingBuckets.days1to30' }),
      days31to60: msg('31–60 days', { id: 'ageingBuckets.days31to60' }),
      days61to90: msg('61–90 days', { id: 'ageingBuckets.days61to90' }),
      days90plus: msg('Over 90 days', { id: 'ageingBuckets.days90plus' }),
    },
    dispute: msg('Dispute an invoice', { id: 'dispute' }),
    disputeTitle: msg('Dispute an invoice', { id: 'disputeTitle' }),
    disputeReason: msg('Reason', { id: 'disputeReason' }),
    disputeMessage: msg('Your message', { id: 'disputeMessage' }),
    disputeSend: msg('Send dispute', { id: 'disputeSend' }),
    disputeOpened: (invoices, answerBy) =>
      msg(str`Your dispute about ${invoices} was received. You will have an answer by ${answerBy}.`, {
        id: 'disputeOpened',
      }),
    promise: msg('Promise to pay', { id: 'promise' }),
    promiseTitle: msg('Promise to pay', { id: 'promiseTitle' }),
    promiseDate: msg('I will pay on', { id: 'promiseDate' }),
    promiseSend: msg('Send promise', { id: 'promiseSend' }),
    promiseMade: (amount, date) =>
      msg(str`Thank you: we noted that you will pay ${amount} on ${date}.`, { id: 'promiseMade' }),
    plan: msg('Request a payment plan', { id: 'plan' }),
    planTitle: msg('Request a payment plan', { id: 'planTitle' }),
    planLimits: (instalments, smallest) =>
      msg(str`At most ${instalments} instalments, each at least ${smallest}.`, { id: 'planLimits' }),
    planInstalments: msg('Number of instalments', { id: 'planInstalments' }),
    planFrequency: msg('Pay every', { id: 'planFrequency' }),
    frequencies: {
      monthly: msg('Month', { id: 'frequencies.monthly' }),
      weekly: msg('Week', { id: 'frequencies.weekly' }),
      biweekly: msg('Two weeks', { id: 'frequencies.biweekly' }),
    },
    planFirstDue: msg('First instalment on', { id: 'planFirstDue' }),
    planSend: msg('Request plan', { id: 'planSend' }),
    planMade: (instalments, amount, first) =>
      msg(
        str`Your payment plan is set: ${instalments} instalments of about ${amount}, the first on ${first}.`,
        { id: 'planMade' },
      ),
    po: msg('Add a PO number', { id: 'po' }),
    poTitle: msg('Add a purchase order number', { id: 'poTitle' }),
    poInvoice: msg('Invoice', { id: 'poInvoice' }),
    poNumber: msg('PO number', { id: 'poNumber' }),
    poSend: msg('Save PO number', { id: 'poSend' }),
    poAdded: (poNumber, invoice) =>
      msg(str`PO number ${poNumber} was added to invoice ${invoice}.`, { id: 'poAdded' }),
    contact: msg('Contact details', { id: 'contact' }),
    contactTitle: msg('Your contact details', { id: 'contactTitle' }),
    email: msg('E-mail address', { id: 'email' }),
    phone: msg('Phone number', { id: 'phone' }),
    contactLanguage: msg('Language of our letters and e-mails', { id: 'contactLanguage' }),
    preferredChannel: msg('Reach me by', { id: 'preferredChannel' }),
    channels: {
      email: msg('E-mail', { id: 'channels.email' }),
      letter: msg('Letter', { id: 'channels.letter' }),
      sms: msg('Text message', { id: 'channels.sms' }),
      whatsapp: msg('WhatsApp', { id: 'channels.whatsapp' }),
    },
    contactSend: msg('Save details', { id: 'contactSend' }),
    contactChanged: msg('Your contact details were saved.', { id: 'contactChanged' }),
    nothingChanged: msg('Change at least one detail.', { id: 'nothingChanged' }),
    question: msg('Ask a question', { id: 'question' }),
    questionTitle: msg('Ask a question', { id: 'questionTitle' }),
    questionAbout: msg('About these invoices (optional)', { id: 'questionAbout' }),
    questionMessage: msg('Your question', { id: 'questionMessage' }),
    questionSend: msg('Send question', { id: 'questionSend' }),
    questionAsked: msg('Your question was sent. We will answer you soon.', { id: 'questionAsked' }),
    pay: msg('Pay', { id: 'pay' }),
    payTitle: msg('Pay invoices', { id: 'payTitle' }),
    paySend: msg('Go to payment', { id: 'paySend' }),
    payGoing: msg('Taking you to the payment page…', { id: 'payGoing' }),
    pdf: msg('PDF', { id: 'pdf' }),
    downloadPdf: (invoice) => msg(str`Download invoice ${invoice} as PDF`, { id: 'downloadPdf' }),
    downloaded: (invoice) => msg(str`Invoice ${invoice} was downloaded.`, { id: 'downloaded' }),
    whichInvoices: msg('Invoices', { id: 'whichInvoices' }),
    chooseInvoice: msg('Choose at least one invoice.', { id: 'chooseInvoice' }),
    oneDebtorAtATime: msg(
      'Choose one customer’s invoices at a time: ticking another customer’s unticks the others.',
      { id: 'oneDebtorAtATime' },
    ),
    cancel: msg('Cancel', { id: 'cancel' }),
  };
}

/** The first of `candidates` the widget speaks (`nl-BE` counts as `nl`), else English. */
export function pickLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split('-')[0];
    if (base && (LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}
