/**
 * The words of the shipped reminders, per language and tone, as LiquidJS over the ReminderView
 * (template-variables.ts). Tones: `friendly` (a first reminder: maybe it was overlooked), `firm` (later
 * reminders: pay now or contact us), `fourteen_day` (the Dutch "veertiendagenbrief", art. 6:96 lid 6
 * BW: fourteen days counted from the day after receipt, and the collection costs that will be charged
 * otherwise). The fourteen-day text states no calendar date for the term: a date could fall before
 * the fourteen days the law gives, which would make the letter void.
 */
export type Tone = 'friendly' | 'firm' | 'fourteen_day';

export interface TemplateTexts {
  subject: Record<Tone, string>;
  greeting: string;
  /** Paragraphs before the invoice table. */
  opening: Record<Tone, string[]>;
  /** Paragraphs after the table. */
  closing: Record<Tone, string[]>;
  regards: string;
  table: {
    invoice: string;
    dueDate: string;
    daysOverdue: string;
    open: string;
    credits: string;
    charges: string;
    due: string;
  };
  payWith: string;
  sms: Record<Tone, string>;
}

// The collection costs the fourteen-day letter announces: the concrete amount when the view has it
// (`reminder.announcedCosts`: a consumer under a strategy charging costs), else how they are computed.
const costsNl =
  '{% if reminder.announcedCosts %}Deze kosten bedragen {{ reminder.announcedCosts }}, berekend volgens het Besluit vergoeding voor buitengerechtelijke incassokosten.{% else %}Deze kosten worden berekend volgens het Besluit vergoeding voor buitengerechtelijke incassokosten: 15% van de eerste € 2.500 van de hoofdsom, met een minimum van € 40.{% endif %}';
const costsEn =
  '{% if reminder.announcedCosts %}These costs amount to {{ reminder.announcedCosts }}, calculated under the Dutch Extrajudicial Collection Costs Decree.{% else %}These costs are calculated under the Dutch Extrajudicial Collection Costs Decree: 15% of the first € 2,500 of the principal, with a minimum of € 40.{% endif %}';
const costsDe =
  '{% if reminder.announcedCosts %}Diese Kosten betragen {{ reminder.announcedCosts }}, berechnet nach dem niederländischen Beschluss über außergerichtliche Inkassokosten.{% else %}Diese Kosten werden nach dem niederländischen Beschluss über außergerichtliche Inkassokosten berechnet: 15 % der ersten 2.500 € der Hauptforderung, mindestens 40 €.{% endif %}';
const costsFr =
  "{% if reminder.announcedCosts %}Ces frais s'élèvent à {{ reminder.announcedCosts }}, calculés selon le décret néerlandais sur les frais de recouvrement extrajudiciaires.{% else %}Ces frais sont calculés selon le décret néerlandais sur les frais de recouvrement extrajudiciaires : 15 % des premiers 2 500 € du principal, avec un minimum de 40 €.{% endif %}";

