import type { DisputeLanguage } from './dispute-languages.ts';

export interface AcknowledgementTemplate {
  subject: string;
  text: string;
}

/** A dispute type: the shipped defaults are these, and a tenant's own row replaces one of the same code. */
export interface DisputeType {
  code: string;
  names: Partial<Record<DisputeLanguage, string>> & { en: string };
  /** LiquidJS (text) templates per language, rendered with an AcknowledgementView; `en` is the fallback. */
  templates: Partial<Record<DisputeLanguage, AcknowledgementTemplate>> & { en: AcknowledgementTemplate };
  /** Working days until the dispute is due (weekends and the country's public holidays skipped). */
  dueDays: number;
  /** The staff user a dispute past its due date is reassigned to; null: the tenant's escalation user. */
  escalateTo: string | null;
  /** Inactive types are kept for old disputes but cannot be chosen for new ones. */
  active: boolean;
}

const invoiceLines = (line: string) => `{% for invoice in invoices %}- ${line}\n{% endfor %}`;

/** One acknowledgement per language, shared by the shipped types: it names the type in the text. */
const TEMPLATES: DisputeType['templates'] = {
  en: {
    subject: 'We received your dispute {{ dispute.reference }} ({{ dispute.type }})',
    text: `Dear {{ debtor.contactName }},

Thank you for letting us know. We registered your dispute ({{ dispute.type }}) about:
${invoiceLines('invoice {{ invoice.number }} of {{ invoice.issueDate }}, open {{ invoice.openAmount }}')}
Your description: {{ dispute.description }}

We will not send reminders about these invoices while we look into this, and will come back to you by {{ dispute.dueOn }}. Please quote reference {{ dispute.reference }} when you reply.

Kind regards,
{{ administration.name }}
`,
  },
  nl: {
    subject: 'Wij hebben uw klacht {{ dispute.reference }} ontvangen ({{ dispute.type }})',
    text: `Beste {{ debtor.contactName }},

Dank u voor uw bericht. Wij hebben uw klacht ({{ dispute.type }}) geregistreerd over:
${invoiceLines('factuur {{ invoice.number }} van {{ invoice.issueDate }}, open {{ invoice.openAmount }}')}
Uw omschrijving: {{ dispute.description }}

Zolang wij dit onderzoeken, sturen wij geen herinneringen voor deze facturen. U hoort uiterlijk {{ dispute.dueOn }} van ons. Vermeld bij een reactie a.u.b. kenmerk {{ dispute.reference }}.

Met vriendelijke groet,
{{ administration.name }}
`,
  },
  de: {
    subject: 'Wir haben Ihre Reklamation {{ dispute.reference }} erhalten ({{ dispute.type }})',
    text: `Guten Tag {{ debtor.contactName }},

vielen Dank für Ihre Nachricht. Wir haben Ihre Reklamation ({{ dispute.type }}) erfasst zu:
${invoiceLines('Rechnung {{ invoice.number }} vom {{ invoice.issueDate }}, offen {{ invoice.openAmount }}')}
Ihre Beschreibung: {{ dispute.description }}

Solange wir die Sache prüfen, erhalten Sie zu diesen Rechnungen keine Zahlungserinnerungen. Sie hören bis spätestens {{ dispute.dueOn }} von uns. Bitte geben Sie bei Antworten das Zeichen {{ dispute.reference }} an.

Mit freundlichen Grüßen
{{ administration.name }}
`,
  },
  fr: {
    subject: 'Nous avons bien reçu votre réclamation {{ dispute.reference }} ({{ dispute.type }})',
    text: `Bonjour {{ debtor.contactName }},

Merci de nous avoir informés. Nous avons enregistré votre réclamation ({{ dispute.type }}) concernant :
${invoiceLines('facture {{ invoice.number }} du {{ invoice.issueDate }}, solde {{ invoice.openAmount }}')}
Votre description : {{ dispute.description }}

Pendant notre examen, vous ne recevrez pas de relance pour ces factures. Nous reviendrons vers vous au plus tard le {{ dispute.dueOn }}. Merci de rappeler la référence {{ dispute.reference }} dans votre réponse.

Cordialement,
{{ administration.name }}
`,
  },
};

const shipped = (code: string, names: DisputeType['names']): DisputeType => ({
  code,
  names,
  templates: TEMPLATES,
  dueDays: 5,
  escalateTo: null,
  active: true,
});

/** The types every tenant has until it changes them (PUT /dispute-types/{code} stores its own). */
export const DEFAULT_DISPUTE_TYPES: readonly DisputeType[] = [
  shipped('price', { nl: 'Prijs', en: 'Price', de: 'Preis', fr: 'Prix' }),
  shipped('quality', { nl: 'Kwaliteit', en: 'Quality', de: 'Qualität', fr: 'Qualité' }),
  shipped('not_received', { nl: 'Niet ontvangen', en: 'Not received', de: 'Nicht erhalten', fr: 'Non reçu' }),
  shipped('already_paid', { nl: 'Al betaald', en: 'Already paid', de: 'Bereits bezahlt', fr: 'Déjà payé' }),
  shipped('other', { nl: 'Overig', en: 'Other', de: 'Sonstiges', fr: 'Autre' }),
];
