import type { Language } from '../accounts/accounts.ts';

/** The texts of signing in through a tenant's own provider (upstream SSO), per language. */
export interface SsoMessages {
  title: string;
  goingThere: string;
  goOn: string;
  unreachable: string;
  refused: string;
  backThere: string;
  backHere: string;
  restart: string;
}

export const SSO_MESSAGES: Record<Language, SsoMessages> = {
  en: {
    title: 'Sign in with your organisation',
    goingThere: 'Your organisation signs you in with its own sign-in service. You are being taken there.',
    goOn: 'Continue to your organisation’s sign-in',
    unreachable: 'Your organisation’s sign-in service cannot be reached. Try again in a moment.',
    refused:
      'Your organisation’s sign-in did not sign you in to Kredo. Use your organisation’s account for the e-mail address you entered, or ask your administrator.',
    backThere: 'You are signed in with your organisation. You are being taken back to Kredo.',
    backHere: 'Continue',
    restart: 'Sign in again',
  },
  nl: {
    title: 'Inloggen via je organisatie',
    goingThere: 'Je organisatie laat je inloggen met haar eigen inlogdienst. Je wordt daarheen gebracht.',
    goOn: 'Verder naar de inlogpagina van je organisatie',
    unreachable: 'De inlogdienst van je organisatie is niet bereikbaar. Probeer het zo nog eens.',
    refused:
      'Je bent via je organisatie niet bij Kredo ingelogd. Gebruik het account van je organisatie voor het e-mailadres dat je invulde, of vraag het je beheerder.',
    backThere: 'Je bent ingelogd via je organisatie. Je gaat terug naar Kredo.',
    backHere: 'Verder',
    restart: 'Opnieuw inloggen',
  },
  de: {
    title: 'Über Ihre Organisation anmelden',
    goingThere:
      'Ihre Organisation meldet Sie über ihren eigenen Anmeldedienst an. Sie werden dorthin weitergeleitet.',
    goOn: 'Weiter zur Anmeldung Ihrer Organisation',
    unreachable:
      'Der Anmeldedienst Ihrer Organisation ist nicht erreichbar. Versuchen Sie es gleich noch einmal.',
    refused:
      'Die Anmeldung Ihrer Organisation hat Sie nicht bei Kredo angemeldet. Verwenden Sie das Konto Ihrer Organisation für die eingegebene E-Mail-Adresse, oder fragen Sie Ihre Administration.',
    backThere: 'Sie sind über Ihre Organisation angemeldet. Sie werden zu Kredo zurückgeleitet.',
    backHere: 'Weiter',
    restart: 'Erneut anmelden',
  },
  fr: {
    title: 'Se connecter avec votre organisation',
    goingThere:
      'Votre organisation vous connecte avec son propre service de connexion. Vous y êtes redirigé.',
    goOn: 'Continuer vers la connexion de votre organisation',
    unreachable: 'Le service de connexion de votre organisation est injoignable. Réessayez dans un instant.',
    refused:
      'La connexion de votre organisation ne vous a pas connecté à Kredo. Utilisez le compte de votre organisation pour l’adresse e-mail saisie, ou adressez-vous à votre administrateur.',
    backThere: 'Vous êtes connecté avec votre organisation. Vous êtes ramené à Kredo.',
    backHere: 'Continuer',
    restart: 'Se reconnecter',
  },
};
