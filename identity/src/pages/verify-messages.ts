import type { Language } from '../accounts/accounts.ts';

/** The e-mail verification mail and page, per language. */
export interface VerifyMessages {
  title: string;
  intro: (email: string) => string;
  confirm: string;
  verified: string;
  mailSubject: string;
  mailBody: (name: string, link: string, hours: number) => string;
}

export const VERIFY_MESSAGES: Record<Language, VerifyMessages> = {
  en: {
    title: 'Confirm your e-mail address',
    intro: (email) => `Confirm that ${email} is your e-mail address for Kredo.`,
    confirm: 'Confirm',
    verified: 'Thank you: your e-mail address is confirmed.',
    mailSubject: 'Confirm your e-mail address for Kredo',
    mailBody: (name, link, hours) =>
      `Dear ${name},\n\nPlease confirm that this is your e-mail address for Kredo with this link (it works once, for ${hours} hours):\n\n${link}\n\nIf you do not use Kredo, you can ignore this message.`,
  },
  nl: {
    title: 'Bevestig uw e-mailadres',
    intro: (email) => `Bevestig dat ${email} uw e-mailadres voor Kredo is.`,
    confirm: 'Bevestigen',
    verified: 'Dank u: uw e-mailadres is bevestigd.',
    mailSubject: 'Bevestig uw e-mailadres voor Kredo',
    mailBody: (name, link, hours) =>
      `Beste ${name},\n\nBevestig met deze link dat dit uw e-mailadres voor Kredo is (eenmalig te gebruiken, ${hours} uur geldig):\n\n${link}\n\nGebruikt u Kredo niet, dan kunt u dit bericht negeren.`,
  },
  de: {
    title: 'Bestätigen Sie Ihre E-Mail-Adresse',
    intro: (email) => `Bestätigen Sie, dass ${email} Ihre E-Mail-Adresse für Kredo ist.`,
    confirm: 'Bestätigen',
    verified: 'Danke: Ihre E-Mail-Adresse ist bestätigt.',
    mailSubject: 'Bestätigen Sie Ihre E-Mail-Adresse für Kredo',
    mailBody: (name, link, hours) =>
      `Guten Tag ${name},\n\nbitte bestätigen Sie mit diesem Link, dass dies Ihre E-Mail-Adresse für Kredo ist (einmal verwendbar, ${hours} Stunden gültig):\n\n${link}\n\nWenn Sie Kredo nicht nutzen, können Sie diese Nachricht ignorieren.`,
  },
  fr: {
    title: 'Confirmez votre adresse e-mail',
    intro: (email) => `Confirmez que ${email} est votre adresse e-mail pour Kredo.`,
    confirm: 'Confirmer',
    verified: 'Merci : votre adresse e-mail est confirmée.',
    mailSubject: 'Confirmez votre adresse e-mail pour Kredo',
    mailBody: (name, link, hours) =>
      `Bonjour ${name},\n\nVeuillez confirmer avec ce lien qu’il s’agit de votre adresse e-mail pour Kredo (utilisable une fois, valable ${hours} heures) :\n\n${link}\n\nSi vous n’utilisez pas Kredo, ignorez ce message.`,
  },
};
