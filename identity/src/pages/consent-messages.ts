import type { Language } from '../accounts/accounts.ts';

/** The consent page's and the applications page's texts, per language. */
export interface ConsentMessages {
  title: string;
  /** "{app} asks to:" */
  asks: (app: string) => string;
  signedInAs: (email: string) => string;
  allow: string;
  deny: string;
  remembered: string;
  /** Each scope in words; a scope not listed is shown by its name. */
  scopes: Record<string, string>;
  appsTitle: string;
  appsIntro: string;
  appsNone: string;
  appsAllowedOn: (date: string) => string;
  revoke: (app: string) => string;
  revoked: (app: string) => string;
  notSignedIn: string;
}

export const CONSENT_MESSAGES: Record<Language, ConsentMessages> = {
  en: {
    title: 'Allow access?',
    asks: (app) => `${app} asks to:`,
    signedInAs: (email) => `You are signed in as ${email}.`,
    allow: 'Allow',
    deny: 'Deny',
    remembered:
      'Kredo remembers your answer. You can take the access back at any time under “Applications” of your account.',
    scopes: {
      openid: 'Know who you are (your Kredo account)',
      email: 'See your e-mail address',
      profile: 'See your name and language',
      offline_access: 'Keep this access while you are away, until you take it back',
      'ledger:read': 'See debtors, invoices and payments',
      'ledger:write': 'Create and change debtors, invoices and payments',
      'import:write': 'Import debtors, invoices and bank statements',
      'dunning:read': 'See dunning: strategies, actions, tasks, disputes and promises',
      'dunning:write': 'Do the daily dunning work: tasks, notes, holds, disputes, promises and plans',
      'dunning:manage': 'Design dunning: strategies, segments and schedules',
      'reports:manage': 'Schedule reports mailed to a list of people',
      'plugins:manage': 'Install, configure and remove plugins',
      'identity:manage': 'Manage users, API clients and applications, and read the audit log',
      'marketplace:publish': 'Publish plugins to the marketplace',
    },
    appsTitle: 'Applications',
    appsIntro: 'These applications may act for you. Taking access back signs them out at once.',
    appsNone: 'You have not allowed any application.',
    appsAllowedOn: (date) => `Allowed on ${date}`,
    revoke: (app) => `Take back access of ${app}`,
    revoked: (app) => `${app} no longer has access.`,
    notSignedIn: 'You are not signed in. Sign in through one of your applications first.',
  },
  nl: {
    title: 'Toegang geven?',
    asks: (app) => `${app} vraagt om:`,
    signedInAs: (email) => `U bent ingelogd als ${email}.`,
    allow: 'Toestaan',
    deny: 'Weigeren',
    remembered:
      'Kredo onthoudt uw antwoord. U kunt de toegang altijd intrekken onder ‘Applicaties’ van uw account.',
    scopes: {
      openid: 'Weten wie u bent (uw Kredo-account)',
      email: 'Uw e-mailadres zien',
      profile: 'Uw naam en taal zien',
      offline_access: 'Deze toegang houden als u er niet bent, tot u die intrekt',
      'ledger:read': 'Debiteuren, facturen en betalingen zien',
      'ledger:write': 'Debiteuren, facturen en betalingen aanmaken en wijzigen',
      'import:write': 'Debiteuren, facturen en bankafschriften importeren',
      'dunning:read': 'Het aanmanen zien: strategieën, acties, taken, geschillen en toezeggingen',
      'dunning:write':
        'Het dagelijkse aanmaanwerk doen: taken, notities, pauzes, geschillen, toezeggingen en regelingen',
      'dunning:manage': 'Het aanmanen inrichten: strategieën, segmenten en planningen',
      'reports:manage': 'Rapportages inplannen die per e-mail naar een lijst mensen gaan',
      'plugins:manage': 'Plug-ins installeren, instellen en verwijderen',
      'identity:manage': 'Gebruikers, API-clients en applicaties beheren en het auditlog lezen',
      'marketplace:publish': 'Plug-ins publiceren in de marketplace',
    },
    appsTitle: 'Applicaties',
    appsIntro: 'Deze applicaties mogen namens u handelen. Intrekken logt ze meteen uit.',
    appsNone: 'U hebt geen enkele applicatie toegang gegeven.',
    appsAllowedOn: (date) => `Toegestaan op ${date}`,
    revoke: (app) => `Toegang van ${app} intrekken`,
    revoked: (app) => `${app} heeft geen toegang meer.`,
    notSignedIn: 'U bent niet ingelogd. Log eerst in via een van uw applicaties.',
  },
  de: {
    title: 'Zugriff erlauben?',
    asks: (app) => `${app} möchte:`,
    signedInAs: (email) => `Sie sind angemeldet als ${email}.`,
    allow: 'Erlauben',
    deny: 'Ablehnen',
    remembered:
      'Kredo merkt sich Ihre Antwort. Sie können den Zugriff jederzeit unter „Anwendungen“ Ihres Kontos widerrufen.',
    scopes: {
      openid: 'Wissen, wer Sie sind (Ihr Kredo-Konto)',
      email: 'Ihre E-Mail-Adresse sehen',
      profile: 'Ihren Namen und Ihre Sprache sehen',
      offline_access: 'Diesen Zugriff behalten, wenn Sie nicht da sind, bis Sie ihn widerrufen',
      'ledger:read': 'Debitoren, Rechnungen und Zahlungen sehen',
      'ledger:write': 'Debitoren, Rechnungen und Zahlungen anlegen und ändern',
      'import:write': 'Debitoren, Rechnungen und Kontoauszüge importieren',
      'dunning:read': 'Das Mahnwesen sehen: Strategien, Aktionen, Aufgaben, Streitfälle und Zusagen',
      'dunning:write':
        'Die tägliche Mahnarbeit erledigen: Aufgaben, Notizen, Sperren, Streitfälle, Zusagen und Ratenpläne',
      'dunning:manage': 'Das Mahnwesen einrichten: Strategien, Segmente und Zeitpläne',
      'reports:manage': 'Berichte planen, die per E-Mail an eine Liste von Personen gehen',
      'plugins:manage': 'Plug-ins installieren, einrichten und entfernen',
      'identity:manage': 'Benutzer, API-Clients und Anwendungen verwalten und das Audit-Log lesen',
      'marketplace:publish': 'Plug-ins im Marketplace veröffentlichen',
    },
    appsTitle: 'Anwendungen',
    appsIntro: 'Diese Anwendungen dürfen für Sie handeln. Ein Widerruf meldet sie sofort ab.',
    appsNone: 'Sie haben keiner Anwendung Zugriff erlaubt.',
    appsAllowedOn: (date) => `Erlaubt am ${date}`,
    revoke: (app) => `Zugriff von ${app} widerrufen`,
    revoked: (app) => `${app} hat keinen Zugriff mehr.`,
    notSignedIn: 'Sie sind nicht angemeldet. Melden Sie sich zuerst über eine Ihrer Anwendungen an.',
  },
  fr: {
    title: 'Autoriser l’accès ?',
    asks: (app) => `${app} demande à :`,
    signedInAs: (email) => `Vous êtes connecté en tant que ${email}.`,
    allow: 'Autoriser',
    deny: 'Refuser',
    remembered:
      'Kredo retient votre réponse. Vous pouvez retirer l’accès à tout moment sous « Applications » de votre compte.',
    scopes: {
      openid: 'Savoir qui vous êtes (votre compte Kredo)',
      email: 'Voir votre adresse e-mail',
      profile: 'Voir votre nom et votre langue',
      offline_access: 'Garder cet accès en votre absence, jusqu’à ce que vous le retiriez',
      'ledger:read': 'Voir les débiteurs, les factures et les paiements',
      'ledger:write': 'Créer et modifier les débiteurs, les factures et les paiements',
      'import:write': 'Importer les débiteurs, les factures et les relevés bancaires',
      'dunning:read': 'Voir le recouvrement : stratégies, actions, tâches, litiges et promesses',
      'dunning:write':
        'Faire le travail quotidien de relance : tâches, notes, suspensions, litiges, promesses et échéanciers',
      'dunning:manage': 'Concevoir le recouvrement : stratégies, segments et calendriers',
      'reports:manage': 'Planifier des rapports envoyés par e-mail à une liste de personnes',
      'plugins:manage': 'Installer, configurer et supprimer des plugins',
      'identity:manage':
        'Gérer les utilisateurs, les clients API et les applications, et lire le journal d’audit',
      'marketplace:publish': 'Publier des plugins sur la marketplace',
    },
    appsTitle: 'Applications',
    appsIntro: 'Ces applications peuvent agir en votre nom. Retirer l’accès les déconnecte aussitôt.',
    appsNone: 'Vous n’avez autorisé aucune application.',
    appsAllowedOn: (date) => `Autorisée le ${date}`,
    revoke: (app) => `Retirer l’accès de ${app}`,
    revoked: (app) => `${app} n’a plus accès.`,
    notSignedIn: 'Vous n’êtes pas connecté. Connectez-vous d’abord via l’une de vos applications.',
  },
};

/** A scope in words in `language`, or its name when Kredo has no words for it. */
export function scopeInWords(language: Language, scope: string): string {
  return CONSENT_MESSAGES[language].scopes[scope] ?? scope;
}
