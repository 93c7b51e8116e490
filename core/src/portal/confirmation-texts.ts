import type { DisputeLanguage } from '../disputes/index.ts';
import type { ConfirmationAction, ConfirmationRecipient } from './confirmation-view.ts';

/** One mail's templates (LiquidJS, text): the subject is one line. */
export interface ConfirmationTemplate {
  subject: string;
  text: string;
}

type Texts = Record<DisputeLanguage, ConfirmationTemplate>;

// Shared endings, so every mail closes the same way in its language.
const closing: Record<DisputeLanguage, string> = {
  nl: '\nMet vriendelijke groet,\n{{ creditor.name }}\n',
  en: '\nKind regards,\n{{ creditor.name }}\n',
  de: '\nMit freundlichen Grüßen\n{{ creditor.name }}\n',
  fr: '\nCordialement,\n{{ creditor.name }}\n',
};
const invoiceLines =
  '{% for invoice in invoices %}- {{ invoice.number }}: {{ invoice.openAmount }}\n{% endfor %}';
const changeLines =
  '{% for change in changes %}- {{ change.field }}: {{ change.from }} → {{ change.to }}\n{% endfor %}';
const instalmentLines =
  '{% for instalment in plan.instalments %}- {{ instalment.dueOn }}: {{ instalment.amount }}\n{% endfor %}';

const promise: Texts = {
  nl: {
    subject: 'Uw betaalbelofte voor {{ promise.date }}',
    text: `Beste {{ debtor.name }},\n\nDank u. Wij hebben uw belofte genoteerd om {{ promise.amount }} uiterlijk {{ promise.date }} te betalen, voor:\n${invoiceLines}\nTot die datum sturen wij u voor deze facturen geen herinneringen.\n${closing.nl}`,
  },
  en: {
    subject: 'Your promise to pay by {{ promise.date }}',
    text: `Dear {{ debtor.name }},\n\nThank you. We have noted your promise to pay {{ promise.amount }} by {{ promise.date }}, for:\n${invoiceLines}\nUntil that date we will send you no reminders for these invoices.\n${closing.en}`,
  },
  de: {
    subject: 'Ihr Zahlungsversprechen bis {{ promise.date }}',
    text: `Guten Tag {{ debtor.name }},\n\nvielen Dank. Wir haben Ihr Versprechen notiert, {{ promise.amount }} bis {{ promise.date }} zu zahlen, für:\n${invoiceLines}\nBis zu diesem Datum senden wir Ihnen zu diesen Rechnungen keine Mahnungen.\n${closing.de}`,
  },
  fr: {
    subject: 'Votre promesse de paiement pour le {{ promise.date }}',
    text: `Bonjour {{ debtor.name }},\n\nMerci. Nous avons noté votre promesse de payer {{ promise.amount }} au plus tard le {{ promise.date }}, pour :\n${invoiceLines}\nJusqu’à cette date, nous ne vous enverrons pas de relance pour ces factures.\n${closing.fr}`,
  },
};

const paymentPlan: Texts = {
  nl: {
    subject: 'Uw betalingsregeling: {{ plan.instalmentCount }} termijnen',
    text: `Beste {{ debtor.name }},\n\nWij hebben uw betalingsregeling vastgelegd: {{ plan.total }} in {{ plan.instalmentCount }} termijnen ({{ plan.frequency }}), voor:\n${invoiceLines}\nDe termijnen:\n${instalmentLines}${closing.nl}`,
  },
  en: {
    subject: 'Your payment plan: {{ plan.instalmentCount }} instalments',
    text: `Dear {{ debtor.name }},\n\nWe have set up your payment plan: {{ plan.total }} in {{ plan.instalmentCount }} instalments ({{ plan.frequency }}), for:\n${invoiceLines}\nThe instalments:\n${instalmentLines}${closing.en}`,
  },
  de: {
    subject: 'Ihre Ratenzahlung: {{ plan.instalmentCount }} Raten',
    text: `Guten Tag {{ debtor.name }},\n\nwir haben Ihre Ratenzahlung eingerichtet: {{ plan.total }} in {{ plan.instalmentCount }} Raten ({{ plan.frequency }}), für:\n${invoiceLines}\nDie Raten:\n${instalmentLines}${closing.de}`,
  },
  fr: {
    subject: 'Votre échéancier : {{ plan.instalmentCount }} échéances',
    text: `Bonjour {{ debtor.name }},\n\nNous avons enregistré votre échéancier : {{ plan.total }} en {{ plan.instalmentCount }} échéances ({{ plan.frequency }}), pour :\n${invoiceLines}\nLes échéances :\n${instalmentLines}${closing.fr}`,
  },
};

