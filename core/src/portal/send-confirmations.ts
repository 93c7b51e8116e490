import { sendMailOutbox } from '../mail/mail-outbox.ts';
import type { MailOutboxDeps, MailOutboxRun } from '../mail/try-send.ts';

export type ConfirmationRun = MailOutboxRun;

interface Pending {
  id: string;
  attempts: number;
  to: string;
  from_name: string;
  reply_to: string | null;
  subject: string;
  text: string;
  language: string;
}

/** A confirmation's Message-ID: the same on every attempt, so a resend after a crash is recognised. */
export const confirmationMessageId = (id: string) => `<${id}@kredo>`;

/**
 * Sends the confirmations portal actions queued (queue-confirmation.ts), for one tenant or each in
 * turn, through the mail outbox (mail/mail-outbox.ts: claimed under a lease, sent once with a
 * deterministic Message-ID, retried with backoff, `not_sent` without SMTP): From the administration's
 * sender name, with its reply-to, in the debtor's language.
 */
export function sendConfirmations(deps: MailOutboxDeps): Promise<ConfirmationRun> {
  return sendMailOutbox<Pending>(deps, {
    table: 'portal_confirmation',
    status: 'status',
    attempts: 'attempts',
    reason: 'reason',
    nextAttemptAt: 'next_attempt_at',
    sentAt: 'sent_at',
    select: '"to", from_name, reply_to, subject, text, language',
    mail: (mail) => ({
      to: mail.to,
      fromName: mail.from_name,
      ...(mail.reply_to ? { replyTo: mail.reply_to } : {}),
      subject: mail.subject,
      text: mail.text,
      messageId: confirmationMessageId(mail.id),
      language: mail.language,
    }),
  });
}
