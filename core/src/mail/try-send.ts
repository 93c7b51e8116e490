import { MailError, type Mailer, type OutgoingMail } from './mailer.ts';

/** What became of one message: sent, or why not and whether a later attempt may pass. */
export type SendOutcome = { ok: true } | { ok: false; permanent: boolean; reason: string };

/**
 * Sends one message and answers the outcome as data, for an outbox sender to record: a refusal the
 * server gave as final (5xx) is permanent; anything else (4xx, network, an unexpected throw) may pass later.
 */
export async function trySend(mailer: Mailer, mail: OutgoingMail): Promise<SendOutcome> {
  try {
    await mailer.send(mail);
    return { ok: true };
  } catch (error) {
    if (error instanceof MailError) return { ok: false, permanent: error.permanent, reason: error.message };
    return {
      ok: false,
      permanent: false,
      reason: error instanceof Error ? error.message.slice(0, 500) : 'failed',
    };
  }
}