const poNumber: Texts = {
  nl: {
    subject: 'Inkoopordernummer {{ poNumber }} voor factuur {{ invoice.number }}',
    text: `Beste {{ debtor.name }},\n\nWij hebben inkoopordernummer {{ poNumber }} bij factuur {{ invoice.number }} gezet.\n${closing.nl}`,
  },
  en: {
    subject: 'Purchase order number {{ poNumber }} for invoice {{ invoice.number }}',
    text: `Dear {{ debtor.name }},\n\nWe have added purchase order number {{ poNumber }} to invoice {{ invoice.number }}.\n${closing.en}`,
  },
  de: {
    subject: 'Bestellnummer {{ poNumber }} für Rechnung {{ invoice.number }}',
    text: `Guten Tag {{ debtor.name }},\n\nwir haben die Bestellnummer {{ poNumber }} zur Rechnung {{ invoice.number }} hinzugefügt.\n${closing.de}`,
  },
  fr: {
    subject: 'Numéro de bon de commande {{ poNumber }} pour la facture {{ invoice.number }}',
    text: `Bonjour {{ debtor.name }},\n\nNous avons ajouté le numéro de bon de commande {{ poNumber }} à la facture {{ invoice.number }}.\n${closing.fr}`,
  },
};

const contactChanged: Texts = {
  nl: {
    subject: 'Uw contactgegevens zijn gewijzigd',
    text: `Beste {{ debtor.name }},\n\nUw contactgegevens bij {{ creditor.name }} zijn gewijzigd:\n${changeLines}\nHebt u dit niet zelf gedaan? Neem dan contact met ons op.\n${closing.nl}`,
  },
  en: {
    subject: 'Your contact details were changed',
    text: `Dear {{ debtor.name }},\n\nYour contact details at {{ creditor.name }} were changed:\n${changeLines}\nIf you did not do this, please contact us.\n${closing.en}`,
  },
  de: {
    subject: 'Ihre Kontaktdaten wurden geändert',
    text: `Guten Tag {{ debtor.name }},\n\nIhre Kontaktdaten bei {{ creditor.name }} wurden geändert:\n${changeLines}\nFalls Sie das nicht selbst waren, wenden Sie sich bitte an uns.\n${closing.de}`,
  },
  fr: {
    subject: 'Vos coordonnées ont été modifiées',
    text: `Bonjour {{ debtor.name }},\n\nVos coordonnées chez {{ creditor.name }} ont été modifiées :\n${changeLines}\nSi vous n’êtes pas à l’origine de ce changement, contactez-nous.\n${closing.fr}`,
  },
};

// To the address the debtor had: a changed address must not go unnoticed by its owner.
const addressChanged: Texts = {
  nl: {
    subject: 'Uw e-mailadres is gewijzigd',
    text: `Beste {{ debtor.name }},\n\nUw e-mailadres bij {{ creditor.name }} is gewijzigd in {{ newEmail }}. Wij schrijven u voortaan op dat adres.\nHebt u dit niet zelf gedaan? Neem dan contact met ons op.\n${closing.nl}`,
  },
  en: {
    subject: 'Your e-mail address was changed',
    text: `Dear {{ debtor.name }},\n\nYour e-mail address at {{ creditor.name }} was changed to {{ newEmail }}. We will write to you there from now on.\nIf you did not do this, please contact us.\n${closing.en}`,
  },
  de: {
    subject: 'Ihre E-Mail-Adresse wurde geändert',
    text: `Guten Tag {{ debtor.name }},\n\nIhre E-Mail-Adresse bei {{ creditor.name }} wurde in {{ newEmail }} geändert. Wir schreiben Ihnen künftig an diese Adresse.\nFalls Sie das nicht selbst waren, wenden Sie sich bitte an uns.\n${closing.de}`,
  },
  fr: {
    subject: 'Votre adresse e-mail a été modifiée',
    text: `Bonjour {{ debtor.name }},\n\nVotre adresse e-mail chez {{ creditor.name }} a été remplacée par {{ newEmail }}. Nous vous écrirons désormais à cette adresse.\nSi vous n’êtes pas à l’origine de ce changement, contactez-nous.\n${closing.fr}`,
  },
};

