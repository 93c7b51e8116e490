import type { Language } from '../accounts/accounts.ts';

/** Every text of the sign-in pages, per language: a missing one is a type error, not a blank. */
export interface Messages {
  languageName: string;
  languageSwitch: string;
  signInTitle: string;
  emailLabel: string;
  emailInvalid: string;
  continue: string;
  passwordLabel: string;
  passwordRequired: string;
  signIn: string;
  wrongCredentials: string;
  tooManyAttempts: (minutes: number) => string;
  otherEmail: string;
  secondFactorTitle: string;
  codeLabel: string;
  codeHint: string;
  wrongCode: string;
  enrolTitle: string;
  enrolIntro: string;
  qrAlt: string;
  secretLabel: string;
  confirmCodeLabel: string;
  recoveryTitle: string;
  recoveryIntro: string;
  tenantTitle: string;
  tenantLegend: string;
  /** A publisher on the choice page, beside the tenants: the person signs in as its partner. */
  publisherChoice: (publisher: string) => string;
  noAccess: string;
  expired: string;
  formExpired: string;
  notFirstParty: string;
  logoutTitle: string;
  logoutQuestion: string;
  logoutYes: string;
  logoutNo: string;
  loggedOut: string;
  errorTitle: string;
  errorBody: string;
  errorSummary: string;
}

