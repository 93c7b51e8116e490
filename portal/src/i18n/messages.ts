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
  debtor: 'Customer',
  state: 'Status',
  notDue: 'Not yet due',
  paid: 'Paid',
  overdueDays: (days) => (days === 1 ? '1 day overdue' : `${days} days overdue`),
  inDispute: 'in dispute',
  promised: 'payment promised',
  inPlan: 'in a payment plan',
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
  plan: 'Request a payment plan',
  planTitle: 'Request a payment plan',
  planLimits: (instalments, smallest) => `At most ${instalments} instalments, each at least ${smallest}.`,
  planInstalments: 'Number of instalments',
  planFrequency: 'Pay every',
  frequencies: { monthly: 'Month', weekly: 'Week', biweekly: 'Two weeks' },
  planFirstDue: 'First instalment on',
  planSend: 'Request plan',
  planMade: (instalments, amount, first) =>
    `Your payment plan is set: ${instalments} instalments of about ${amount}, the first on ${first}.`,
  po: 'Add a PO number',
  poTitle: 'Add a purchase order number',
  poInvoice: 'Invoice',
  poNumber: 'PO number',
  poSend: 'Save PO number',
  poAdded: (poNumber, invoice) => `PO number ${poNumber} was added to invoice ${invoice}.`,
  contact: 'Contact details',
  contactTitle: 'Your contact details',
  email: 'E-mail address',
  phone: 'Phone number',
  contactLanguage: 'Language of our letters and e-mails',
  preferredChannel: 'Reach me by',
  channels: { email: 'E-mail', letter: 'Letter', sms: 'Text message', whatsapp: 'WhatsApp' },
  contactSend: 'Save details',
  contactChanged: 'Your contact details were saved.',
  nothingChanged: 'Change at least one detail.',
  question: 'Ask a question',
  questionTitle: 'Ask a question',
  questionAbout: 'About these invoices (optional)',
  questionMessage: 'Your question',
  questionSend: 'Send question',
  questionAsked: 'Your question was sent. We will answer you soon.',
  pay: 'Pay',
  payTitle: 'Pay invoices',
  paySend: 'Go to payment',
  payGoing: 'Taking you to the payment page…',
  pdf: 'PDF',
  downloadPdf: (invoice) => `Download invoice ${invoice} as PDF`,
  downloaded: (invoice) => `Invoice ${invoice} was downloaded.`,
  whichInvoices: 'Invoices',
  chooseInvoice: 'Choose at least one invoice.',
  oneDebtorAtATime:
    'Choose one customer’s invoices at a time: ticking another customer’s unticks the others.',
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
  debtor: 'Klant',
  state: 'Status',
  notDue: 'Nog niet vervallen',
  paid: 'Betaald',
  overdueDays: (days) => (days === 1 ? '1 dag te laat' : `${days} dagen te laat`),
  inDispute: 'betwist',
  promised: 'betaling toegezegd',
  inPlan: 'in een betalingsregeling',
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
  plan: 'Betalingsregeling aanvragen',
  planTitle: 'Betalingsregeling aanvragen',
  planLimits: (instalments, smallest) => `Hoogstens ${instalments} termijnen, elk minstens ${smallest}.`,
  planInstalments: 'Aantal termijnen',
  planFrequency: 'Betalen per',
  frequencies: { monthly: 'Maand', weekly: 'Week', biweekly: 'Twee weken' },
  planFirstDue: 'Eerste termijn op',
  planSend: 'Regeling aanvragen',
  planMade: (instalments, amount, first) =>
    `Uw betalingsregeling staat: ${instalments} termijnen van ongeveer ${amount}, de eerste op ${first}.`,
  po: 'Inkoopnummer toevoegen',
  poTitle: 'Inkoopordernummer toevoegen',
  poInvoice: 'Factuur',
  poNumber: 'Inkoopnummer',
  poSend: 'Inkoopnummer opslaan',
  poAdded: (poNumber, invoice) => `Inkoopnummer ${poNumber} is toegevoegd aan factuur ${invoice}.`,
  contact: 'Contactgegevens',
  contactTitle: 'Uw contactgegevens',
  email: 'E-mailadres',
  phone: 'Telefoonnummer',
  contactLanguage: 'Taal van onze brieven en e-mails',
  preferredChannel: 'Bereik mij via',
  channels: { email: 'E-mail', letter: 'Brief', sms: 'Sms', whatsapp: 'WhatsApp' },
  contactSend: 'Gegevens opslaan',
  contactChanged: 'Uw contactgegevens zijn opgeslagen.',
  nothingChanged: 'Wijzig minstens één gegeven.',
  question: 'Vraag stellen',
  questionTitle: 'Vraag stellen',
  questionAbout: 'Over deze facturen (niet verplicht)',
  questionMessage: 'Uw vraag',
  questionSend: 'Vraag versturen',
  questionAsked: 'Uw vraag is verstuurd. We antwoorden u spoedig.',
  pay: 'Betalen',
  payTitle: 'Facturen betalen',
  paySend: 'Naar betalen',
  payGoing: 'U gaat naar de betaalpagina…',
  pdf: 'PDF',
  downloadPdf: (invoice) => `Factuur ${invoice} downloaden als PDF`,
  downloaded: (invoice) => `Factuur ${invoice} is gedownload.`,
  whichInvoices: 'Facturen',
  chooseInvoice: 'Kies minstens één factuur.',
  oneDebtorAtATime:
    'Kies de facturen van één klant tegelijk: een factuur van een andere klant aanvinken vinkt de andere uit.',
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
  debtor: 'Kunde',
  state: 'Status',
  notDue: 'Noch nicht fällig',
  paid: 'Bezahlt',
  overdueDays: (days) => (days === 1 ? '1 Tag überfällig' : `${days} Tage überfällig`),
  inDispute: 'beanstandet',
  promised: 'Zahlung zugesagt',
  inPlan: 'in einer Ratenzahlung',
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
  plan: 'Ratenzahlung beantragen',
  planTitle: 'Ratenzahlung beantragen',
  planLimits: (instalments, smallest) => `Höchstens ${instalments} Raten, jede mindestens ${smallest}.`,
  planInstalments: 'Anzahl der Raten',
  planFrequency: 'Zahlen alle',
  frequencies: { monthly: 'Monat', weekly: 'Woche', biweekly: 'Zwei Wochen' },
  planFirstDue: 'Erste Rate am',
  planSend: 'Ratenzahlung beantragen',
  planMade: (instalments, amount, first) =>
    `Ihre Ratenzahlung steht: ${instalments} Raten von etwa ${amount}, die erste am ${first}.`,
  po: 'Bestellnummer hinzufügen',
  poTitle: 'Bestellnummer hinzufügen',
  poInvoice: 'Rechnung',
  poNumber: 'Bestellnummer',
  poSend: 'Bestellnummer speichern',
  poAdded: (poNumber, invoice) => `Die Bestellnummer ${poNumber} wurde der Rechnung ${invoice} hinzugefügt.`,
  contact: 'Kontaktdaten',
  contactTitle: 'Ihre Kontaktdaten',
  email: 'E-Mail-Adresse',
  phone: 'Telefonnummer',
  contactLanguage: 'Sprache unserer Briefe und E-Mails',
  preferredChannel: 'Erreichen Sie mich per',
  channels: { email: 'E-Mail', letter: 'Brief', sms: 'SMS', whatsapp: 'WhatsApp' },
  contactSend: 'Daten speichern',
  contactChanged: 'Ihre Kontaktdaten wurden gespeichert.',
  nothingChanged: 'Ändern Sie mindestens eine Angabe.',
  question: 'Frage stellen',
  questionTitle: 'Frage stellen',
  questionAbout: 'Zu diesen Rechnungen (freiwillig)',
  questionMessage: 'Ihre Frage',
  questionSend: 'Frage senden',
  questionAsked: 'Ihre Frage wurde gesendet. Wir antworten Ihnen bald.',
  pay: 'Bezahlen',
  payTitle: 'Rechnungen bezahlen',
  paySend: 'Zur Zahlung',
  payGoing: 'Sie werden zur Zahlungsseite weitergeleitet…',
  pdf: 'PDF',
  downloadPdf: (invoice) => `Rechnung ${invoice} als PDF herunterladen`,
  downloaded: (invoice) => `Rechnung ${invoice} wurde heruntergeladen.`,
  whichInvoices: 'Rechnungen',
  chooseInvoice: 'Wählen Sie mindestens eine Rechnung.',
  oneDebtorAtATime:
    'Wählen Sie Rechnungen jeweils eines Kunden: Eine Rechnung eines anderen Kunden anzukreuzen, hebt die übrigen Häkchen auf.',
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
  debtor: 'Client',
  state: 'Statut',
  notDue: 'Pas encore échue',
  paid: 'Payée',
  overdueDays: (days) => (days === 1 ? '1 jour de retard' : `${days} jours de retard`),
  inDispute: 'contestée',
  promised: 'paiement promis',
  inPlan: 'dans un échéancier',
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
  plan: 'Demander un échéancier',
  planTitle: 'Demander un échéancier',
  planLimits: (instalments, smallest) => `Au plus ${instalments} échéances, chacune d’au moins ${smallest}.`,
  planInstalments: 'Nombre d’échéances',
  planFrequency: 'Payer chaque',
  frequencies: { monthly: 'Mois', weekly: 'Semaine', biweekly: 'Deux semaines' },
  planFirstDue: 'Première échéance le',
  planSend: 'Demander l’échéancier',
  planMade: (instalments, amount, first) =>
    `Votre échéancier est en place : ${instalments} échéances d’environ ${amount}, la première le ${first}.`,
  po: 'Ajouter un numéro de commande',
  poTitle: 'Ajouter un numéro de bon de commande',
  poInvoice: 'Facture',
  poNumber: 'Numéro de commande',
  poSend: 'Enregistrer le numéro',
  poAdded: (poNumber, invoice) => `Le numéro de commande ${poNumber} a été ajouté à la facture ${invoice}.`,
  contact: 'Coordonnées',
  contactTitle: 'Vos coordonnées',
  email: 'Adresse e-mail',
  phone: 'Numéro de téléphone',
  contactLanguage: 'Langue de nos courriers et e-mails',
  preferredChannel: 'Me joindre par',
  channels: { email: 'E-mail', letter: 'Courrier', sms: 'SMS', whatsapp: 'WhatsApp' },
  contactSend: 'Enregistrer',
  contactChanged: 'Vos coordonnées ont été enregistrées.',
  nothingChanged: 'Modifiez au moins une coordonnée.',
  question: 'Poser une question',
  questionTitle: 'Poser une question',
  questionAbout: 'Sur ces factures (facultatif)',
  questionMessage: 'Votre question',
  questionSend: 'Envoyer la question',
  questionAsked: 'Votre question a été envoyée. Nous vous répondrons bientôt.',
  pay: 'Payer',
  payTitle: 'Payer des factures',
  paySend: 'Aller au paiement',
  payGoing: 'Redirection vers la page de paiement…',
  pdf: 'PDF',
  downloadPdf: (invoice) => `Télécharger la facture ${invoice} en PDF`,
  downloaded: (invoice) => `La facture ${invoice} a été téléchargée.`,
  whichInvoices: 'Factures',
  chooseInvoice: 'Choisissez au moins une facture.',
  oneDebtorAtATime:
    'Choisissez les factures d’un seul client à la fois : cocher celle d’un autre client décoche les autres.',
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
