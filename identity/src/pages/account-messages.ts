import type { Language } from '../accounts/accounts.ts';
import type { PasswordProblem } from '../accounts/password-rules.ts';

/**
 * The texts of the pages reached from a mailed link (invitation, password reset) and of the reset
 * mail, per language. Apart from the sign-in's MESSAGES so the two grow without touching each other.
 */
export interface AccountMessages {
  forgotPassword: string;
  invitationTitle: string;
  invitationIntro: string;
  resetTitle: string;
  resetIntro: string;
  resetSend: string;
  resetSent: string;
  newPasswordTitle: string;
  newPasswordLabel: string;
  newPasswordHint: string;
  savePassword: string;
  passwordSaved: string;
  backToSignIn: string;
  linkInvalid: string;
  formExpired: string;
  emailLabel: string;
  emailInvalid: string;
  problems: Record<PasswordProblem, string>;
  resetMailSubject: string;
  resetMailBody: (link: string, minutes: number) => string;
}

export const ACCOUNT_MESSAGES: Record<Language, AccountMessages> = {
  en: {
    forgotPassword: 'Forgot your password?',
    invitationTitle: 'Choose your password',
    invitationIntro: 'You have been invited to Kredo. Choose the password you will sign in with.',
    resetTitle: 'Reset your password',
    resetIntro:
      'Enter your e-mail address. If it belongs to an account, we send it a link to choose a new password.',
    resetSend: 'Send the link',
    resetSent:
      'If that address belongs to an account, a link to choose a new password is on its way. It works once, for an hour.',
    newPasswordTitle: 'Choose a new password',
    newPasswordLabel: 'New password',
    newPasswordHint: 'At least 12 characters; not a common password, nor your e-mail address.',
    savePassword: 'Save the password',
    passwordSaved: 'Your password is saved. You can sign in with it now.',
    backToSignIn: 'You can close this page and sign in from Kredo.',
    linkInvalid: 'This link has expired or has been used already. Ask for a new one.',
    formExpired: 'The form has expired. Please try again.',
    emailLabel: 'E-mail address',
    emailInvalid: 'Enter an e-mail address, like name@example.com.',
    problems: {
      too_short: 'The password is too short: use at least 12 characters.',
      too_long: 'The password is too long: use at most 256 characters.',
      common: 'That password is too common. Choose another.',
      contains_email: 'The password must not contain your e-mail address.',
    },
    resetMailSubject: 'Reset your Kredo password',
    resetMailBody: (link, minutes) =>
      `Someone (hopefully you) asked to reset the password of your Kredo account. Choose a new one with this link; it works once, for ${minutes} minutes:\n\n${link}\n\nIf you did not ask for this, ignore this message: your password stays as it is.`,
  },
  nl: {
    forgotPassword: 'Wachtwoord vergeten?',
    invitationTitle: 'Kies uw wachtwoord',
    invitationIntro: 'U bent uitgenodigd voor Kredo. Kies het wachtwoord waarmee u zich aanmeldt.',
    resetTitle: 'Wachtwoord opnieuw instellen',
    resetIntro:
      'Vul uw e-mailadres in. Hoort het bij een account, dan sturen we er een link naartoe om een nieuw wachtwoord te kiezen.',
    resetSend: 'Stuur de link',
    resetSent:
      'Hoort dat adres bij een account, dan is er een link onderweg om een nieuw wachtwoord te kiezen. Die werkt één keer, een uur lang.',
    newPasswordTitle: 'Kies een nieuw wachtwoord',
    newPasswordLabel: 'Nieuw wachtwoord',
    newPasswordHint: 'Minstens 12 tekens; geen veelgebruikt wachtwoord en niet uw e-mailadres.',
    savePassword: 'Wachtwoord opslaan',
    passwordSaved: 'Uw wachtwoord is opgeslagen. U kunt zich er nu mee aanmelden.',
    backToSignIn: 'U kunt deze pagina sluiten en zich aanmelden vanuit Kredo.',
    linkInvalid: 'Deze link is verlopen of al gebruikt. Vraag een nieuwe aan.',
    formExpired: 'Het formulier is verlopen. Probeer het opnieuw.',
    emailLabel: 'E-mailadres',
    emailInvalid: 'Vul een e-mailadres in, zoals naam@voorbeeld.nl.',
    problems: {
      too_short: 'Het wachtwoord is te kort: gebruik minstens 12 tekens.',
      too_long: 'Het wachtwoord is te lang: gebruik hoogstens 256 tekens.',
      common: 'Dat wachtwoord wordt te vaak gebruikt. Kies een ander.',
      contains_email: 'Het wachtwoord mag uw e-mailadres niet bevatten.',
    },
    resetMailSubject: 'Uw Kredo-wachtwoord opnieuw instellen',
    resetMailBody: (link, minutes) =>
      `Iemand (hopelijk u) heeft gevraagd het wachtwoord van uw Kredo-account opnieuw in te stellen. Kies een nieuw wachtwoord via deze link; die werkt één keer, ${minutes} minuten lang:\n\n${link}\n\nHeeft u hier niet om gevraagd, negeer dit bericht dan: uw wachtwoord blijft zoals het is.`,
  },
  de: {
    forgotPassword: 'Passwort vergessen?',
    invitationTitle: 'Wählen Sie Ihr Passwort',
    invitationIntro: 'Sie wurden zu Kredo eingeladen. Wählen Sie das Passwort, mit dem Sie sich anmelden.',
    resetTitle: 'Passwort zurücksetzen',
    resetIntro:
      'Geben Sie Ihre E-Mail-Adresse ein. Gehört sie zu einem Konto, senden wir ihr einen Link, um ein neues Passwort zu wählen.',
    resetSend: 'Link senden',
    resetSent:
      'Gehört diese Adresse zu einem Konto, ist ein Link zum Wählen eines neuen Passworts unterwegs. Er funktioniert einmal, eine Stunde lang.',
    newPasswordTitle: 'Wählen Sie ein neues Passwort',
    newPasswordLabel: 'Neues Passwort',
    newPasswordHint: 'Mindestens 12 Zeichen; kein häufiges Passwort und nicht Ihre E-Mail-Adresse.',
    savePassword: 'Passwort speichern',
    passwordSaved: 'Ihr Passwort ist gespeichert. Sie können sich jetzt damit anmelden.',
    backToSignIn: 'Sie können diese Seite schließen und sich in Kredo anmelden.',
    linkInvalid: 'Dieser Link ist abgelaufen oder wurde bereits verwendet. Fordern Sie einen neuen an.',
    formExpired: 'Das Formular ist abgelaufen. Bitte versuchen Sie es erneut.',
    emailLabel: 'E-Mail-Adresse',
    emailInvalid: 'Geben Sie eine E-Mail-Adresse ein, z. B. name@beispiel.de.',
    problems: {
      too_short: 'Das Passwort ist zu kurz: verwenden Sie mindestens 12 Zeichen.',
      too_long: 'Das Passwort ist zu lang: verwenden Sie höchstens 256 Zeichen.',
      common: 'Dieses Passwort ist zu verbreitet. Wählen Sie ein anderes.',
      contains_email: 'Das Passwort darf Ihre E-Mail-Adresse nicht enthalten.',
    },
    resetMailSubject: 'Ihr Kredo-Passwort zurücksetzen',
    resetMailBody: (link, minutes) =>
      `Jemand (hoffentlich Sie) hat verlangt, das Passwort Ihres Kredo-Kontos zurückzusetzen. Wählen Sie über diesen Link ein neues; er funktioniert einmal, ${minutes} Minuten lang:\n\n${link}\n\nWenn Sie das nicht verlangt haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.`,
  },
  fr: {
    forgotPassword: 'Mot de passe oublié ?',
    invitationTitle: 'Choisissez votre mot de passe',
    invitationIntro:
      'Vous avez été invité(e) à Kredo. Choisissez le mot de passe avec lequel vous vous connecterez.',
    resetTitle: 'Réinitialiser votre mot de passe',
    resetIntro:
      'Saisissez votre adresse e-mail. Si elle appartient à un compte, nous lui envoyons un lien pour choisir un nouveau mot de passe.',
    resetSend: 'Envoyer le lien',
    resetSent:
      'Si cette adresse appartient à un compte, un lien pour choisir un nouveau mot de passe est en route. Il fonctionne une fois, pendant une heure.',
    newPasswordTitle: 'Choisissez un nouveau mot de passe',
    newPasswordLabel: 'Nouveau mot de passe',
    newPasswordHint: 'Au moins 12 caractères ; pas un mot de passe courant, ni votre adresse e-mail.',
    savePassword: 'Enregistrer le mot de passe',
    passwordSaved: 'Votre mot de passe est enregistré. Vous pouvez vous connecter avec dès maintenant.',
    backToSignIn: 'Vous pouvez fermer cette page et vous connecter depuis Kredo.',
    linkInvalid: 'Ce lien a expiré ou a déjà été utilisé. Demandez-en un nouveau.',
    formExpired: 'Le formulaire a expiré. Veuillez réessayer.',
    emailLabel: 'Adresse e-mail',
    emailInvalid: 'Saisissez une adresse e-mail, comme nom@exemple.fr.',
    problems: {
      too_short: 'Le mot de passe est trop court : utilisez au moins 12 caractères.',
      too_long: 'Le mot de passe est trop long : utilisez au plus 256 caractères.',
      common: 'Ce mot de passe est trop courant. Choisissez-en un autre.',
      contains_email: 'Le mot de passe ne doit pas contenir votre adresse e-mail.',
    },
    resetMailSubject: 'Réinitialiser votre mot de passe Kredo',
    resetMailBody: (link, minutes) =>
      `Quelqu’un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte Kredo. Choisissez-en un nouveau avec ce lien ; il fonctionne une fois, pendant ${minutes} minutes :\n\n${link}\n\nSi vous ne l’avez pas demandé, ignorez ce message : votre mot de passe reste inchangé.`,
  },
};
