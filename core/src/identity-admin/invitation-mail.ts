import { createHash } from 'node:crypto';
import { invitationLink, type Language } from '@kredo/identity';
import type { Mailer, OutgoingMail } from '../mail/mailer.ts';

export interface InvitationMailDeps {
  /** Core's SMTP mailer (KREDO_SMTP_URL); null: invitations are made but not mailed, and say so. */
  mailer: Mailer | null;
  /** The identity server's public URL, where the invitation's link leads. */
  identityUrl: string;
}

const TEXTS: Record<
  Language,
  { subject: string; body: (name: string, link: string, until: string) => string }
> = {
  nl: {
    subject: 'Uitnodiging voor Kredo',
    body: (name, link, until) =>
      `Beste ${name},\n\nU bent uitgenodigd voor Kredo. Kies uw wachtwoord via deze link (eenmalig te gebruiken, geldig tot ${until}):\n\n${link}\n\nVerwachtte u deze uitnodiging niet, dan kunt u dit bericht negeren.`,
  },
  en: {
    subject: 'Your invitation to Kredo',
    body: (name, link, until) =>
      `Dear ${name},\n\nYou have been invited to Kredo. Choose your password with this link (it works once, until ${until}):\n\n${link}\n\nIf you did not expect this invitation, you can ignore this message.`,
  },
  de: {
    subject: 'Ihre Einladung zu Kredo',
    body: (name, link, until) =>
      `Guten Tag ${name},\n\nSie wurden zu Kredo eingeladen. Wählen Sie Ihr Passwort über diesen Link (einmal verwendbar, gültig bis ${until}):\n\n${link}\n\nWenn Sie diese Einladung nicht erwartet haben, können Sie diese Nachricht ignorieren.`,
  },
  fr: {
    subject: 'Votre invitation à Kredo',
    body: (name, link, until) =>
      `Bonjour ${name},\n\nVous avez été invité(e) à Kredo. Choisissez votre mot de passe avec ce lien (utilisable une fois, jusqu’au ${until}) :\n\n${link}\n\nSi vous n’attendiez pas cette invitation, vous pouvez ignorer ce message.`,
  },
};

/**
 * The invitation mail, in the invited person's language: plain text only (a link and when it
 * expires, in UTC). The Message-ID is per token, so a retried send is recognised as the same mail.
 */
export function invitationMail(input: {
  to: string;
  name: string;
  language: Language;
  link: string;
  expiresAt: Date;
  tokenId: string;
}): OutgoingMail {
  const text = TEXTS[input.language];
  const until = `${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return {
    to: input.to,
    fromName: 'Kredo',
    subject: text.subject,
    text: text.body(input.name, input.link, until),
    messageId: `<inv_${input.tokenId}@kredo>`,
    language: input.language,
  };
}

/**
 * Mails an invitation (a staff member's or a partner's) with the identity server's link. The
 * invitation exists whether or not the mail goes out: the answer says which, and why not.
 */
export async function sendInvitation(
  deps: InvitationMailDeps,
  invited: { member: { email: string; name: string; language: Language }; token: string; expiresAt: Date },
): Promise<{ mailed: boolean; problem: string | null }> {
  if (!deps.mailer) return { mailed: false, problem: 'no mail server is configured (KREDO_SMTP_URL)' };
  const { member, token, expiresAt } = invited;
  try {
    await deps.mailer.send(
      invitationMail({
        to: member.email,
        name: member.name,
        language: member.language,
        link: invitationLink(deps.identityUrl, token),
        expiresAt,
        tokenId: createHash('sha256').update(token).digest('hex').slice(0, 24),
      }),
    );
    return { mailed: true, problem: null };
  } catch (error) {
    return { mailed: false, problem: (error as Error).message.slice(0, 300) };
  }
}
