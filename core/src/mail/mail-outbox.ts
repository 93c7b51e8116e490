import type { EntityManager } from '@mikro-orm/postgresql';
import { tenantEm } from '../db/tenant-scope.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import type { OutgoingMail } from './mailer.ts';
import { type MailOutboxDeps, type MailOutboxRun, type SendOutcome, trySend } from './try-send.ts';

/**
 * A table whose rows are mails to send (a dispute's acknowledgement, a portal action's confirmation),
 * as the module that owns it names its columns: mail/ never names another module's table itself.
 * Every name here is the owner's constant, never input.
 */
export interface MailOutboxTable<Row> {
  table: string;
  /** `pending` → `sent` | `failed` | `not_sent`. */
  status: string;
  attempts: string;
  reason: string;
  /** When a pending mail is due: its lease while claimed, its retry wait after a failure. */
  nextAttemptAt: string;
  sentAt: string;
  /** The further columns the mail is made of, as the select list of the claimed rows. */
  select: string;
  mail(row: Row): OutgoingMail;
}

/** How long a claimed mail is left to the worker that claimed it before another may send it. */
const LEASE = '5 minutes';
/** Mails claimed per round: a run sends a tenant's backlog a hundred at a time. */
const CLAIM = 100;

/**
 * Sends an outbox table's due mails, for one tenant or each in turn:
 * 1. claim the due ones: `skip locked` and a lease committed before anything goes out, so a second
 *    job running at the same time, or a retried one, finds nothing to send; a worker that dies
 *    mid-send leaves them to a run after LEASE;
 * 2. send each as the owner makes it, with its deterministic Message-ID (a resend after a crash
 *    between "sent" and "recorded" is the same message);
 * 3. record `sent`; a permanent refusal, or the last of `maxAttempts`, records `failed` with why;
 *    other failures wait 2^attempts minutes (`nextStep`).
 * With no mailer (KREDO_SMTP_URL unset) each pending mail is recorded `not_sent`, saying so.
 */
export async function sendMailOutbox<Row extends { id: string; attempts: number }>(
  deps: MailOutboxDeps,
  outbox: MailOutboxTable<Row>,
): Promise<MailOutboxRun> {
  const run: MailOutboxRun = { sent: 0, failed: 0, retrying: 0, notSent: 0 };
  const { table, status, reason, nextAttemptAt } = outbox;
  await forEachTenant(
    deps.orm,
    async ({ tenantId }) => {
      const em = tenantEm(deps.orm, tenantId);
      if (!deps.mailer) {
        const skipped = await em.execute(
          `update ${table} set ${status} = 'not_sent', ${nextAttemptAt} = null, updated_at = now(),
             ${reason} = 'no mail server is configured (KREDO_SMTP_URL)'
           where ${status} = 'pending' returning id`,
        );
        run.notSent += skipped.length;
        return;
      }
      for (
        let claimed = await claimDue(em, outbox);
        claimed.length > 0;
        claimed = await claimDue(em, outbox)
      ) {
        for (const row of claimed) {
          const outcome = await trySend(deps.mailer, outbox.mail(row));
          run[await record(em, outbox, row, outcome, deps.maxAttempts)] += 1;
        }
        if (claimed.length < CLAIM) break;
      }
    },
    { only: deps.only },
  );
  return run;
}

async function claimDue<Row>(em: EntityManager, outbox: MailOutboxTable<Row>): Promise<Row[]> {
  const { table, status, attempts, nextAttemptAt } = outbox;
  return em.execute<Row[]>(
    `update ${table} set ${nextAttemptAt} = now() + interval '${LEASE}'
     where id in (select id from ${table} where ${status} = 'pending' and ${nextAttemptAt} <= now()
                  order by ${nextAttemptAt}, id limit ${CLAIM} for update skip locked)
     returning id, ${attempts} as attempts, ${outbox.select}`,
  );
}

/** What a failed attempt leads to: the last of `maxAttempts` or a permanent refusal fails for good. */
export function nextStep(
  outcome: SendOutcome,
  attempts: number,
  maxAttempts: number,
): 'sent' | 'failed' | 'retrying' {
  if (outcome.ok) return 'sent';
  return outcome.permanent || attempts >= maxAttempts ? 'failed' : 'retrying';
}

/** The wait before the next attempt after `attempts` failed ones: 2^attempts minutes, at most ~17 hours. */
export const retryDelayMinutes = (attempts: number) => 2 ** Math.min(attempts, 10);

/** Step 3: what became of one mail, recorded only while it is still pending. */
async function record<Row extends { id: string; attempts: number }>(
  em: EntityManager,
  outbox: MailOutboxTable<Row>,
  row: Row,
  outcome: SendOutcome,
  maxAttempts: number,
): Promise<'sent' | 'failed' | 'retrying'> {
  const { table, status, reason, nextAttemptAt, sentAt } = outbox;
  const attempts = row.attempts + 1;
  const step = nextStep(outcome, attempts, maxAttempts);
  const why = outcome.ok ? null : outcome.reason.slice(0, 500);
  const [set, values]: [string, unknown[]] =
    step === 'sent'
      ? [`${status} = 'sent', ${sentAt} = now(), ${reason} = null, ${nextAttemptAt} = null`, []]
      : step === 'failed'
        ? [`${status} = 'failed', ${reason} = ?, ${nextAttemptAt} = null`, [why]]
        : [
            `${reason} = ?, ${nextAttemptAt} = now() + make_interval(mins => ?)`,
            [why, retryDelayMinutes(attempts)],
          ];
  await em.execute(
    `update ${table} set ${set}, ${outbox.attempts} = ?, updated_at = now() where id = ? and ${status} = 'pending'`,
    [...values, attempts, row.id],
  );
  return step;
}