const question: Texts = {
  nl: {
    subject: 'Wij hebben uw vraag ontvangen',
    text: `Beste {{ debtor.name }},\n\nWij hebben uw vraag ontvangen{% if question.invoiceNumbers != empty %} over {{ question.invoiceNumbers | join: ', ' }}{% endif %} en nemen zo snel mogelijk contact met u op. Uw vraag:\n\n{{ question.message }}\n${closing.nl}`,
  },
  en: {
    subject: 'We have received your question',
    text: `Dear {{ debtor.name }},\n\nWe have received your question{% if question.invoiceNumbers != empty %} about {{ question.invoiceNumbers | join: ', ' }}{% endif %} and will come back to you as soon as we can. Your question:\n\n{{ question.message }}\n${closing.en}`,
  },
  de: {
    subject: 'Wir haben Ihre Frage erhalten',
    text: `Guten Tag {{ debtor.name }},\n\nwir haben Ihre Frage{% if question.invoiceNumbers != empty %} zu {{ question.invoiceNumbers | join: ', ' }}{% endif %} erhalten und melden uns so bald wie möglich. Ihre Frage:\n\n{{ question.message }}\n${closing.de}`,
  },
  fr: {
    subject: 'Nous avons bien reçu votre question',
    text: `Bonjour {{ debtor.name }},\n\nNous avons bien reçu votre question{% if question.invoiceNumbers != empty %} concernant {{ question.invoiceNumbers | join: ', ' }}{% endif %} et vous répondrons dès que possible. Votre question :\n\n{{ question.message }}\n${closing.fr}`,
  },
};

/** A confirmation's template: one per action, and one for the previous address of a changed e-mail. */
export const TEMPLATE_KEYS = [
  'promise',
  'payment_plan',
  'po_number',
  'contact_changed',
  'address_changed',
  'question',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** Which template a mail is written from. */
export function templateKey(action: ConfirmationAction, recipient: ConfirmationRecipient): TemplateKey {
  return recipient === 'previous_address' ? 'address_changed' : action;
}

/**
 * The shipped confirmation of each portal action, per language: what the debtor is told it did. The
 * dispute is not here: its type's acknowledgement confirms it (disputes/). A tenant may replace any
 * of them (confirmation-templates.ts).
 */
export const CONFIRMATION_TEXTS: Record<TemplateKey, Texts> = {
  promise,
  payment_plan: paymentPlan,
  po_number: poNumber,
  contact_changed: contactChanged,
  address_changed: addressChanged,
  question,
};

/** Words the views need in the debtor's language: a plan's frequency, a contact field, a channel. */
export const CONFIRMATION_WORDS: Record<DisputeLanguage, Record<string, string>> = {
  nl: {
    monthly: 'maandelijks',
    weekly: 'wekelijks',
    biweekly: 'tweewekelijks',
    email: 'e-mail',
    phone: 'telefoon',
    language: 'taal',
    preferredChannel: 'voorkeurskanaal',
    letter: 'brief',
    sms: 'sms',
    whatsapp: 'WhatsApp',
  },
  en: {
    monthly: 'monthly',
    weekly: 'weekly',
    biweekly: 'every two weeks',
    email: 'e-mail',
    phone: 'phone',
    language: 'language',
    preferredChannel: 'preferred channel',
    letter: 'letter',
    sms: 'SMS',
    whatsapp: 'WhatsApp',
  },
  de: {
    monthly: 'monatlich',
    weekly: 'wöchentlich',
    biweekly: 'alle zwei Wochen',
    email: 'E-Mail',
    phone: 'Telefon',
    language: 'Sprache',
    preferredChannel: 'bevorzugter Kanal',
    letter: 'Brief',
    sms: 'SMS',
    whatsapp: 'WhatsApp',
  },
  fr: {
    monthly: 'mensuelles',
    weekly: 'hebdomadaires',
    biweekly: 'toutes les deux semaines',
    email: 'e-mail',
    phone: 'téléphone',
    language: 'langue',
    preferredChannel: 'canal préféré',
    letter: 'courrier',
    sms: 'SMS',
    whatsapp: 'WhatsApp',
  },
};
