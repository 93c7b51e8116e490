import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { outboxCommitTrigger } from '../events/index.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { createMailer } from '../mail/mailer.ts';
import { sendSignInLinks } from './portal-sign-in-mail.ts';
import { SIGN_IN_CHANNEL } from './portal-sign-in-store.ts';

export const SIGN_IN_MAIL_TASK = 'send_portal_sign_in_links';

/**
 * The sign-in links' mail: woken by the commit of each request (its `pg_notify`), so the link
 * arrives within seconds, and every minute besides for what a dropped listener missed.
 */
export function portalSignInJobs(deps: { orm: Orm; config: Config; publicUrl: () => string }): ModuleJobs {
  const mailer = createMailer(deps.config);
  return {
    tasks: {
      [SIGN_IN_MAIL_TASK]: async (payload) => {
        const only = (payload as { tenantId?: unknown } | null)?.tenantId;
        await sendSignInLinks({
          orm: deps.orm,
          mailer,
          publicUrl: deps.publicUrl(),
          only: typeof only === 'string' ? only : undefined,
        });
      },
    },
    cron: [{ schedule: '* * * * *', task: SIGN_IN_MAIL_TASK }],
    triggers: [
      outboxCommitTrigger(
        'portal sign-in links',
        (tenantId, { addJob }) =>
          addJob(SIGN_IN_MAIL_TASK, { tenantId }, { jobKey: `${SIGN_IN_MAIL_TASK}:${tenantId}` }),
        SIGN_IN_CHANNEL,
      ),
    ],
  };
}
