import type { Language } from '../accounts/accounts.ts';

/** The passkey texts of the sign-in pages, per language (apart from messages.ts: their own block). */
export interface PasskeyMessages {
  signInWithPasskey: string;
  useYourPasskey: string;
  orCode: string;
  addTitle: string;
  addIntro: string;
  add: string;
  skip: string;
  /** Shown by the page's script when the browser gave no passkey (cancelled, none, not allowed). */
  failed: string;
  /** The server did not accept what the browser gave. */
  refused: string;
  /** The stored name of a passkey added at sign-in. */
  defaultName: string;
}

export const PASSKEY_MESSAGES: Record<Language, PasskeyMessages> = {
  en: {
    signInWithPasskey: 'Sign in with a passkey',
    useYourPasskey: 'Use your passkey',
    orCode: 'Or enter a code',
    addTitle: 'Add a passkey',
    addIntro:
      'A passkey on this device (or your phone or security key) signs you in without a password or code, with your fingerprint, face or PIN.',
    add: 'Add a passkey',
    skip: 'Not now',
    failed: 'No passkey was used. Try again, or continue another way.',
    refused: 'That passkey was not accepted.',
    defaultName: 'Passkey',
  },
  nl: {
    signInWithPasskey: 'Inloggen met een passkey',
    useYourPasskey: 'Gebruik je passkey',
    orCode: 'Of voer een code in',
    addTitle: 'Een passkey toevoegen',
    addIntro:
      'Met een passkey op dit apparaat (of je telefoon of beveiligingssleutel) log je in zonder wachtwoord of code, met je vingerafdruk, gezicht of pincode.',
    add: 'Passkey toevoegen',
    skip: 'Nu niet',
    failed: 'Er is geen passkey gebruikt. Probeer het opnieuw, of ga op een andere manier verder.',
    refused: 'Die passkey is niet geaccepteerd.',
    defaultName: 'Passkey',
  },
  de: {
    signInWithPasskey: 'Mit einem Passkey anmelden',
    useYourPasskey: 'Passkey verwenden',
    orCode: 'Oder einen Code eingeben',
    addTitle: 'Passkey hinzufügen',
    addIntro:
      'Ein Passkey auf diesem Gerät (oder Ihrem Telefon oder Sicherheitsschlüssel) meldet Sie ohne Passwort oder Code an, mit Fingerabdruck, Gesicht oder PIN.',
    add: 'Passkey hinzufügen',
    skip: 'Nicht jetzt',
    failed: 'Es wurde kein Passkey verwendet. Versuchen Sie es erneut oder fahren Sie anders fort.',
    refused: 'Dieser Passkey wurde nicht akzeptiert.',
    defaultName: 'Passkey',
  },
  fr: {
    signInWithPasskey: 'Se connecter avec une clé d’accès',
    useYourPasskey: 'Utiliser votre clé d’accès',
    orCode: 'Ou saisissez un code',
    addTitle: 'Ajouter une clé d’accès',
    addIntro:
      'Une clé d’accès sur cet appareil (ou votre téléphone ou clé de sécurité) vous connecte sans mot de passe ni code, avec votre empreinte, votre visage ou votre code PIN.',
    add: 'Ajouter une clé d’accès',
    skip: 'Pas maintenant',
    failed: 'Aucune clé d’accès n’a été utilisée. Réessayez, ou continuez autrement.',
    refused: 'Cette clé d’accès n’a pas été acceptée.',
    defaultName: 'Clé d’accès',
  },
};