export const TEXTS: Record<'nl' | 'en' | 'de' | 'fr', TemplateTexts> = {
  nl: {
    subject: {
      friendly:
        'Herinnering: openstaande {% if reminder.invoiceCount == 1 %}factuur{% else %}facturen{% endif %} {{ administration.senderName }}',
      firm: 'Tweede herinnering: {{ reminder.totalDue }} vervallen',
      fourteen_day: 'Laatste aanmaning: betaling binnen 14 dagen',
    },
    greeting: 'Geachte {{ debtor.contactName }},',
    opening: {
      friendly: [
        'Volgens onze administratie {% if reminder.invoiceCount == 1 %}staat de onderstaande factuur{% else %}staan de onderstaande facturen{% endif %} nog open, terwijl de betalingstermijn is verstreken. Wellicht is de betaling aan uw aandacht ontsnapt.',
      ],
      firm: [
        'Ondanks onze eerdere herinnering hebben wij de betaling van de onderstaande {% if reminder.invoiceCount == 1 %}factuur{% else %}facturen{% endif %} nog niet ontvangen.',
      ],
      fourteen_day: [
        'Ondanks onze eerdere herinneringen hebben wij de betaling van de onderstaande {% if reminder.invoiceCount == 1 %}factuur{% else %}facturen{% endif %} nog niet ontvangen. Dit is onze laatste aanmaning.',
      ],
    },
    closing: {
      friendly: [
        'Wij verzoeken u vriendelijk het bedrag van {{ reminder.totalDue }} uiterlijk {{ reminder.payBy }} over te maken{% if administration.iban != "" %} op {{ administration.iban }} ten name van {{ administration.accountHolder }}{% endif %}, onder vermelding van {{ reminder.paymentReference }}.',
        'Heeft u inmiddels betaald? Dan kunt u deze herinnering als niet verzonden beschouwen. Heeft u vragen over {% if reminder.invoiceCount == 1 %}de factuur{% else %}de facturen{% endif %}, neem dan gerust contact met ons op.',
      ],
      firm: [
        'Wij verzoeken u dringend het bedrag van {{ reminder.totalDue }} uiterlijk {{ reminder.payBy }} te voldoen{% if administration.iban != "" %} op {{ administration.iban }} ten name van {{ administration.accountHolder }}{% endif %}, onder vermelding van {{ reminder.paymentReference }}.',
        'Kunt u niet op tijd betalen, of bent u het niet eens met {% if reminder.invoiceCount == 1 %}de factuur{% else %}een factuur{% endif %}? Neem dan vóór die datum contact met ons op, zodat wij samen een oplossing kunnen zoeken.',
      ],
      fourteen_day: [
        'Wij sommeren u het bedrag van {{ reminder.totalDue }} te betalen binnen veertien dagen, te rekenen vanaf de dag na ontvangst van deze brief{% if administration.iban != "" %}, op {{ administration.iban }} ten name van {{ administration.accountHolder }}{% endif %}, onder vermelding van {{ reminder.paymentReference }}.',
        `Betaalt u niet binnen deze termijn, dan zijn wij genoodzaakt buitengerechtelijke incassokosten bij u in rekening te brengen. ${costsNl}`,
        'Heeft u vragen, of bent u het niet eens met deze vordering? Neem dan binnen deze termijn contact met ons op.',
      ],
    },
    regards: 'Met vriendelijke groet,',
    table: {
      invoice: 'Factuur',
      dueDate: 'Vervaldatum',
      daysOverdue: 'Dagen',
      open: 'Openstaand',
      credits: 'Af: tegoeden',
      charges: 'Rente en kosten',
      due: 'Te betalen',
    },
    payWith: 'Betalen',
    sms: {
      friendly:
        '{{ administration.senderName }}: {{ reminder.invoiceCount }} factu(u)r(en) van {{ reminder.totalDue }} staan nog open. Wilt u betalen vóór {{ reminder.payBy }}? Kenmerk {{ reminder.paymentReference }}.{% for link in links %} {{ link.url }}{% endfor %}',
      firm: '{{ administration.senderName }}: uw betaling van {{ reminder.totalDue }} is nog niet ontvangen. Betaal uiterlijk {{ reminder.payBy }}, kenmerk {{ reminder.paymentReference }}.{% for link in links %} {{ link.url }}{% endfor %}',
      fourteen_day:
        '{{ administration.senderName }}: laatste aanmaning voor {{ reminder.totalDue }}. Betaal binnen 14 dagen na ontvangst; daarna volgen incassokosten. Zie onze brief.{% for link in links %} {{ link.url }}{% endfor %}',
    },
  },
  en: {
    subject: {
      friendly:
        'Reminder: {% if reminder.invoiceCount == 1 %}invoice{% else %}invoices{% endif %} from {{ administration.senderName }} past due',
      firm: 'Second reminder: {{ reminder.totalDue }} overdue',
      fourteen_day: 'Final notice: payment within 14 days',
    },
    greeting: 'Dear {{ debtor.contactName }},',
    opening: {
      friendly: [
        'According to our records, the {% if reminder.invoiceCount == 1 %}invoice below is{% else %}invoices below are{% endif %} still open although the payment term has passed. Perhaps the payment escaped your attention.',
      ],
      firm: [
        'Despite our earlier reminder, we have not yet received payment of the {% if reminder.invoiceCount == 1 %}invoice{% else %}invoices{% endif %} below.',
      ],
      fourteen_day: [
        'Despite our earlier reminders, we have not yet received payment of the {% if reminder.invoiceCount == 1 %}invoice{% else %}invoices{% endif %} below. This is our final notice.',
      ],
    },
    closing: {
      friendly: [
        'We kindly ask you to pay {{ reminder.totalDue }} by {{ reminder.payBy }}{% if administration.iban != "" %} to {{ administration.iban }} in the name of {{ administration.accountHolder }}{% endif %}, quoting {{ reminder.paymentReference }}.',
        'If you have already paid, please disregard this reminder. If you have any questions about the {% if reminder.invoiceCount == 1 %}invoice{% else %}invoices{% endif %}, do not hesitate to contact us.',
      ],
      firm: [
        'We urgently ask you to pay {{ reminder.totalDue }} by {{ reminder.payBy }}{% if administration.iban != "" %} to {{ administration.iban }} in the name of {{ administration.accountHolder }}{% endif %}, quoting {{ reminder.paymentReference }}.',
        'If you cannot pay in time, or if you dispute {% if reminder.invoiceCount == 1 %}the invoice{% else %}an invoice{% endif %}, please contact us before that date so that we can find a solution together.',
      ],
      fourteen_day: [
        'We demand that you pay {{ reminder.totalDue }} within fourteen days, counted from the day after you receive this letter{% if administration.iban != "" %}, to {{ administration.iban }} in the name of {{ administration.accountHolder }}{% endif %}, quoting {{ reminder.paymentReference }}.',
        `If you do not pay within this term, we will charge you extrajudicial collection costs. ${costsEn}`,
        'If you have questions, or if you dispute this claim, please contact us within this term.',
      ],
    },
    regards: 'Kind regards,',
    table: {
      invoice: 'Invoice',
      dueDate: 'Due date',
      daysOverdue: 'Days',
      open: 'Open',
      credits: 'Less credits',
      charges: 'Interest and costs',
      due: 'Amount to pay',
    },
    payWith: 'Pay',
    sms: {
      friendly:
        '{{ administration.senderName }}: {{ reminder.invoiceCount }} invoice(s) totalling {{ reminder.totalDue }} are past due. Please pay by {{ reminder.payBy }}, reference {{ reminder.paymentReference }}.{% for link in links %} {{ link.url }}{% endfor %}',
      firm: '{{ administration.senderName }}: we have not received your payment of {{ reminder.totalDue }}. Please pay by {{ reminder.payBy }}, reference {{ reminder.paymentReference }}.{% for link in links %} {{ link.url }}{% endfor %}',
      fourteen_day:
        '{{ administration.senderName }}: final notice for {{ reminder.totalDue }}. Pay within 14 days of receipt; collection costs follow otherwise. See our letter.{% for link in links %} {{ link.url }}{% endfor %}',
    },
  },
  de: {
    subject: {
      friendly:
        'Zahlungserinnerung: offene {% if reminder.invoiceCount == 1 %}Rechnung{% else %}Rechnungen{% endif %} von {{ administration.senderName }}',
      firm: 'Mahnung: {{ reminder.totalDue }} überfällig',
      fourteen_day: 'Letzte Mahnung: Zahlung innerhalb von 14 Tagen',
    },
    greeting: 'Sehr geehrte(r) {{ debtor.contactName }},',
    opening: {
      friendly: [
        'nach unseren Unterlagen {% if reminder.invoiceCount == 1 %}ist die folgende Rechnung{% else %}sind die folgenden Rechnungen{% endif %} trotz abgelaufener Zahlungsfrist noch offen. Vielleicht ist Ihnen die Zahlung entgangen.',
      ],
      firm: [
        'trotz unserer Zahlungserinnerung haben wir die Zahlung der folgenden {% if reminder.invoiceCount == 1 %}Rechnung{% else %}Rechnungen{% endif %} noch nicht erhalten.',
      ],
      fourteen_day: [
        'trotz unserer bisherigen Mahnungen haben wir die Zahlung der folgenden {% if reminder.invoiceCount == 1 %}Rechnung{% else %}Rechnungen{% endif %} noch nicht erhalten. Dies ist unsere letzte Mahnung.',
      ],
    },
    closing: {
      friendly: [
        'Bitte überweisen Sie den Betrag von {{ reminder.totalDue }} bis zum {{ reminder.payBy }}{% if administration.iban != "" %} auf das Konto {{ administration.iban }} ({{ administration.accountHolder }}){% endif %} mit dem Verwendungszweck {{ reminder.paymentReference }}.',
        'Sollten Sie bereits gezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos. Bei Fragen zu {% if reminder.invoiceCount == 1 %}der Rechnung{% else %}den Rechnungen{% endif %} stehen wir Ihnen gern zur Verfügung.',
      ],
      firm: [
        'Wir fordern Sie auf, den Betrag von {{ reminder.totalDue }} bis spätestens {{ reminder.payBy }}{% if administration.iban != "" %} auf das Konto {{ administration.iban }} ({{ administration.accountHolder }}){% endif %} mit dem Verwendungszweck {{ reminder.paymentReference }} zu zahlen.',
        'Wenn Sie nicht rechtzeitig zahlen können oder mit einer Rechnung nicht einverstanden sind, melden Sie sich bitte vor diesem Datum bei uns, damit wir gemeinsam eine Lösung finden.',
      ],
      fourteen_day: [
        'Wir fordern Sie auf, den Betrag von {{ reminder.totalDue }} innerhalb von vierzehn Tagen, gerechnet ab dem Tag nach Erhalt dieses Schreibens{% if administration.iban != "" %}, auf das Konto {{ administration.iban }} ({{ administration.accountHolder }}){% endif %} mit dem Verwendungszweck {{ reminder.paymentReference }} zu zahlen.',
        `Zahlen Sie nicht innerhalb dieser Frist, werden wir Ihnen außergerichtliche Inkassokosten berechnen. ${costsDe}`,
        'Bei Fragen oder wenn Sie die Forderung bestreiten, melden Sie sich bitte innerhalb dieser Frist bei uns.',
      ],
    },
    regards: 'Mit freundlichen Grüßen',
    table: {
      invoice: 'Rechnung',
      dueDate: 'Fällig am',
      daysOverdue: 'Tage',
      open: 'Offen',
      credits: 'Abzüglich Gutschriften',
      charges: 'Zinsen und Kosten',
      due: 'Zu zahlen',
    },
    payWith: 'Bezahlen',
    sms: {
      friendly:
        '{{ administration.senderName }}: {{ reminder.invoiceCount }} Rechnung(en) über {{ reminder.totalDue }} sind überfällig. Bitte zahlen Sie bis {{ reminder.payBy }}, Verwendungszweck {{ reminder.paymentReference }}.{% for link in links %} {{ link.url }}{% endfor %}',
      firm: '{{ administration.senderName }}: Ihre Zahlung von {{ reminder.totalDue }} ist noch nicht eingegangen. Bitte zahlen Sie bis {{ reminder.payBy }}, Verwendungszweck {{ reminder.paymentReference }}.{% for link in links %} {{ link.url }}{% endfor %}',
      fourteen_day:
        '{{ administration.senderName }}: letzte Mahnung über {{ reminder.totalDue }}. Zahlung binnen 14 Tagen nach Erhalt, sonst folgen Inkassokosten. Siehe unser Schreiben.{% for link in links %} {{ link.url }}{% endfor %}',
    },
  },
  fr: {
    subject: {
      friendly:
        'Rappel : {% if reminder.invoiceCount == 1 %}facture échue{% else %}factures échues{% endif %} de {{ administration.senderName }}',
      firm: 'Deuxième rappel : {{ reminder.totalDue }} échus',
      fourteen_day: 'Mise en demeure : paiement sous 14 jours',
    },
    greeting: 'Madame, Monsieur {{ debtor.contactName }},',
    opening: {
      friendly: [
        "Selon nos registres, {% if reminder.invoiceCount == 1 %}la facture ci-dessous reste impayée{% else %}les factures ci-dessous restent impayées{% endif %} alors que le délai de paiement est dépassé. Il s'agit peut-être d'un oubli.",
      ],
      firm: [
        "Malgré notre précédent rappel, nous n'avons pas encore reçu le paiement {% if reminder.invoiceCount == 1 %}de la facture{% else %}des factures{% endif %} ci-dessous.",
      ],
      fourteen_day: [
        "Malgré nos rappels précédents, nous n'avons pas encore reçu le paiement {% if reminder.invoiceCount == 1 %}de la facture{% else %}des factures{% endif %} ci-dessous. Ceci est notre dernier rappel.",
      ],
    },
    closing: {
      friendly: [
        'Nous vous prions de bien vouloir régler la somme de {{ reminder.totalDue }} avant le {{ reminder.payBy }}{% if administration.iban != "" %} sur le compte {{ administration.iban }} au nom de {{ administration.accountHolder }}{% endif %}, en indiquant la référence {{ reminder.paymentReference }}.',
        "Si vous avez déjà payé, veuillez ne pas tenir compte de ce rappel. Pour toute question, n'hésitez pas à nous contacter.",
      ],
      firm: [
        'Nous vous demandons de régler sans délai la somme de {{ reminder.totalDue }} avant le {{ reminder.payBy }}{% if administration.iban != "" %} sur le compte {{ administration.iban }} au nom de {{ administration.accountHolder }}{% endif %}, en indiquant la référence {{ reminder.paymentReference }}.',
        'Si vous ne pouvez pas payer à temps, ou si vous contestez une facture, contactez-nous avant cette date afin que nous trouvions ensemble une solution.',
      ],
      fourteen_day: [
        'Nous vous mettons en demeure de payer la somme de {{ reminder.totalDue }} dans un délai de quatorze jours à compter du lendemain de la réception de cette lettre{% if administration.iban != "" %}, sur le compte {{ administration.iban }} au nom de {{ administration.accountHolder }}{% endif %}, en indiquant la référence {{ reminder.paymentReference }}.',
        `À défaut de paiement dans ce délai, des frais de recouvrement extrajudiciaires vous seront facturés. ${costsFr}`,
        'Pour toute question, ou si vous contestez cette créance, contactez-nous dans ce délai.',
      ],
    },
    regards: 'Veuillez agréer nos salutations distinguées,',
    table: {
      invoice: 'Facture',
      dueDate: 'Échéance',
      daysOverdue: 'Jours',
      open: 'Restant dû',
      credits: 'Moins avoirs',
      charges: 'Intérêts et frais',
      due: 'À payer',
    },
    payWith: 'Payer',
    sms: {
      friendly:
        '{{ administration.senderName }} : {{ reminder.invoiceCount }} facture(s) pour {{ reminder.totalDue }} sont échues. Merci de payer avant le {{ reminder.payBy }}, réf. {{ reminder.paymentReference }}.{% for link in links %} {{ link.url }}{% endfor %}',
      firm: "{{ administration.senderName }} : votre paiement de {{ reminder.totalDue }} n'est pas encore reçu. Merci de payer avant le {{ reminder.payBy }}, réf. {{ reminder.paymentReference }}.{% for link in links %} {{ link.url }}{% endfor %}",
      fourteen_day:
        '{{ administration.senderName }} : mise en demeure pour {{ reminder.totalDue }}. Paiement sous 14 jours après réception, sinon des frais de recouvrement suivront. Voir notre lettre.{% for link in links %} {{ link.url }}{% endfor %}',
    },
  },
};
