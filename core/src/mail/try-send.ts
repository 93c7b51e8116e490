import type { Orm } from '../db/orm.ts';
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

/** What a job sending an outbox of mails (acknowledgements, confirmations) is given. */
export interface MailOutboxDeps {
  orm: Orm;
  /** Null when no SMTP server is configured: the pending mails are recorded `not_sent`. */
  mailer: Mailer | null;
  maxAttempts: number;
  /** One tenant only; every tenant in turn when absent. */
  only?: string;
}

/** What one run of such a job did. */
export interface MailOutboxRun {
  sent: number;
  failed: number;
  retrying: number;
  notSent: number;
}