export const MESSAGES: Record<Language, Messages> = {
  en: {
    languageName: 'English',
    languageSwitch: 'Language',
    signInTitle: 'Sign in to Kredo',
    emailLabel: 'E-mail address',
    emailInvalid: 'Enter an e-mail address, like name@example.com.',
    continue: 'Continue',
    passwordLabel: 'Password',
    passwordRequired: 'Enter your password.',
    signIn: 'Sign in',
    wrongCredentials: 'The e-mail address or the password is wrong.',
    tooManyAttempts: (minutes) =>
      `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    otherEmail: 'Use another e-mail address',
    secondFactorTitle: 'Two-step verification',
    codeLabel: 'Code from your authenticator app, or a recovery code',
    codeHint: 'Six digits, or a recovery code like abcd-efgh-jkmn-pqrs.',
    wrongCode: 'That code is wrong or was used already.',
    enrolTitle: 'Set up two-step verification',
    enrolIntro:
      'Your organisation asks for a second step at sign-in. Scan the QR code with an authenticator app, or type the key into it, then enter the code it shows.',
    qrAlt: 'QR code for your authenticator app',
    secretLabel: 'Key',
    confirmCodeLabel: 'Code from your authenticator app',
    recoveryTitle: 'Your recovery codes',
    recoveryIntro:
      'If you lose your phone, each of these codes signs you in once instead of the app. Keep them somewhere safe: they are shown only now.',
    tenantTitle: 'Choose an organisation',
    tenantLegend: 'Organisation',
    publisherChoice: (publisher) => `${publisher} (plugin publisher)`,
    noAccess: 'This account has no access to any organisation. Ask your administrator.',
    expired: 'This sign-in has expired. Go back to the application and start again.',
    formExpired: 'The page was out of date. Please try again.',
    notFirstParty: 'This application cannot ask for access yet.',
    logoutTitle: 'Sign out',
    logoutQuestion: 'Do you want to sign out of Kredo?',
    logoutYes: 'Sign out',
    logoutNo: 'Stay signed in',
    loggedOut: 'You are signed out.',
    errorTitle: 'Something went wrong',
    errorBody: 'The request could not be completed.',
    errorSummary: 'There is a problem',
  },
  nl: {
    languageName: 'Nederlands',
    languageSwitch: 'Taal',
    signInTitle: 'Inloggen bij Kredo',
    emailLabel: 'E-mailadres',
    emailInvalid: 'Vul een e-mailadres in, zoals naam@voorbeeld.nl.',
    continue: 'Verder',
    passwordLabel: 'Wachtwoord',
    passwordRequired: 'Vul uw wachtwoord in.',
    signIn: 'Inloggen',
    wrongCredentials: 'Het e-mailadres of het wachtwoord klopt niet.',
    tooManyAttempts: (minutes) =>
      `Te veel mislukte pogingen. Probeer het over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} opnieuw.`,
    otherEmail: 'Een ander e-mailadres gebruiken',
    secondFactorTitle: 'Verificatie in twee stappen',
    codeLabel: 'Code uit uw authenticator-app, of een herstelcode',
    codeHint: 'Zes cijfers, of een herstelcode zoals abcd-efgh-jkmn-pqrs.',
    wrongCode: 'Die code klopt niet of is al gebruikt.',
    enrolTitle: 'Verificatie in twee stappen instellen',
    enrolIntro:
      'Uw organisatie vraagt een tweede stap bij het inloggen. Scan de QR-code met een authenticator-app, of typ de sleutel over, en vul de code in die de app toont.',
    qrAlt: 'QR-code voor uw authenticator-app',
    secretLabel: 'Sleutel',
    confirmCodeLabel: 'Code uit uw authenticator-app',
    recoveryTitle: 'Uw herstelcodes',
    recoveryIntro:
      'Raakt u uw telefoon kwijt, dan logt elke code u één keer in zonder de app. Bewaar ze op een veilige plek: ze worden alleen nu getoond.',
    tenantTitle: 'Kies een organisatie',
    tenantLegend: 'Organisatie',
    publisherChoice: (publisher) => `${publisher} (pluginuitgever)`,
    noAccess: 'Dit account heeft geen toegang tot een organisatie. Vraag het uw beheerder.',
    expired: 'Deze inlogpoging is verlopen. Ga terug naar de toepassing en begin opnieuw.',
    formExpired: 'De pagina was verouderd. Probeer het opnieuw.',
    notFirstParty: 'Deze toepassing kan nog geen toegang vragen.',
    logoutTitle: 'Uitloggen',
    logoutQuestion: 'Wilt u uitloggen bij Kredo?',
    logoutYes: 'Uitloggen',
    logoutNo: 'Ingelogd blijven',
    loggedOut: 'U bent uitgelogd.',
    errorTitle: 'Er ging iets mis',
    errorBody: 'Het verzoek kon niet worden afgerond.',
    errorSummary: 'Er is een probleem',
  },
  de: {
    languageName: 'Deutsch',
    languageSwitch: 'Sprache',
    signInTitle: 'Bei Kredo anmelden',
    emailLabel: 'E-Mail-Adresse',
    emailInvalid: 'Geben Sie eine E-Mail-Adresse ein, z. B. name@beispiel.de.',
    continue: 'Weiter',
    passwordLabel: 'Passwort',
    passwordRequired: 'Geben Sie Ihr Passwort ein.',
    signIn: 'Anmelden',
    wrongCredentials: 'Die E-Mail-Adresse oder das Passwort ist falsch.',
    tooManyAttempts: (minutes) =>
      `Zu viele fehlgeschlagene Versuche. Versuchen Sie es in ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} erneut.`,
    otherEmail: 'Eine andere E-Mail-Adresse verwenden',
    secondFactorTitle: 'Zwei-Schritt-Verifizierung',
    codeLabel: 'Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode',
    codeHint: 'Sechs Ziffern oder ein Wiederherstellungscode wie abcd-efgh-jkmn-pqrs.',
    wrongCode: 'Dieser Code ist falsch oder wurde schon verwendet.',
    enrolTitle: 'Zwei-Schritt-Verifizierung einrichten',
    enrolIntro:
      'Ihre Organisation verlangt bei der Anmeldung einen zweiten Schritt. Scannen Sie den QR-Code mit einer Authenticator-App oder geben Sie den Schlüssel ein, und tragen Sie dann den angezeigten Code ein.',
    qrAlt: 'QR-Code für Ihre Authenticator-App',
    secretLabel: 'Schlüssel',
    confirmCodeLabel: 'Code aus Ihrer Authenticator-App',
    recoveryTitle: 'Ihre Wiederherstellungscodes',
    recoveryIntro:
      'Wenn Sie Ihr Telefon verlieren, meldet Sie jeder dieser Codes einmal ohne die App an. Bewahren Sie sie sicher auf: Sie werden nur jetzt angezeigt.',
    tenantTitle: 'Organisation wählen',
    tenantLegend: 'Organisation',
    publisherChoice: (publisher) => `${publisher} (Plugin-Herausgeber)`,
    noAccess: 'Dieses Konto hat keinen Zugang zu einer Organisation. Fragen Sie Ihren Administrator.',
    expired: 'Diese Anmeldung ist abgelaufen. Kehren Sie zur Anwendung zurück und beginnen Sie neu.',
    formExpired: 'Die Seite war veraltet. Bitte versuchen Sie es erneut.',
    notFirstParty: 'Diese Anwendung kann noch keinen Zugriff anfragen.',
    logoutTitle: 'Abmelden',
    logoutQuestion: 'Möchten Sie sich von Kredo abmelden?',
    logoutYes: 'Abmelden',
    logoutNo: 'Angemeldet bleiben',
    loggedOut: 'Sie sind abgemeldet.',
    errorTitle: 'Etwas ist schiefgegangen',
    errorBody: 'Die Anfrage konnte nicht abgeschlossen werden.',
    errorSummary: 'Es gibt ein Problem',
  },
  fr: {
    languageName: 'Français',
    languageSwitch: 'Langue',
    signInTitle: 'Se connecter à Kredo',
    emailLabel: 'Adresse e-mail',
    emailInvalid: 'Saisissez une adresse e-mail, par exemple nom@exemple.fr.',
    continue: 'Continuer',
    passwordLabel: 'Mot de passe',
    passwordRequired: 'Saisissez votre mot de passe.',
    signIn: 'Se connecter',
    wrongCredentials: "L'adresse e-mail ou le mot de passe est incorrect.",
    tooManyAttempts: (minutes) =>
      `Trop de tentatives échouées. Réessayez dans ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    otherEmail: 'Utiliser une autre adresse e-mail',
    secondFactorTitle: 'Validation en deux étapes',
    codeLabel: "Code de votre application d'authentification, ou un code de récupération",
    codeHint: 'Six chiffres, ou un code de récupération comme abcd-efgh-jkmn-pqrs.',
    wrongCode: 'Ce code est incorrect ou a déjà été utilisé.',
    enrolTitle: 'Configurer la validation en deux étapes',
    enrolIntro:
      "Votre organisation demande une deuxième étape à la connexion. Scannez le code QR avec une application d'authentification, ou saisissez-y la clé, puis entrez le code qu'elle affiche.",
    qrAlt: "Code QR pour votre application d'authentification",
    secretLabel: 'Clé',
    confirmCodeLabel: "Code de votre application d'authentification",
    recoveryTitle: 'Vos codes de récupération',
    recoveryIntro:
      "Si vous perdez votre téléphone, chacun de ces codes vous connecte une fois sans l'application. Conservez-les en lieu sûr : ils ne sont affichés que maintenant.",
    tenantTitle: 'Choisissez une organisation',
    tenantLegend: 'Organisation',
    publisherChoice: (publisher) => `${publisher} (éditeur de plugins)`,
    noAccess: "Ce compte n'a accès à aucune organisation. Adressez-vous à votre administrateur.",
    expired: "Cette connexion a expiré. Retournez à l'application et recommencez.",
    formExpired: 'La page était périmée. Veuillez réessayer.',
    notFirstParty: "Cette application ne peut pas encore demander d'accès.",
    logoutTitle: 'Se déconnecter',
    logoutQuestion: 'Voulez-vous vous déconnecter de Kredo ?',
    logoutYes: 'Se déconnecter',
    logoutNo: 'Rester connecté',
    loggedOut: 'Vous êtes déconnecté.',
    errorTitle: "Une erreur s'est produite",
    errorBody: "La demande n'a pas pu aboutir.",
    errorSummary: 'Il y a un problème',
  },
};
