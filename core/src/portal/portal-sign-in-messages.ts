import { negotiateLanguage } from '../shared/languages.ts';
/** The languages of the hosted sign-in pages and mail, as of everything a debtor sees. */
export const SIGN_IN_LANGUAGES = ['nl', 'en', 'de', 'fr'] as const;
export type SignInLanguage = (typeof SIGN_IN_LANGUAGES)[number];

export interface SignInMessages {
  languageName: string;
  languageSwitch: string;
  title: string;
  intro: string;
  email: string;
  emailHint: string;
  emailInvalid: string;
  errorSummary: string;
  send: string;
  sentTitle: string;
  sent: (minutes: number) => string;
  again: string;
  limitedTitle: string;
  limited: string;
  confirmTitle: string;
  confirm: string;
  choose: string;
  group: (name: string) => string;
  signIn: string;
  goneTitle: string;
  gone: string;
  notFoundTitle: string;
  notFound: string;
  expiredHint: string;
  /** The mail: a liquid template each, given `link`, `minutes` and `creditor`. */
  mailSubject: string;
  mailText: string;
}

const en: SignInMessages = {
  languageName: 'English',
  languageSwitch: 'Language',
  title: 'Sign in to your invoices',
  intro: 'Type the e-mail address we know you by. We will send you a link to sign in with.',
  email: 'E-mail address',
  emailHint: 'For example name@company.com',
  emailInvalid: 'Type an e-mail address such as name@company.com',
  errorSummary: 'There is a problem',
  send: 'Send me a link',
  sentTitle: 'Check your e-mail',
  sent: (minutes) =>
    `If we know this address, a link to sign in is on its way. It works once, for ${minutes} minutes.`,
  again: 'Ask for a new link',
  limitedTitle: 'Too many requests',
  limited: 'A link was asked for too often. Wait a few minutes and try again.',
  confirmTitle: 'Sign in',
  confirm: 'Press the button to sign in and see your invoices.',
  choose: 'Whose invoices do you want to see?',
  group: (name) => `${name} and its group`,
  signIn: 'Sign in',
  goneTitle: 'This link no longer works',
  gone: 'A link works once and for a short while. Ask for a new one.',
  notFoundTitle: 'Page not found',
  notFound: 'There is no sign-in page here.',
  expiredHint: 'When your session ends, ask for a new link.',
  mailSubject: 'Your link to sign in with {{ creditor }}',
  mailText:
    'Hello,\n\nOpen this link to see your invoices with {{ creditor }}:\n\n{{ link }}\n\nIt works once, for {{ minutes }} minutes. Did you not ask for it? Then ignore this e-mail.\n\n{{ creditor }}\n',
};

const nl: SignInMessages = {
  languageName: 'Nederlands',
  languageSwitch: 'Taal',
  title: 'Inloggen bij uw facturen',
  intro: 'Vul het e-mailadres in dat wij van u kennen. U krijgt een link om mee in te loggen.',
  email: 'E-mailadres',
  emailHint: 'Bijvoorbeeld naam@bedrijf.nl',
  emailInvalid: 'Vul een e-mailadres in, zoals naam@bedrijf.nl',
  errorSummary: 'Er is een probleem',
  send: 'Stuur mij een link',
  sentTitle: 'Kijk in uw e-mail',
  sent: (minutes) =>
    `Als wij dit adres kennen, is er een link om in te loggen onderweg. Die werkt één keer, ${minutes} minuten lang.`,
  again: 'Vraag een nieuwe link aan',
  limitedTitle: 'Te veel aanvragen',
  limited: 'Er is te vaak een link gevraagd. Wacht een paar minuten en probeer het opnieuw.',
  confirmTitle: 'Inloggen',
  confirm: 'Druk op de knop om in te loggen en uw facturen te zien.',
  choose: 'Van wie wilt u de facturen zien?',
  group: (name) => `${name} en zijn groep`,
  signIn: 'Inloggen',
  goneTitle: 'Deze link werkt niet meer',
  gone: 'Een link werkt één keer en maar kort. Vraag een nieuwe aan.',
  notFoundTitle: 'Pagina niet gevonden',
  notFound: 'Hier is geen inlogpagina.',
  expiredHint: 'Is uw sessie verlopen? Vraag dan een nieuwe link aan.',
  mailSubject: 'Uw link om in te loggen bij {{ creditor }}',
  mailText:
    'Beste klant,\n\nOpen deze link om uw facturen bij {{ creditor }} te zien:\n\n{{ link }}\n\nDe link werkt één keer, {{ minutes }} minuten lang. Heeft u hier niet om gevraagd? Dan kunt u deze e-mail negeren.\n\n{{ creditor }}\n',
};

