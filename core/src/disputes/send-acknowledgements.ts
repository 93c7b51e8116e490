import { tenantEm } from '../db/tenant-scope.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import { type MailOutboxDeps, type MailOutboxRun, trySend } from '../mail/try-send.ts';
import { acknowledgementMessageId } from './dispute-store.ts';

export type AcknowledgementRun = MailOutboxRun;

interface Pending {
  id: string;
  ack_to: string;
  ack_subject: string;
  ack_text: string;
  language: string;
  ack_attempts: number;
}

/** How long a claimed acknowledgement is left to the worker that claimed it before another may send it. */
const LEASE = '5 minutes';

/**
 * Sends the acknowledgements disputes queued when they were opened (their rows are the outbox), every
 * tenant in turn, after the disputes committed:
 * 1. claim the due ones (`skip locked`, and a lease: a worker that dies mid-send leaves them to the
 *    next run after LEASE);
 * 2. send each with its deterministic Message-ID, so a resend after a crash between "sent" and
 *    "recorded" is recognisable as the same message (at least once, never a different one);
 * 3. record `sent`; a permanent refusal, or the last of `maxAttempts`, records `failed` with why; other
 *    failures wait 2^attempts minutes for the next run.
 * With no mailer (KREDO_SMTP_URL unset) each pending acknowledgement is recorded `not_sent`, saying so.
 */
export async function sendAcknowledgements(deps: MailOutboxDeps): Promise<AcknowledgementRun> {
  const run: AcknowledgementRun = { sent: 0, failed: 0, retrying: 0, notSent: 0 };
  await forEachTenant(
    deps.orm,
    async ({ tenantId }) => {
      const em = tenantEm(deps.orm, tenantId);
      if (!deps.mailer) {
        const skipped = await em.execute(
          `update dispute set ack_status = 'not_sent', ack_reason = 'no mail server is configured (KREDO_SMTP_URL)',
             updated_at = now() where ack_status = 'pending' returning id`,
        );
        run.notSent += skipped.length;
        return;
      }
      const claimed = await em.execute<Pending[]>(
        `update dispute set ack_next_attempt_at = now() + interval '${LEASE}'
         where id in (select id from dispute where ack_status = 'pending' and ack_next_attempt_at <= now()
                      order by ack_next_attempt_at, id limit 100 for update skip locked)
         returning id, ack_to, ack_subject, ack_text, language, ack_attempts`,
      );
      for (const ack of claimed) {
        const outcome = await trySend(deps.mailer, {
          to: ack.ack_to,
          subject: ack.ack_subject,
          text: ack.ack_text,
          messageId: acknowledgementMessageId(ack.id),
          language: ack.language,
        });
        const attempts = ack.ack_attempts + 1;
        if (outcome.ok) {
          await em.execute(
            `update dispute set ack_status = 'sent', ack_sent_at = now(), ack_attempts = ?, ack_reason = null,
               ack_next_attempt_at = null, updated_at = now() where id = ? and ack_status = 'pending'`,
            [attempts, ack.id],
          );
          run.sent += 1;
        } else if (outcome.permanent || attempts >= deps.maxAttempts) {
          await em.execute(
            `update dispute set ack_status = 'failed', ack_attempts = ?, ack_reason = ?, ack_next_attempt_at = null,
               updated_at = now() where id = ? and ack_status = 'pending'`,
            [attempts, outcome.reason, ack.id],
          );
          run.failed += 1;
        } else {
          await em.execute(
            `update dispute set ack_attempts = ?, ack_reason = ?,
               ack_next_attempt_at = now() + make_interval(mins => ?), updated_at = now()
             where id = ? and ack_status = 'pending'`,
            [attempts, outcome.reason, 2 ** Math.min(attempts, 10), ack.id],
          );
          run.retrying += 1;
        }
      }
    },
    { only: deps.only },
  );
  return run;
}
