import type { EntityManager } from '@mikro-orm/postgresql';
import { tenantEm } from '../db/tenant-scope.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import { type MailOutboxDeps, type MailOutboxRun, type SendOutcome, trySend } from '../mail/try-send.ts';

export type ConfirmationRun = MailOutboxRun;

interface Pending {
  id: string;
  to: string;
  from_name: string;
  reply_to: string | null;
  subject: string;
  text: string;
  language: string;
  attempts: number;
}

/** How long a claimed confirmation is left to the worker that claimed it before another may send it. */
const LEASE = '5 minutes';

/** A confirmation's Message-ID: the same on every attempt, so a resend after a crash is recognised. */
export const confirmationMessageId = (id: string) => `<${id}@kredo>`;

/**
 * Sends the confirmations portal actions queued (queue-confirmation.ts), for one tenant or each in turn:
 * 1. claim the due ones: `skip locked` and a lease committed before anything goes out, so a second
 *    job running at the same time, or a retried one, finds nothing to send; a worker that dies
 *    mid-send leaves them to a run after LEASE;
 * 2. send each From the administration's sender name, with its reply-to and a deterministic
 *    Message-ID (a resend after a crash between "sent" and "recorded" is the same message);
 * 3. record `sent`; a permanent refusal, or the last of `maxAttempts`, records `failed` with why;
 *    other failures wait 2^attempts minutes.
 * With no mailer (KREDO_SMTP_URL unset) each pending one is recorded `not_sent`, saying so.
 */
export async function sendConfirmations(deps: MailOutboxDeps): Promise<ConfirmationRun> {
  const run: ConfirmationRun = { sent: 0, failed: 0, retrying: 0, notSent: 0 };
  await forEachTenant(
    deps.orm,
    async ({ tenantId }) => {
      const em = tenantEm(deps.orm, tenantId);
      if (!deps.mailer) {
        const skipped = await em.execute(
          `update portal_confirmation set status = 'not_sent', next_attempt_at = null, updated_at = now(),
             reason = 'no mail server is configured (KREDO_SMTP_URL)'
           where status = 'pending' returning id`,
        );
        run.notSent += skipped.length;
        return;
      }
      for (const mail of await claimDue(em)) {
        const outcome = await trySend(deps.mailer, {
          to: mail.to,
          fromName: mail.from_name,
          ...(mail.reply_to ? { replyTo: mail.reply_to } : {}),
          subject: mail.subject,
          text: mail.text,
          messageId: confirmationMessageId(mail.id),
          language: mail.language,
        });
        run[await record(em, mail, outcome, deps.maxAttempts)] += 1;
      }
    },
    { only: deps.only },
  );
  return run;
}

async function claimDue(em: EntityManager): Promise<Pending[]> {
  return em.execute<Pending[]>(
    `update portal_confirmation set next_attempt_at = now() + interval '${LEASE}'
     where id in (select id from portal_confirmation where status = 'pending' and next_attempt_at <= now()
                  order by next_attempt_at, id limit 100 for update skip locked)
     returning id, "to", from_name, reply_to, subject, text, language, attempts`,
  );
}

/** Step 3: what became of one mail, recorded only while it is still pending. */
async function record(
  em: EntityManager,
  mail: Pending,
  outcome: SendOutcome,
  maxAttempts: number,
): Promise<'sent' | 'failed' | 'retrying'> {
  const attempts = mail.attempts + 1;
  const [set, values, counted]: [string, unknown[], 'sent' | 'failed' | 'retrying'] = outcome.ok
    ? [`status = 'sent', sent_at = now(), reason = null, next_attempt_at = null`, [], 'sent']
    : outcome.permanent || attempts >= maxAttempts
      ? [`status = 'failed', reason = ?, next_attempt_at = null`, [outcome.reason], 'failed']
      : [
          'reason = ?, next_attempt_at = now() + make_interval(mins => ?)',
          [outcome.reason, 2 ** Math.min(attempts, 10)],
          'retrying',
        ];
  await em.execute(
    `update portal_confirmation set ${set}, attempts = ?, updated_at = now() where id = ? and status = 'pending'`,
    [...values, attempts, mail.id],
  );
  return counted;
}
