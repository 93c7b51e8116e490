/**
 * The few words a reminder's generated parts need in each language (credit lines, link labels, the
 * letter's headings); everything else is in the templates. English is the fallback.
 */
export interface ReminderWords {
  creditNote: string;
  unallocatedPayment: string;
  payNow: string;
  invoice: string;
  issueDate: string;
  dueDate: string;
  daysOverdue: string;
  openAmount: string;
  totalInvoices: string;
  totalCredits: string;
  totalCharges: string;
  totalDue: string;
  payBy: string;
  reference: string;
  scanToPay: string;
  regarding: string;
}

const WORDS: Record<string, ReminderWords> = {
  en: {
    creditNote: 'Credit note',
    unallocatedPayment: 'Payment received, not yet allocated',
    payNow: 'Pay now',
    invoice: 'Invoice',
    issueDate: 'Date',
    dueDate: 'Due date',
    daysOverdue: 'Days overdue',
    openAmount: 'Open',
    totalInvoices: 'Total overdue',
    totalCredits: 'Less credits',
    totalCharges: 'Late-payment charges',
    totalDue: 'Amount to pay',
    payBy: 'Pay by',
    reference: 'Reference',
    scanToPay: 'Scan with your banking app to pay',
    regarding: 'Regarding',
  },
  nl: {
    creditNote: 'Creditnota',
    unallocatedPayment: 'Ontvangen betaling, nog niet verrekend',
    payNow: 'Nu betalen',
    invoice: 'Factuur',
    issueDate: 'Datum',
    dueDate: 'Vervaldatum',
    daysOverdue: 'Dagen vervallen',
    openAmount: 'Openstaand',
    totalInvoices: 'Totaal vervallen',
    totalCredits: 'Af: tegoeden',
    totalCharges: 'Rente en incassokosten',
    totalDue: 'Te betalen',
    payBy: 'Uiterlijk betalen op',
    reference: 'Kenmerk',
    scanToPay: 'Scan met uw bankapp om te betalen',
    regarding: 'Betreft',
  },
  de: {
    creditNote: 'Gutschrift',
    unallocatedPayment: 'Erhaltene, noch nicht zugeordnete Zahlung',
    payNow: 'Jetzt bezahlen',
    invoice: 'Rechnung',
    issueDate: 'Datum',
    dueDate: 'Fällig am',
    daysOverdue: 'Tage überfällig',
    openAmount: 'Offen',
    totalInvoices: 'Summe überfällig',
    totalCredits: 'Abzüglich Gutschriften',
    totalCharges: 'Verzugszinsen und Kosten',
    totalDue: 'Zu zahlender Betrag',
    payBy: 'Zahlbar bis',
    reference: 'Verwendungszweck',
    scanToPay: 'Mit Ihrer Banking-App scannen und bezahlen',
    regarding: 'Betreff',
  },
  fr: {
    creditNote: 'Avoir',
    unallocatedPayment: 'Paiement reçu, non encore imputé',
    payNow: 'Payer maintenant',
    invoice: 'Facture',
    issueDate: 'Date',
    dueDate: 'Échéance',
    daysOverdue: 'Jours de retard',
    openAmount: 'Restant dû',
    totalInvoices: 'Total échu',
    totalCredits: 'Moins avoirs',
    totalCharges: 'Intérêts et frais de retard',
    totalDue: 'Montant à payer',
    payBy: 'À payer avant le',
    reference: 'Référence',
    scanToPay: 'Scannez avec votre application bancaire pour payer',
    regarding: 'Objet',
  },
};

export function reminderWords(language: string): ReminderWords {
  return WORDS[language] ?? (WORDS.en as ReminderWords);
}
