/**
 * The widget's words in its four languages. A small table of our own rather than @lit/localize:
 * the widget ships as one ES module under a 20 kB budget, and @lit/localize's runtime mode adds its
 * runtime and a CLI step (extract, XLIFF, generated locale modules) for about 90 strings. The
 * compiler keeps the table complete: every language must have every key (`satisfies Messages`).
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
  state: string;
  notDue: string;
  paid: string;
  overdueDays: (days: number) => string;
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
  whichInvoices: string;
  chooseInvoice: string;
  cancel: string;
}

const en = {
  title: 'Your invoices',
  language: 'Language',
  loading: 'Loading…',
  failed: 'Something went wrong. Please try again later.',
  sessionExpired: 'Your session has ended. Reload the page to continue.',
  tabOpen: 'Open',
  tabPaid: 'Paid',
  invoicesOpen: 'Open invoices',
  invoicesPaid: 'Paid invoices',
  noInvoices: 'No invoices.',
  number: 'Invoice',
  issueDate: 'Date',
  dueDate: 'Due',
  amount: 'Amount',
  openAmount: 'Open',
  state: 'Status',
  notDue: 'Not yet due',
  paid: 'Paid',
  overdueDays: (days) => (days === 1 ? '1 day overdue' : `${days} days overdue`),
  totals: 'Totals',
  totalOpen: 'Open',
  totalOverdue: 'Overdue',
  ageing: 'By age',
  ageingBuckets: {
    notDue: 'Not yet due',
    days1to30: '1–30 days',
    days31to60: '31–60 days',
    days61to90: '61–90 days',
    days90plus: 'Over 90 days',
  },
  dispute: 'Dispute an invoice',
  disputeTitle: 'Dispute an invoice',
  disputeReason: 'Reason',
  disputeMessage: 'Your message',
  disputeSend: 'Send dispute',
  disputeOpened: (invoices, answerBy) =>
    `Your dispute about ${invoices} was received. You will have an answer by ${answerBy}.`,
  promise: 'Promise to pay',
  promiseTitle: 'Promise to pay',
  promiseDate: 'I will pay on',
  promiseSend: 'Send promise',
  promiseMade: (amount, date) => `Thank you: we noted that you will pay ${amount} on ${date}.`,
  whichInvoices: 'Invoices',
  chooseInvoice: 'Choose at least one invoice.',
  cancel: 'Cancel',
} satisfies Messages;

const nl = {
  title: 'Uw facturen',
  language: 'Taal',
  loading: 'Laden…',
  failed: 'Er ging iets mis. Probeer het later opnieuw.',
  sessionExpired: 'Uw sessie is verlopen. Laad de pagina opnieuw om verder te gaan.',
  tabOpen: 'Open',
  tabPaid: 'Betaald',
  invoicesOpen: 'Openstaande facturen',
  invoicesPaid: 'Betaalde facturen',
  noInvoices: 'Geen facturen.',
  number: 'Factuur',
  issueDate: 'Datum',
  dueDate: 'Vervalt',
  amount: 'Bedrag',
  openAmount: 'Open',
  state: 'Status',
  notDue: 'Nog niet vervallen',
  paid: 'Betaald',
  overdueDays: (days) => (days === 1 ? '1 dag te laat' : `${days} dagen te laat`),
  totals: 'Totalen',
  totalOpen: 'Open',
  totalOverdue: 'Vervallen',
  ageing: 'Naar ouderdom',
  ageingBuckets: {
    notDue: 'Nog niet vervallen',
    days1to30: '1–30 dagen',
    days31to60: '31–60 dagen',
    days61to90: '61–90 dagen',
    days90plus: 'Meer dan 90 dagen',
  },
  dispute: 'Factuur betwisten',
  disputeTitle: 'Factuur betwisten',
  disputeReason: 'Reden',
  disputeMessage: 'Uw bericht',
  disputeSend: 'Betwisting versturen',
  disputeOpened: (invoices, answerBy) =>
    `Uw betwisting van ${invoices} is ontvangen. U krijgt uiterlijk ${answerBy} antwoord.`,
  promise: 'Betaling toezeggen',
  promiseTitle: 'Betaling toezeggen',
  promiseDate: 'Ik betaal op',
  promiseSend: 'Toezegging versturen',
  promiseMade: (amount, date) => `Dank u: we hebben genoteerd dat u ${amount} betaalt op ${date}.`,
  whichInvoices: 'Facturen',
  chooseInvoice: 'Kies minstens één factuur.',
  cancel: 'Annuleren',
} satisfies Messages;

const de = {
  title: 'Ihre Rechnungen',
  language: 'Sprache',
  loading: 'Wird geladen…',
  failed: 'Etwas ist schiefgegangen. Bitte versuchen Sie es später erneut.',
  sessionExpired: 'Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu, um fortzufahren.',
  tabOpen: 'Offen',
  tabPaid: 'Bezahlt',
  invoicesOpen: 'Offene Rechnungen',
  invoicesPaid: 'Bezahlte Rechnungen',
  noInvoices: 'Keine Rechnungen.',
  number: 'Rechnung',
  issueDate: 'Datum',
  dueDate: 'Fällig',
  amount: 'Betrag',
  openAmount: 'Offen',
  state: 'Status',
  notDue: 'Noch nicht fällig',
  paid: 'Bezahlt',
  overdueDays: (days) => (days === 1 ? '1 Tag überfällig' : `${days} Tage überfällig`),
  totals: 'Summen',
  totalOpen: 'Offen',
  totalOverdue: 'Überfällig',
  ageing: 'Nach Alter',
  ageingBuckets: {
    notDue: 'Noch nicht fällig',
    days1to30: '1–30 Tage',
    days31to60: '31–60 Tage',
    days61to90: '61–90 Tage',
    days90plus: 'Über 90 Tage',
  },
  dispute: 'Rechnung beanstanden',
  disputeTitle: 'Rechnung beanstanden',
  disputeReason: 'Grund',
  disputeMessage: 'Ihre Nachricht',
  disputeSend: 'Beanstandung senden',
  disputeOpened: (invoices, answerBy) =>
    `Ihre Beanstandung zu ${invoices} ist eingegangen. Sie erhalten bis ${answerBy} eine Antwort.`,
  promise: 'Zahlung zusagen',
  promiseTitle: 'Zahlung zusagen',
  promiseDate: 'Ich zahle am',
  promiseSend: 'Zusage senden',
  promiseMade: (amount, date) => `Danke: Wir haben notiert, dass Sie ${amount} am ${date} zahlen.`,
  whichInvoices: 'Rechnungen',
  chooseInvoice: 'Wählen Sie mindestens eine Rechnung.',
  cancel: 'Abbrechen',
} satisfies Messages;

const fr = {
  title: 'Vos factures',
  language: 'Langue',
  loading: 'Chargement…',
  failed: 'Une erreur est survenue. Veuillez réessayer plus tard.',
  sessionExpired: 'Votre session a expiré. Rechargez la page pour continuer.',
  tabOpen: 'Ouvertes',
  tabPaid: 'Payées',
  invoicesOpen: 'Factures ouvertes',
  invoicesPaid: 'Factures payées',
  noInvoices: 'Aucune facture.',
  number: 'Facture',
  issueDate: 'Date',
  dueDate: 'Échéance',
  amount: 'Montant',
  openAmount: 'Restant dû',
  state: 'Statut',
  notDue: 'Pas encore échue',
  paid: 'Payée',
  overdueDays: (days) => (days === 1 ? '1 jour de retard' : `${days} jours de retard`),
  totals: 'Totaux',
  totalOpen: 'Ouvert',
  totalOverdue: 'En retard',
  ageing: 'Par ancienneté',
  ageingBuckets: {
    notDue: 'Pas encore échu',
    days1to30: '1 à 30 jours',
    days31to60: '31 à 60 jours',
    days61to90: '61 à 90 jours',
    days90plus: 'Plus de 90 jours',
  },
  dispute: 'Contester une facture',
  disputeTitle: 'Contester une facture',
  disputeReason: 'Motif',
  disputeMessage: 'Votre message',
  disputeSend: 'Envoyer la contestation',
  disputeOpened: (invoices, answerBy) =>
    `Votre contestation de ${invoices} a été reçue. Vous aurez une réponse au plus tard le ${answerBy}.`,
  promise: 'Promettre un paiement',
  promiseTitle: 'Promettre un paiement',
  promiseDate: 'Je paierai le',
  promiseSend: 'Envoyer la promesse',
  promiseMade: (amount, date) => `Merci : nous avons noté que vous paierez ${amount} le ${date}.`,
  whichInvoices: 'Factures',
  chooseInvoice: 'Choisissez au moins une facture.',
  cancel: 'Annuler',
} satisfies Messages;

export const MESSAGES: Record<Language, Messages> = { nl, en, de, fr };

/** The first of `candidates` the widget speaks (`nl-BE` counts as `nl`), else English. */
export function pickLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split('-')[0];
    if (base && (LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}
