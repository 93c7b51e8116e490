import { sendMailOutbox } from '../mail/mail-outbox.ts';
import type { MailOutboxDeps, MailOutboxRun } from '../mail/try-send.ts';
import { acknowledgementMessageId } from './dispute-store.ts';

export type AcknowledgementRun = MailOutboxRun;

interface Pending {
  id: string;
  attempts: number;
  ack_to: string;
  ack_subject: string;
  ack_text: string;
  language: string;
}

/**
 * Sends the acknowledgements disputes queued when they were opened (their rows are the outbox: the
 * `ack_` columns), every tenant in turn, after the disputes committed, through the mail outbox
 * (mail/mail-outbox.ts: claimed under a lease, sent once with a deterministic Message-ID, retried with
 * backoff, `not_sent` without SMTP).
 */
export function sendAcknowledgements(deps: MailOutboxDeps): Promise<AcknowledgementRun> {
  return sendMailOutbox<Pending>(deps, {
    table: 'dispute',
    status: 'ack_status',
    attempts: 'ack_attempts',
    reason: 'ack_reason',
    nextAttemptAt: 'ack_next_attempt_at',
    sentAt: 'ack_sent_at',
    select: 'ack_to, ack_subject, ack_text, language',
    mail: (ack) => ({
      to: ack.ack_to,
      subject: ack.ack_subject,
      text: ack.ack_text,
      messageId: acknowledgementMessageId(ack.id),
      language: ack.language,
    }),
  });
}