const de: SignInMessages = {
  languageName: 'Deutsch',
  languageSwitch: 'Sprache',
  title: 'Anmelden für Ihre Rechnungen',
  intro: 'Geben Sie die E-Mail-Adresse ein, unter der wir Sie kennen. Wir senden Ihnen einen Anmeldelink.',
  email: 'E-Mail-Adresse',
  emailHint: 'Zum Beispiel name@firma.de',
  emailInvalid: 'Geben Sie eine E-Mail-Adresse ein, etwa name@firma.de',
  errorSummary: 'Es gibt ein Problem',
  send: 'Link senden',
  sentTitle: 'Sehen Sie in Ihre E-Mails',
  sent: (minutes) =>
    `Wenn wir diese Adresse kennen, ist ein Anmeldelink unterwegs. Er gilt einmal, ${minutes} Minuten lang.`,
  again: 'Neuen Link anfordern',
  limitedTitle: 'Zu viele Anfragen',
  limited: 'Es wurde zu oft ein Link angefordert. Warten Sie einige Minuten und versuchen Sie es erneut.',
  confirmTitle: 'Anmelden',
  confirm: 'Drücken Sie die Schaltfläche, um sich anzumelden und Ihre Rechnungen zu sehen.',
  choose: 'Wessen Rechnungen möchten Sie sehen?',
  group: (name) => `${name} und seine Gruppe`,
  signIn: 'Anmelden',
  goneTitle: 'Dieser Link gilt nicht mehr',
  gone: 'Ein Link gilt einmal und nur kurz. Fordern Sie einen neuen an.',
  notFoundTitle: 'Seite nicht gefunden',
  notFound: 'Hier gibt es keine Anmeldeseite.',
  expiredHint: 'Ist Ihre Sitzung abgelaufen, fordern Sie einen neuen Link an.',
  mailSubject: 'Ihr Anmeldelink für {{ creditor }}',
  mailText:
    'Guten Tag,\n\nÖffnen Sie diesen Link, um Ihre Rechnungen bei {{ creditor }} zu sehen:\n\n{{ link }}\n\nEr gilt einmal, {{ minutes }} Minuten lang. Haben Sie ihn nicht angefordert? Dann ignorieren Sie diese E-Mail.\n\n{{ creditor }}\n',
};

const fr: SignInMessages = {
  languageName: 'Français',
  languageSwitch: 'Langue',
  title: 'Connexion à vos factures',
  intro:
    'Saisissez l’adresse e-mail sous laquelle nous vous connaissons. Nous vous enverrons un lien de connexion.',
  email: 'Adresse e-mail',
  emailHint: 'Par exemple nom@societe.fr',
  emailInvalid: 'Saisissez une adresse e-mail, comme nom@societe.fr',
  errorSummary: 'Il y a un problème',
  send: 'Envoyez-moi un lien',
  sentTitle: 'Consultez vos e-mails',
  sent: (minutes) =>
    `Si nous connaissons cette adresse, un lien de connexion est en route. Il fonctionne une fois, pendant ${minutes} minutes.`,
  again: 'Demander un nouveau lien',
  limitedTitle: 'Trop de demandes',
  limited: 'Un lien a été demandé trop souvent. Attendez quelques minutes puis réessayez.',
  confirmTitle: 'Connexion',
  confirm: 'Appuyez sur le bouton pour vous connecter et voir vos factures.',
  choose: 'De qui voulez-vous voir les factures ?',
  group: (name) => `${name} et son groupe`,
  signIn: 'Se connecter',
  goneTitle: 'Ce lien ne fonctionne plus',
  gone: 'Un lien fonctionne une fois et peu de temps. Demandez-en un nouveau.',
  notFoundTitle: 'Page introuvable',
  notFound: 'Il n’y a pas de page de connexion ici.',
  expiredHint: 'Votre session a pris fin ? Demandez un nouveau lien.',
  mailSubject: 'Votre lien de connexion chez {{ creditor }}',
  mailText:
    'Bonjour,\n\nOuvrez ce lien pour voir vos factures chez {{ creditor }} :\n\n{{ link }}\n\nIl fonctionne une fois, pendant {{ minutes }} minutes. Vous ne l’avez pas demandé ? Ignorez cet e-mail.\n\n{{ creditor }}\n',
};

export const SIGN_IN_MESSAGES: Record<SignInLanguage, SignInMessages> = { nl, en, de, fr };

/** The language asked for (`?lang=`, a form field), else the browser's preferred that we have, else English. */
export function signInLanguage(asked: unknown, acceptLanguage: string | undefined): SignInLanguage {
  if (SIGN_IN_LANGUAGES.includes(asked as SignInLanguage)) return asked as SignInLanguage;
  return negotiateLanguage(acceptLanguage, SIGN_IN_LANGUAGES) ?? 'en';
}
